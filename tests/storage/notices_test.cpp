// Notices in SQLite: a group's open notices through its deliveries, a quote found through the
// sent copy (or any part of a split one), each group's status and error from its outbox row,
// one acknowledgement per person, and the lookups every group message makes as index seeks. And
// the platforms' group member lists (migration 12): a refresh replaces a group's rows; the groups
// wanting one are those with a delivered copy of an open acknowledged notice.
#include <doctest/doctest.h>

#include <set>

#include <SQLiteCpp/Transaction.h>

#include "storage/database.hpp"
#include "storage/store.hpp"

using namespace gridbot;

namespace {

const Time t0 = Time(Seconds(1'000'000));

Notice notice(std::int64_t id, bool ack, Time deadline) {
  Notice n;
  n.id = id;
  n.sender = "gaojian";
  n.sender_platform = "local";
  n.sender_user = "gaojian";
  n.text = "明天停水";
  n.versions = {{"ug", "ئەتە سۇ توختىتىلىدۇ"}};
  n.groups = {"g1", "g2"};
  n.require_ack = ack;
  n.deadline = deadline;
  n.status = NoticeStatus::sent;
  n.created_at = n.sent_at = t0;
  return n;
}

DeliverNotice copy(std::int64_t id, const std::string& group) {
  SendMessage m;
  m.platform = "local";
  m.chat_id = group;
  m.text = "【通知】明天停水";
  m.priority = Priority::notice;
  return DeliverNotice{id, group, m};
}

std::string plan(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
  std::string out;
  while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
  return out;
}

}  // namespace

TEST_CASE("a notice, its copies and acknowledgements round-trip; open ones are found per group") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  SQLite::Transaction tx(db);
  CHECK(store.notices.next_notice_id() == 1);
  store.apply({SaveNotice{notice(1, true, t0 + Seconds(3600))}, copy(1, "g1"), copy(1, "g2"),
               SaveNotice{notice(2, false, Time{})}, copy(2, "g1")},
              t0);
  CHECK(store.notices.next_notice_id() == 3);
  auto n = store.notices.find_notice(1);
  REQUIRE(n);
  CHECK(n->groups == std::vector<std::string>{"g1", "g2"});
  CHECK(n->versions.at("ug") == "ئەتە سۇ توختىتىلىدۇ");
  CHECK(n->deadline == t0 + Seconds(3600));

  auto open = store.notices.open_acknowledged_notices("g1", t0);
  REQUIRE(open.size() == 1);  // notice 2 asks for no acknowledgement
  CHECK(open[0].id == 1);
  CHECK(store.notices.open_acknowledged_notices("g3", t0).empty());
  CHECK(store.notices.open_acknowledged_notices("g1", t0 + Seconds(3600)).empty());  // its deadline passed

  store.apply({RecordAck{1, "g1", "zhangwei", "m1", t0}, RecordAck{1, "g1", "zhangwei", "m2", t0}, RecordAck{1, "g2", "liuna", "m3", t0}}, t0);
  CHECK(store.notices.acknowledgers(1, "g1") == std::vector<std::string>{"zhangwei"});
  CHECK(store.notices.acknowledgers(1, "g2") == std::vector<std::string>{"liuna"});

  // The outcome the outbox records on each copy is the delivery's status; a sent copy's platform
  // id finds the notice.
  auto rows = store.outbox.due(t0, 10);
  REQUIRE(rows.size() == 3);
  store.outbox.mark_sent(rows[0].id, "501", t0);
  store.notices.record_outcome(rows[0].id, "sent");
  store.outbox.mark_dead(rows[1].id, "chat not found", 93000);
  store.notices.record_outcome(rows[1].id, "dead", 93000, delivery_end::permanent);
  auto deliveries = store.notices.deliveries(1);
  REQUIRE(deliveries.size() == 2);
  CHECK(deliveries[0].group_id == "g1");
  CHECK(deliveries[0].status == "sent");
  CHECK(deliveries[1].status == "dead");
  CHECK(deliveries[1].errcode == 93000);
  CHECK(deliveries[1].failure == "permanent");
  CHECK(store.notices.notice_of_message("local", "501") == 1);
  CHECK(!store.notices.notice_of_message("local", "502"));
  CHECK(!store.notices.notice_of_message("wecom", "501"));

  // A copy split into parts: quoting the second part finds the notice too.
  auto parts = store.outbox.split(rows[2], {"【通知】明天", "停水"});
  REQUIRE(parts.size() == 2);
  store.outbox.mark_sent(parts[1].id, "777", t0);
  CHECK(store.notices.notice_of_message("local", "777") == 2);
  tx.commit();
}

