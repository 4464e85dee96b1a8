#include <doctest/doctest.h>

#include "tests/console/tickets/rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using nlohmann::json;
using std::chrono::hours;

namespace {

std::vector<std::string> pending_timers(TicketsRig& rig, std::int64_t ticket) {
  std::vector<std::string> out;
  SQLite::Statement s(rig.reader_db, "SELECT kind FROM timers WHERE ticket = ? AND status = 'pending' ORDER BY kind");
  s.bind(1, static_cast<std::int64_t>(ticket));
  while (s.executeStep()) out.push_back(s.getColumn(0).getString());
  return out;
}

const json& last_event(const json& detail) { return detail["timeline"].back(); }

std::string error_of(const http::Response& r) { return json::parse(r.body())["error"].get<std::string>(); }

}  // namespace

TEST_CASE("assign hands the ticket to a member of its grid, who hears of it, with the claim timers moved") {
  TicketsRig rig;
  Ticket t = ticket_in(1001, "xfl-1", "xingfuli", hours(5));
  t.state = TicketState::claimed;
  t.claimed_by = "wangfang";
  rig.save(t);
  auto r = rig.act(1001, {{"action", "assign"}, {"member", "liqiang"}});
  INFO(r.body());
  REQUIRE(r.result() == http::Status::ok);
  auto d = json::parse(r.body());
  CHECK(d["owner"] == "liqiang");
  CHECK(d["state"] == "accepted");
  CHECK(d["claimed_by"] == "");
  CHECK(d["claim_due_at"].get<std::int64_t>() > rig.clock.now().time_since_epoch().count());
  CHECK(last_event(d)["kind"] == "assigned");
  CHECK(last_event(d)["actor"] == "admin1");
  CHECK(last_event(d)["detail"] == "liqiang");
  auto told = rig.messages_to("liqiang");
  REQUIRE(told.size() == 1);
  CHECK(told[0].starts_with("【指派 #1001】管理员在工作台将工单指派给您。"));
  CHECK(pending_timers(rig, 1001) == std::vector<std::string>{"claim_limit"});
  CHECK(rig.nudges == 1);
  // A community head answers for the community's grids too.
  CHECK(rig.act(1001, {{"action", "assign"}, {"member", "zhoulan"}}).result() == http::Status::ok);
}

TEST_CASE("assign refuses a member who cannot own the ticket, naming the field") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  for (const char* member : {"zhaomin" /* a steward */, "chenjing" /* another grid */, "liuyang" /* a liaison */, "nobody"}) {
    auto r = rig.act(1001, {{"action", "assign"}, {"member", member}});
    INFO(member);
    CHECK(r.result() == http::Status::bad_request);
    CHECK(error_of(r).starts_with("'member'"));
  }
  CHECK(error_of(rig.act(1001, {{"action", "assign"}})) == "'member' is required to assign");
  CHECK(rig.messages_to("chenjing").empty());
}

TEST_CASE("transfer moves the ticket to another grid: grid, community and owner change, the new owner hears") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  auto r = rig.act(1001, {{"action", "transfer"}, {"grid", "yl-2"}});
  INFO(r.body());
  REQUIRE(r.result() == http::Status::ok);
  auto d = json::parse(r.body());
  CHECK(d["grid"] == "yl-2");
  CHECK(d["community"] == "yangliu");
  CHECK(d["owner"] == "maxiaojun");  // the grid's manager: drainage has no route of its own
  CHECK(last_event(d)["kind"] == "transferred");
  CHECK(last_event(d)["detail"] == "xfl-1 → yl-2 (maxiaojun)");
  auto told = rig.messages_to("maxiaojun");
  REQUIRE(told.size() == 1);
  CHECK(told[0].starts_with("【转派 #1001】管理员在工作台将工单转派到您的网格"));
  CHECK(pending_timers(rig, 1001) == std::vector<std::string>{"claim_limit"});
  // Now yangliu's: a xingfuli viewer no longer sees it.
  rig.as(console::ConsoleRole::community, "heping", "xingfuli");
  CHECK(rig.get("/api/v1/tickets/1001").result() == http::Status::forbidden);
}

TEST_CASE("transfer stays within the viewer's scope and needs a grid that exists") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  rig.as(console::ConsoleRole::community, "heping", "xingfuli");
  CHECK(rig.act(1001, {{"action", "transfer"}, {"grid", "yl-1"}}).result() == http::Status::forbidden);
  CHECK(error_of(rig.act(1001, {{"action", "transfer"}, {"grid", "nowhere"}})).starts_with("'grid'"));
  CHECK(error_of(rig.act(1001, {{"action", "transfer"}, {"grid", "xfl-1"}})).find("already in grid") != std::string::npos);
  CHECK(rig.act(1001, {{"action", "transfer"}, {"grid", "xfl-2"}}).result() == http::Status::ok);
  CHECK(rig.get_json("/api/v1/tickets/1001")["owner"] == "chenjing");
}

