#include <doctest/doctest.h>

#include <stdexcept>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "handlers/message_reading.hpp"
#include "handlers/understand/understand.hpp"
#include "tests/support/await.hpp"
#include "tests/support/pipeline_rig.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;
namespace asio = boost::asio;

using Rig = testing::PipelineRig;

namespace {

// A pipeline on a database file, with the writer in front of it and a reader connection beside.
struct WriterRig {
  testing::TempDir dir;
  const std::string path = dir.file("pipeline.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store{db};
  SQLite::Database reader_db = storage::open_reader(path);
  storage::Store reader{reader_db};
  OrganizationSnapshots orgs{testing::shared(sample_organization())};
  Policy policy;
  ManualClock clock{Time(Seconds(1'794'967'200))};
  Writer writer;
  Pipeline pipeline;
  // `reader_answers`: redeliveries are looked up on the reader connection, as in the service.
  WriterRig(WriterLimits limits, bool reader_answers)
      : writer(store, limits),
        pipeline(store, orgs, policy, templates::Catalog::builtin(), clock, &writer, reader_answers ? &reader : nullptr) {
    writer.start();
  }
};

}  // namespace


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

TEST_CASE("the record hook commits with the message; a redelivery never calls it") {
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
  CHECK(recorded == 1);
  CHECK(r.db.execAndGet("SELECT COUNT(*) FROM local_messages").getInt() == 1);
}

TEST_CASE("a record hook that makes the key runs first, and is rolled back when that key was seen") {
  Rig r;
  // A hook that always names the same id, as a platform whose ids repeat would: the second is a
  // redelivery found only after the hook wrote, and its write goes.
  auto record = [&](storage::Store&, Inbound& m) {
    r.db.exec("INSERT INTO local_messages(chat_id, user_id, sender, text, mentions, at) VALUES('g','','u','t','[]',0)");
    m.message_id = "same";
    return std::to_string(r.db.getLastInsertRowid());
  };
  Inbound in{"local", "", "xfl-1-group", "zhangwei", "收到", std::nullopt, {}};
  auto first = r.pipeline.accept(in, "", record);
  auto second = r.pipeline.accept(in, "", record);
  CHECK_FALSE(first.duplicate);
  CHECK(second.duplicate);
  CHECK(second.ref == first.ref);
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
  WriterRig w({}, true);
  Writer& writer = w.writer;
  Pipeline& pipeline = w.pipeline;
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
  CHECK(w.reader.tickets.count() == 1);
}

TEST_CASE("a message run again by the writer files one ticket and keys its inbox row by the id it kept") {
  // A window long enough that the three jobs below share a batch.
  WriterRig w({512, std::chrono::milliseconds(200)}, false);
  Writer& writer = w.writer;
  Pipeline& pipeline = w.pipeline;
  // Three repeatable jobs in one batch: one that writes a local message only on its second run,
  // the message (its record hook makes the key, as the local platform's does), and one that fails
  // once. The retry gives the message another local id than its first run did.
  int first_runs = 0, flaky_runs = 0, recorded = 0;
  Pipeline::Accepted accepted;
  asio::io_context io;
  auto local_message = [](storage::Store& s) {
    return s.local_chat.append(storage::LocalMessage{0, "xfl-1-group", "", "zhangwei", "t", {}, std::nullopt, Time{}, std::nullopt});
  };
  asio::co_spawn(io, writer.run_repeatable([&](storage::Store& s) {
    if (++first_runs == 2) local_message(s);
  }), asio::detached);
  // Understood before the batch's window opens: the first understanding trains the model.
  Inbound in{"local", "", "xfl-1-group", "zhangwei", "3号楼2单元下水道堵了", std::nullopt, {}};
  in.understood = understand::understand(in.text);
  in.read = read_message(in.text);
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    accepted = co_await pipeline.submit(std::move(in), "", [&](storage::Store& s, Inbound& m) {
      ++recorded;
      m.message_id = std::to_string(local_message(s));
      return m.message_id;
    });
  }, asio::detached);
  asio::co_spawn(io, writer.run_repeatable([&](storage::Store&) {
    if (++flaky_runs == 1) throw std::runtime_error("busy");
  }), asio::detached);
  io.run();
  CHECK(writer.batches() == 1);
  CHECK(recorded == 2);
  CHECK_FALSE(accepted.duplicate);
  CHECK(w.store.tickets.count() == 1);
  CHECK(w.db.execAndGet("SELECT COUNT(*) FROM local_messages").getInt() == 2);
  // The inbox row names the message's own id, not the one its rolled-back first run made.
  SQLite::Statement inbox(w.reader_db, "SELECT delivery_id, ref FROM inbox WHERE platform = 'local'");
  REQUIRE(inbox.executeStep());
  CHECK(inbox.getColumn(0).getString() == accepted.ref);
  CHECK(inbox.getColumn(1).getString() == accepted.ref);
  CHECK_FALSE(inbox.executeStep());
}
