// The row counters /healthz reads (storage/counters.hpp): inside a writer batch they reach their
// table once, at the commit, and a job the batch rolls back takes its counts with it; outside a
// batch each change is written at once. Whatever the path, a counter equals its rows' COUNT(*).
#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <SQLiteCpp/Transaction.h>

#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "bot/writer.hpp"
#include "storage/database.hpp"
#include "tests/support/await.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/sample_ticket.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;
namespace asio = boost::asio;

namespace {

std::int64_t counter(SQLite::Database& db, const std::string& name) {
  SQLite::Statement q(db, "SELECT value FROM counters WHERE name = ?");
  q.bind(1, name);
  REQUIRE(q.executeStep());
  return q.getColumn(0).getInt64();
}

// Every counter against the rows it counts.
void check_counters_true(SQLite::Database& db) {
  CHECK(counter(db, "tickets") == db.execAndGet("SELECT COUNT(*) FROM tickets").getInt64());
  for (const char* status : {"pending", "sent", "dead"}) {
    INFO("outbox ", status);
    CHECK(counter(db, std::string("outbox_") + status) ==
          db.execAndGet(std::string("SELECT COUNT(*) FROM outbox WHERE status = '") + status + "'").getInt64());
  }
  for (const char* status : {"pending", "fired", "cancelled"}) {
    INFO("timers ", status);
    CHECK(counter(db, std::string("timers_") + status) ==
          db.execAndGet(std::string("SELECT COUNT(*) FROM timers WHERE status = '") + status + "'").getInt64());
  }
}

void write_one_of_each(storage::Store& s, std::int64_t number) {
  s.tickets.save(testing::sample_ticket(number));
  s.outbox.enqueue(SendMessage{"local", "xfl-1-group", "", "回执", {}, Priority::reply, number, {}}, Time(Seconds(1000)));
  s.timers.schedule(ScheduleTimer{"claim_limit", number, Time(Seconds(9000)), R"({"level":0})"});
}

}  // namespace

TEST_CASE("a batch's counts reach the table at its commit; a job rolled back takes its counts back") {
  testing::TempDir dir;
  const std::string path = dir.file("counters.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store(db);
  SQLite::Database reader = storage::open_reader(path);
  Writer writer(store, WriterLimits{512, std::chrono::milliseconds(200)});
  writer.start();
  asio::io_context io;
  std::vector<std::int64_t> seen(3, -1);
  for (int i = 0; i < 3; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          try {
            co_await writer.run([&, i](storage::Store& s) {
              write_one_of_each(s, 1001 + i);
              // A count read inside the batch includes what is not written to the table yet.
              seen[static_cast<std::size_t>(i)] = s.timers.count_pending();
              if (i == 1) throw std::runtime_error("handler bug");
            });
          } catch (const std::exception&) {
          }
        },
        asio::detached);
  io.run();
  writer.stop();
  CHECK(writer.batches() == 1);
  CHECK(seen == std::vector<std::int64_t>{1, 2, 2});  // job 1's row went with its savepoint
  CHECK(counter(reader, "tickets") == 2);
  CHECK(counter(reader, "outbox_pending") == 2);
  CHECK(counter(reader, "timers_pending") == 2);
  check_counters_true(reader);
}

TEST_CASE("outside a batch each count is written at once, and a rolled-back transaction takes it back") {
  SQLite::Database db = storage::open_database(":memory:");
  storage::Store store(db);
  write_one_of_each(store, 1001);  // autocommit
  CHECK(counter(db, "timers_pending") == 1);
  CHECK(counter(db, "tickets") == 1);
  {
    SQLite::Transaction tx(db);
    write_one_of_each(store, 1002);
    store.timers.cancel(1001, "claim_limit");
    CHECK(counter(db, "timers_pending") == 1);  // +1 −1, both written
    CHECK(counter(db, "timers_cancelled") == 1);
  }  // rolled back
  CHECK(counter(db, "timers_pending") == 1);
  CHECK(counter(db, "timers_cancelled") == 0);
  CHECK(counter(db, "tickets") == 1);
  check_counters_true(db);
}

TEST_CASE("through intake, claims, replayed timers and sends on the writer, every counter stays true") {
  testing::TempDir dir;
  const std::string path = dir.file("life.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store(db);
  OrganizationSnapshots orgs{testing::shared(sample_organization())};
  Policy policy;
  ManualClock clock{Time(Seconds(1'794'967'200))};  // Wednesday 10:00 Beijing
  Writer writer(store);
  writer.start();
  Pipeline pipeline(store, orgs, policy, templates::Catalog::builtin(), clock, &writer);
  auto say = [&](const std::string& chat, const std::string& sender, const std::string& text) {
    static int next = 0;
    Inbound in{"local", "m" + std::to_string(++next), chat, sender, text, std::nullopt, {}};
    testing::await(pipeline.submit(in, {}, {}));
  };
  say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  say("xfl-1-group", "liuna", "5号楼楼道灯坏了好几天了");
  say("xfl-1-group", "zhangwei", "收到");
  say("", "wangfang", "接单 1001");  // cancels the claim limit of 1001
  clock.advance(Seconds(3 * 86400));  // every limit of 1002 replays: reminders, breaches, rungs
  const int fired = testing::await(pipeline.fire_due_timers_async());
  CHECK(fired > 2);
  // The sender's side: one row sent, one dead (their counts keep their triggers).
  testing::await(writer.run([](storage::Store& s) {
    auto rows = s.outbox.due(Time(Seconds(4'000'000'000)), 2);
    REQUIRE(rows.size() == 2);
    s.outbox.mark_sent(rows[0].id, "p1", Time(Seconds(1'795'000'000)));
    s.outbox.mark_dead(rows[1].id, "gone", 40003);
  }));
  writer.stop();
  CHECK(counter(db, "timers_fired") == fired);
  CHECK(counter(db, "timers_cancelled") >= 1);
  check_counters_true(db);
}

TEST_CASE("migration 16 recounts every counter from its rows") {
  testing::TempDir dir;
  const std::string path = dir.file("v15.db");
  {
    SQLite::Database v15(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (int v = 1; v <= 15; ++v) v15.exec(std::string(storage::migration_sql(v)));
    v15.exec("PRAGMA user_version=15");
    v15.exec("INSERT INTO timers(kind, ticket, due_at, payload, status) VALUES('claim_limit', 1001, 1, '{}', 'pending'),"
             "('claim_limit', 1002, 1, '{}', 'fired')");
    v15.exec("UPDATE counters SET value = 99");  // drifted, however it happened
  }
  auto db = storage::open_database(path);
  CHECK(counter(db, "timers_pending") == 1);
  CHECK(counter(db, "timers_fired") == 1);
  CHECK(counter(db, "tickets") == 0);
  check_counters_true(db);
}
