#include <doctest/doctest.h>

#include "tests/support/await.hpp"
#include "tests/support/pipeline_rig.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

using Rig = testing::PipelineRig;

TEST_CASE("a message is handled once: a redelivery finds its inbox row and changes nothing") {
  Rig r;
  auto first = r.post("1", "3号楼2单元下水道堵了");
  CHECK_FALSE(first.duplicate);
  CHECK(r.store.tickets.count() == 1);
  CHECK(r.store.outbox.count("pending") == 3);  // receipt, the member's notice, the steward's copy
  CHECK(r.commits == 1);
  auto again = r.post("1", "3号楼2单元下水道堵了");
  CHECK(again.duplicate);
  CHECK(r.store.tickets.count() == 1);
  CHECK(r.store.outbox.count("pending") == 3);
  CHECK(r.commits == 1);
}

TEST_CASE("the record hook commits with the message, and is rolled back for a redelivery") {
  Rig r;
  int recorded = 0;
  auto record = [&](storage::Store&, Inbound& m) {
    ++recorded;
    r.db.exec("INSERT INTO local_messages(chat_id, user_id, sender, text, mentions, at) VALUES('g','','u','t','[]',0)");
    m.message_id = std::to_string(r.db.getLastInsertRowid());
    return m.message_id;
  };
  Inbound in{"local", "", "xfl-1-group", "zhangwei", "收到", std::nullopt, {}};
  auto first = r.pipeline.accept(in, "client:a", record);
  auto second = r.pipeline.accept(in, "client:a", record);
  CHECK(second.duplicate);
  CHECK(second.ref == first.ref);
  CHECK(recorded == 2);
  CHECK(r.db.execAndGet("SELECT COUNT(*) FROM local_messages").getInt() == 1);
}

TEST_CASE("timers fire when the clock reaches them, exactly once, as of their due time") {
  Rig r;
  r.post("1", "3号楼2单元下水道堵了");
  CHECK(r.pipeline.fire_due_timers() == 0);
  r.clock.advance(r.policy.normal.claim - Seconds(1));
  CHECK(r.pipeline.fire_due_timers() == 1);  // the reminder at 80%
  r.clock.advance(Seconds(3600));            // late: the service was down for an hour
  CHECK(r.pipeline.fire_due_timers() == 1);  // the claim deadline
  CHECK(r.pipeline.fire_due_timers() == 0);
  auto timeline = r.store.tickets.timeline(1001);
  REQUIRE(timeline.size() >= 2);
  CHECK(timeline[timeline.size() - 2].kind == "claim_overdue");
  CHECK(timeline.back().kind == "escalated");
  // Handled as of the deadline, not of the late firing: the next rung's limit counts from then.
  CHECK(timeline.back().at == r.clock.now() - Seconds(3599));
}

TEST_CASE("after downtime past a whole limit, one replay fires its reminder and the deadline it re-arms") {
  Rig r;
  r.post("1", "3号楼2单元下水道堵了");
  const Time due = r.store.tickets.find(1001)->claim_due_at;
  CHECK(r.store.timers.count_pending() == 2);  // one row per limit: claim, resolve
  r.clock.advance(r.policy.normal.claim + Seconds(7200));  // down from before the reminder to well past the deadline
  // The reminder's row fires and re-arms for the deadline, already due: the same replay fires it.
  CHECK(r.pipeline.fire_due_timers() == 2);
  CHECK(r.pipeline.fire_due_timers() == 0);
  auto timeline = r.store.tickets.timeline(1001);
  REQUIRE(timeline.size() >= 2);
  CHECK(timeline[timeline.size() - 2].kind == "claim_overdue");
  CHECK(timeline[timeline.size() - 2].at == due);
  CHECK(timeline.back().kind == "escalated");
  // The escalation replaced the ticket's limits: only the new rung's resolve limit is pending.
  SQLite::Statement pending(r.db, "SELECT kind, payload FROM timers WHERE status = 'pending'");
  REQUIRE(pending.executeStep());
  CHECK(pending.getColumn(0).getString() == "resolve_limit");
  CHECK(pending.getColumn(1).getString() == R"({"level":1,"step":"reminder"})");
  CHECK_FALSE(pending.executeStep());
}

TEST_CASE("a delivery id is unique within its conversation: another user or group reusing it is a new message") {
  Rig r;
  auto direct = [&](const std::string& user, const std::string& text) {
    return r.pipeline.accept(Inbound{"local", "", "", user, text, std::nullopt, {}}, "client:1");
  };
  CHECK_FALSE(direct("zhangwei", "我的工单").duplicate);
  CHECK_FALSE(direct("liuna", "我的工单").duplicate);  // the same client id from someone else
  CHECK(direct("liuna", "我的工单").duplicate);        // her own redelivery still is one
  CHECK_FALSE(r.post("", "3号楼2单元下水道堵了", "client:1").duplicate);  // zhangwei again, but in his group
  auto other_group = r.pipeline.accept(
      Inbound{"local", "", "xfl-2-group", "zhangwei", "5号楼电梯坏了", std::nullopt, {}}, "client:1");
  CHECK_FALSE(other_group.duplicate);
  CHECK(r.db.execAndGet("SELECT COUNT(*) FROM inbox").getInt() == 4);
}

TEST_CASE("submit answers a committed message's redelivery from the reader connection, without the writer") {
  testing::TempDir dir;
  const std::string path = dir.file("pipeline.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store{db};
  SQLite::Database reader_db = storage::open_reader(path);
  storage::Store reader{reader_db};
  OrganizationSnapshots orgs{testing::shared(sample_organization())};
  Policy policy;
  ManualClock clock{Time(Seconds(1'794'967'200))};
  Writer writer(store);
  Pipeline pipeline(store, orgs, policy, templates::Catalog::builtin(), clock, &writer, &reader);
  writer.start();
  auto report = [] { return Inbound{"local", "m1", "xfl-1-group", "zhangwei", "3号楼2单元下水道堵了", std::nullopt, {}}; };
  auto first = testing::await(pipeline.submit(report(), "client:1", [](storage::Store&, Inbound&) { return std::string("ref-1"); }));
  CHECK_FALSE(first.duplicate);
  // With the writer stopped, anything that reached it would be refused: the redelivery does not.
  writer.stop();
  auto again = testing::await(pipeline.submit(report(), "client:1", {}));
  CHECK(again.duplicate);
  CHECK(again.ref == "ref-1");
  // The same id from another user is another conversation's message: it needs the writer.
  auto other = report();
  other.sender = "liuna";
  other.chat_id = "";
  CHECK_THROWS(testing::await(pipeline.submit(other, "client:1", {})));
  CHECK(reader.tickets.count() == 1);
}