TEST_CASE("a group message's notice lookups are index seeks") {
  auto db = storage::open_database(":memory:");
  CHECK(plan(db, "SELECT d.notice FROM notice_deliveries d JOIN notices n ON n.id = d.notice WHERE d.group_id = 'g'")
            .find("notice_deliveries_group") != std::string::npos);
  const auto quote = plan(db, "SELECT d.notice FROM outbox o JOIN notice_deliveries d ON d.outbox_id = COALESCE(o.part_of, o.id)"
                              " WHERE o.platform = 'local' AND o.platform_message_id = '5' AND o.platform_message_id <> ''");
  CAPTURE(quote);
  CHECK(quote.find("outbox_platform_message") != std::string::npos);
  CHECK(plan(db, "SELECT person FROM notice_acks WHERE notice = 1 AND group_id = 'g'").find("PRIMARY KEY") != std::string::npos);
}

TEST_CASE("a refresh replaces the group's list; another group's stays; none stored reads as none") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  CHECK_FALSE(store.rosters.roster_of("g1"));
  store.rosters.replace("g1", {{"ou_1", "王芳"}, {"ou_2", "李强"}}, t0);
  store.rosters.replace("g2", {{"ou_9", "周兰"}}, t0);
  store.rosters.replace("g1", {{"ou_2", "李强"}, {"ou_3", "张大妈"}}, t0 + Seconds(60));
  auto g1 = store.rosters.roster_of("g1");
  REQUIRE(g1);
  REQUIRE(g1->members.size() == 2);
  CHECK(g1->fetched_at == t0 + Seconds(60));
  std::set<std::string> ids{g1->members[0].user_id, g1->members[1].user_id};
  CHECK(ids == std::set<std::string>{"ou_2", "ou_3"});
  REQUIRE(store.rosters.roster_of("g2"));
  CHECK(store.rosters.roster_of("g2")->members[0].name == "周兰");
}

TEST_CASE("wanted: delivered copies of open acknowledged notices, one row per group, the latest deadline") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  SQLite::Transaction tx(db);
  store.apply({SaveNotice{notice(1, true, t0 + Seconds(3600))}, copy(1, "g1"), copy(1, "g2"),
               SaveNotice{notice(2, false, Time{})}, copy(2, "g3"),
               SaveNotice{notice(3, true, t0 + Seconds(7200))}, copy(3, "g1")},
              t0);
  CHECK(store.rosters.wanted(t0).empty());  // nothing delivered yet
  for (const auto& row : store.outbox.due(t0, 10)) store.notices.record_outcome(row.id, "sent");
  auto wanted = store.rosters.wanted(t0);
  REQUIRE(wanted.size() == 2);  // g3's notice asks for no acknowledgement
  CHECK(wanted[0].group_id == "g1");
  CHECK(wanted[0].deadline == t0 + Seconds(7200));
  CHECK(wanted[0].sent_at == t0);
  CHECK(wanted[1].group_id == "g2");
  CHECK_FALSE(wanted[0].fetched_at);
  store.rosters.replace("g1", {{"ou_1", "王芳"}}, t0 + Seconds(5));
  CHECK(store.rosters.wanted(t0)[0].fetched_at == t0 + Seconds(5));
  CHECK(store.rosters.wanted(t0 + Seconds(3600)).size() == 1);  // notice 1's deadline passed
  CHECK(store.rosters.wanted(t0 + Seconds(7200)).empty());

  SQLite::Statement plan(db, std::string("EXPLAIN QUERY PLAN ") + storage::RosterRepository::wanted_sql());
  std::string text;
  while (plan.executeStep()) text += plan.getColumn(3).getString() + "\n";
  CHECK(text.find("notices_open_ack") != std::string::npos);
  CHECK(text.find("SCAN d") == std::string::npos);  // never every copy ever delivered
}
