// A member who leaves a grid hands their open tickets to its grid head (or the community head),
// with an audit event, a notification, and the ticket's timers still counting.
#include <doctest/doctest.h>

#include "handlers/roster_change.hpp"
#include "tests/console/org/org_rig.hpp"
#include "tests/support/memory_tickets.hpp"

using namespace gridbot;
using http::Status;
using http::Verb;

namespace {

int pending_timers(testing::OrgRig& r, std::int64_t ticket) {
  SQLite::Statement q(r.reader_db, "SELECT COUNT(*) FROM timers WHERE status = 'pending' AND ticket = ?");
  q.bind(1, ticket);
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::string outbox_text_to(testing::OrgRig& r, const std::string& user, std::int64_t ticket) {
  SQLite::Statement q(r.reader_db, "SELECT text FROM outbox WHERE user_id = ? AND ticket = ? ORDER BY id DESC LIMIT 1");
  q.bind(1, user);
  q.bind(2, ticket);
  return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

}  // namespace

TEST_CASE("deleting a member hands their open tickets to the grid head, with an event and a notification") {
  testing::OrgRig r;
  r.viewer = testing::community_viewer("xingfuli", "zhoulan");
  const auto ticket = r.report("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了", "m1");
  REQUIRE(r.owner_of(ticket) == "wangfang");
  const int timers = pending_timers(r, ticket);
  REQUIRE(timers > 0);

  auto answer = r.send_json(Verb::delete_, "/api/v1/organization/members/wangfang");
  CHECK(answer["reassigned"] == nlohmann::json{ticket});
  CHECK(r.owner_of(ticket) == "liqiang");  // xfl-1's grid head
  CHECK(pending_timers(r, ticket) == timers);  // the deadlines keep running, now for liqiang
  CHECK(r.nudges == 1);                        // the sender is told a notification is queued

  bool recorded = false;
  for (const auto& e : r.reader.tickets.timeline(ticket))
    if (e.kind == "reassigned") {
      recorded = true;
      CHECK(e.actor == "zhoulan");
      CHECK(e.detail.find("王芳（wangfang）") != std::string::npos);
      CHECK(e.detail.find("李强（liqiang）") != std::string::npos);
      CHECK(e.detail.find("已从组织中移除") != std::string::npos);
    }
  CHECK(recorded);
  const std::string told = outbox_text_to(r, "liqiang", ticket);
  CHECK(told.find("工单移交 #" + std::to_string(ticket)) != std::string::npos);
  CHECK(told.find("王芳") != std::string::npos);

  // The claim deadline that fires later chases the successor, not the departed member.
  r.clock.advance(std::chrono::hours(3));
  CHECK(testing::await(r.pipeline.fire_due_timers_async()) > 0);
  CHECK(r.reader.tickets.find(ticket)->escalated_to != "wangfang");
}

TEST_CASE("moved to another grid, or losing the role: the ticket goes; an unrelated edit moves nothing") {
  testing::OrgRig r;
  const auto t1 = r.report("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了", "m1");
  const auto t2 = r.report("xfl-2-group", "wujun", "7号楼楼道灯坏了", "m2");
  REQUIRE(r.owner_of(t2) == "chenjing");

  // Renaming wangfang changes nothing about her position.
  auto renamed = r.send_json(Verb::put, "/api/v1/organization/members/wangfang",
                             R"({"name": "王芳芳", "roles": ["manager"], "grid": "xfl-1", "accounts": {"local": "wangfang"}})");
  CHECK(renamed["reassigned"].empty());
  CHECK(r.owner_of(t1) == "wangfang");

  // Moved to xfl-2: her xfl-1 ticket goes to xfl-1's grid head.
  auto moved = r.send_json(Verb::put, "/api/v1/organization/members/wangfang",
                           R"({"name": "王芳", "roles": ["manager"], "grid": "xfl-2", "accounts": {"local": "wangfang"}})");
  CHECK(moved["reassigned"] == nlohmann::json{t1});
  CHECK(r.owner_of(t1) == "liqiang");

  // chenjing becomes a steward of xfl-2: still in the grid, so she keeps it...
  auto steward = r.send_json(Verb::put, "/api/v1/organization/members/chenjing",
                             R"({"name": "陈静", "roles": ["steward"], "grid": "xfl-2", "accounts": {"local": "chenjing"}})");
  CHECK(steward["reassigned"].empty());
  // ...but moved up to the community office she no longer answers for the grid.
  auto promoted = r.send_json(Verb::put, "/api/v1/organization/members/chenjing",
                              R"({"name": "陈静", "roles": ["assistant"], "community": "yangliu", "accounts": {"local": "chenjing"}})");
  CHECK(promoted["reassigned"] == nlohmann::json{t2});
  CHECK(r.owner_of(t2) == "sunhao");  // xfl-2's grid head
}

TEST_CASE("the pure handler: no grid head means the community head; nobody means an audit event, no change") {
  auto before = sample_organization();
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  auto& members = doc["members"];
  for (std::size_t i = members.size(); i-- > 0;)
    if (members[i]["id"] == "wangfang" || members[i]["id"] == "liqiang") members.erase(i);
  const auto after = parse_organization(doc.dump(), "after.json");

  testing::MemoryTickets tickets;
  Ticket t;
  t.number = 1001;
  t.grid = "xfl-1";
  t.community = "xingfuli";
  t.owner = "wangfang";
  t.claimed_by = "wangfang";
  t.state = TicketState::claimed;
  t.text = "下水道堵了";
  t.category = "drainage";
  tickets.tickets[t.number] = t;
  Policy policy;
  Context ctx{Time(Seconds(1'794'967'200)), after, tickets, policy, templates::Catalog::builtin()};
  auto change = hand_over_departed(before, "system", ctx);
  REQUIRE(change.reassigned == std::vector<std::int64_t>{1001});
  const auto* saved = std::get_if<SaveTicket>(&change.actions.front());
  REQUIRE(saved);
  CHECK(saved->ticket.owner == "zhoulan");  // xingfuli's community head
  CHECK(saved->ticket.claimed_by == "zhoulan");
  int told = 0;
  for (const auto& a : change.actions) told += std::holds_alternative<SendMessage>(a);
  CHECK(told == 1);  // one notification though two fields moved

  doc["members"].erase(std::find_if(doc["members"].begin(), doc["members"].end(), [](auto& m) { return m["id"] == "zhoulan"; }));
  const auto nobody = parse_organization(doc.dump(), "nobody.json");
  Context bare{ctx.now, nobody, tickets, policy, templates::Catalog::builtin()};
  auto stuck = hand_over_departed(before, "system", bare);
  CHECK(stuck.reassigned.empty());
  REQUIRE(stuck.actions.size() == 1);  // wangfang held it; liqiang and zhoulan held nothing
  CHECK(std::get<RecordEvent>(stuck.actions.front()).kind == "reassign_failed");
}
