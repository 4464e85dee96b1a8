// Platform group member lists in SQLite (migration 10): a refresh replaces a group's rows, and
// the groups wanting a refresh are those with a delivered copy of an open notice asking for
// acknowledgement, found through the partial index of such notices.
#include <doctest/doctest.h>

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
  n.groups = {"g1", "g2"};
  n.require_ack = ack;
  n.deadline = deadline;
  n.status = NoticeStatus::sent;
  n.created_at = n.sent_at = t0;
  return n;
}

DeliverNotice copy(std::int64_t id, const std::string& group) {
  SendMessage m;
  m.platform = "feishu";
  m.chat_id = group;
  m.text = "【通知】明天停水";
  m.priority = Priority::notice;
  return DeliverNotice{id, group, m};
}

}  // namespace

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
  CHECK(store.rosters.wanted(t0 + Seconds(3600)).size() == 1);  // notice 1's deadline passed
  CHECK(store.rosters.wanted(t0 + Seconds(7200)).empty());

  SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT d.group_id, n.sent_at, MAX(n.deadline) FROM notices n"
                             " JOIN notice_deliveries d ON d.notice = n.id"
                             " WHERE n.require_ack = 1 AND n.status = 'sent' AND n.deadline > 5 AND d.status = 'sent'"
                             " GROUP BY d.group_id ORDER BY d.group_id");
  std::string text;
  while (plan.executeStep()) text += plan.getColumn(3).getString() + "\n";
  CHECK(text.find("notices_open_ack") != std::string::npos);
}