TEST_CASE("a supervisor may supervise and note but neither assign nor transfer") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  rig.as(console::ConsoleRole::supervisor);
  CHECK(rig.act(1001, {{"action", "assign"}, {"member", "liqiang"}}).result() == http::Status::forbidden);
  CHECK(rig.act(1001, {{"action", "transfer"}, {"grid", "xfl-2"}}).result() == http::Status::forbidden);
  auto r = rig.act(1001, {{"action", "supervise"}, {"text", "今天下班前必须疏通"}});
  REQUIRE(r.result() == http::Status::ok);
  auto d = json::parse(r.body());
  CHECK(last_event(d)["kind"] == "supervised");
  CHECK(last_event(d)["actor"] == "u-supervisor");
  CHECK(last_event(d)["detail"] == "今天下班前必须疏通");
  auto told = rig.messages_to("wangfang");
  REQUIRE(told.size() == 1);
  CHECK(told[0].starts_with("【督办 #1001】值班员在工作台督办：今天下班前必须疏通"));
  CHECK(error_of(rig.act(1001, {{"action", "supervise"}})) == "'text': the instruction (督办意见) is required");
}

TEST_CASE("a note is an audit event only") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  auto r = rig.act(1001, {{"action", "note"}, {"text", "已电话联系居民，明早上门"}});
  REQUIRE(r.result() == http::Status::ok);
  auto d = json::parse(r.body());
  CHECK(last_event(d)["kind"] == "note");
  CHECK(last_event(d)["detail"] == "已电话联系居民，明早上门");
  CHECK(d["owner"] == "wangfang");
  CHECK(rig.messages_to("wangfang").empty());
  CHECK(pending_timers(rig, 1001).empty());
  CHECK(error_of(rig.act(1001, {{"action", "note"}, {"text", ""}})) == "'text': the note is required");
}

TEST_CASE("a closed or cancelled ticket answers 409 to every action but a note") {
  TicketsRig rig;
  Ticket closed = ticket_in(1001, "xfl-1", "xingfuli", hours(1));
  closed.state = TicketState::closed;
  Ticket cancelled = ticket_in(1002, "xfl-1", "xingfuli", hours(1));
  cancelled.state = TicketState::cancelled;
  rig.save(closed);
  rig.save(cancelled);
  for (std::int64_t n : {1001, 1002}) {
    CHECK(rig.act(n, {{"action", "assign"}, {"member", "liqiang"}}).result() == http::Status::conflict);
    CHECK(rig.act(n, {{"action", "transfer"}, {"grid", "xfl-2"}}).result() == http::Status::conflict);
    CHECK(rig.act(n, {{"action", "supervise"}, {"text", "快"}}).result() == http::Status::conflict);
    CHECK(rig.act(n, {{"action", "note"}, {"text", "居民来电致谢"}}).result() == http::Status::ok);
  }
  CHECK(rig.get_json("/api/v1/tickets/1001")["state"] == "closed");
  CHECK(rig.messages_to("liqiang").empty());
}

TEST_CASE("actions check the body, the number and the viewer's scope") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  CHECK(error_of(rig.send(http::Verb::post, "/api/v1/tickets/1001/actions", "not json")) == "body must be a JSON object");
  CHECK(error_of(rig.act(1001, {{"action", "delete"}})).starts_with("'action' must be"));
  CHECK(error_of(rig.act(1001, {{"action", "note"}, {"text", 5}})) == "'text' must be a string");
  CHECK(rig.act(4242, {{"action", "note"}, {"text", "x"}}).result() == http::Status::not_found);
  rig.as(console::ConsoleRole::community, "heping", "yangliu");
  CHECK(rig.act(1001, {{"action", "note"}, {"text", "x"}}).result() == http::Status::forbidden);
  rig.viewer.reset();
  CHECK(rig.act(1001, {{"action", "note"}, {"text", "x"}}).result() == http::Status::unauthorized);
  rig.as(console::ConsoleRole::admin);
  CHECK(rig.get_json("/api/v1/tickets/1001")["timeline"].size() == 1);  // nothing refused was recorded
}

TEST_CASE("an action from another site's page is refused before anything is read or written") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  const std::string note = json{{"action", "note"}, {"text", "x"}}.dump();
  auto cross = rig.send(http::Verb::post, "/api/v1/tickets/1001/actions", note, "application/json", "http://evil.example");
  CHECK(cross.result() == http::Status::forbidden);
  // A form post needs no preflight, so it must not pass as JSON.
  CHECK(rig.send(http::Verb::post, "/api/v1/tickets/1001/actions", note, "text/plain").result() == http::Status::forbidden);
  CHECK(rig.send(http::Verb::post, "/api/v1/tickets/1001/actions", note, "application/json", "http://127.0.0.1:8080").result() ==
        http::Status::ok);
  CHECK(rig.get_json("/api/v1/tickets/1001")["timeline"].size() == 2);
}

TEST_CASE("the timeline names a console action by the member the console user acts as, else by the user's own name") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  REQUIRE(rig.act(1001, {{"action", "note"}, {"text", "已电话联系居民"}}).result() == http::Status::ok);
  rig.viewer = console::Viewer{.user = "desk", .name = "值班台", .role = console::ConsoleRole::admin};
  auto d = json::parse(rig.act(1001, {{"action", "note"}, {"text", "明早上门"}}).body());
  const auto& timeline = d["timeline"];
  REQUIRE(timeline.size() == 3);  // created, and the two notes
  CHECK(timeline[1]["actor"] == "admin1");  // the trail keeps who signed in
  CHECK(timeline[1]["actor_name"] == "高建");
  CHECK(timeline[2]["actor"] == "desk");
  CHECK(timeline[2]["actor_name"] == "值班台");
  // A member acting in chat is named as before; an actor nobody knows, as recorded.
  CHECK(timeline[0]["actor_name"] == timeline[0]["actor"]);  // the reporter, a resident (not a member)
  CHECK(rig.get_json("/api/v1/tickets/1001")["timeline"][1]["actor_name"] == "高建");
}
