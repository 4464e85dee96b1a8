// Group commit: many requests in one transaction, each answered only after it committed, and a
// failing request costs only itself.
#include <doctest/doctest.h>

#include "bot/writer.hpp"

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <stdexcept>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "tests/support/await.hpp"
#include "tests/support/notes_db.hpp"

using namespace gridbot;
namespace asio = boost::asio;

namespace {

using Rig = testing::NotesDb;
using testing::add_note;

}  // namespace

TEST_CASE("jobs that arrive together commit in one transaction, and each resumes after the commit") {
  Rig r;
  // A window long enough that all twenty are queued before the first batch is cut.
  Writer writer(r.store, WriterLimits{512, std::chrono::milliseconds(200)});
  writer.start();
  asio::io_context io;
  std::vector<int> seen_after_commit;
  for (int i = 0; i < 20; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          co_await writer.run([i](storage::Store& s) { add_note(s, "note " + std::to_string(i)); });
          // Another connection sees the row: it was committed before this coroutine resumed.
          seen_after_commit.push_back(r.notes("note " + std::to_string(i)));
        },
        asio::detached);
  io.run();
  CHECK(seen_after_commit == std::vector<int>(20, 1));
  CHECK(writer.jobs() == 20);
  CHECK(writer.batches() == 1);
  CHECK(r.notes() == 20);
}

TEST_CASE("a job that throws rolls back only its own writes; its batch-mates commit") {
  Rig r;
  Writer writer(r.store, WriterLimits{512, std::chrono::milliseconds(200)});
  writer.start();
  asio::io_context io;
  std::vector<std::string> outcomes(3);
  for (int i = 0; i < 3; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          try {
            co_await writer.run([i](storage::Store& s) {
              add_note(s, "note " + std::to_string(i));
              if (i == 1) throw std::runtime_error("handler bug");
            });
            outcomes[i] = "committed";
          } catch (const std::exception& e) {
            outcomes[i] = e.what();
          }
        },
        asio::detached);
  io.run();
  CHECK(outcomes == std::vector<std::string>{"committed", "handler bug", "committed"});
  CHECK(writer.batches() == 1);
  CHECK(r.notes("note 0") == 1);
  CHECK(r.notes("note 1") == 0);
  CHECK(r.notes("note 2") == 1);
}

TEST_CASE("a job whose SQL fails gets the database's error; the next job still commits") {
  Rig r;
  Writer writer(r.store);
  writer.start();
  CHECK_THROWS_WITH(testing::await(writer.run([](storage::Store& s) { s.db().exec("INSERT INTO nowhere VALUES(1)"); })),
                    doctest::Contains("nowhere"));
  testing::await(writer.run([](storage::Store& s) { add_note(s, "after"); }));
  CHECK(r.notes("after") == 1);
}

TEST_CASE("stopping the writer commits what is queued; later jobs are refused, not lost silently") {
  Rig r;
  auto writer = std::make_unique<Writer>(r.store, WriterLimits{512, std::chrono::milliseconds(200)});
  writer->start();
  asio::io_context io;
  int done = 0;
  for (int i = 0; i < 5; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          co_await writer->run([i](storage::Store& s) { add_note(s, "queued " + std::to_string(i)); });
          ++done;
        },
        asio::detached);
  io.poll();  // the five are queued, the writer waits out its window
  writer->stop();
  io.run();
  CHECK(done == 5);
  CHECK(r.notes() == 5);
  CHECK_THROWS_WITH(testing::await(writer->run([](storage::Store& s) { add_note(s, "late"); })),
                    doctest::Contains("stopped"));
  CHECK(r.notes("late") == 0);
}

TEST_CASE("under a steady stream of commits the WAL is started over once it passes its limit") {
  Rig r;
  Writer writer(r.store, WriterLimits{512, {}, 256 * 1024, std::chrono::milliseconds(0)});
  writer.start();
  const std::string page(8 * 1024, 'x');
  std::size_t written = 0;
  while (written < 640) {
    testing::await(writer.run([&](storage::Store& s) { add_note(s, page); }));
    ++written;
    (void)r.notes();  // a reader keeps using the WAL, as the event loop does
  }
  REQUIRE(written * page.size() > 4 * 1024 * 1024);  // without restarts the WAL would hold it all
  CHECK(writer.wal_restarts() > 0);
  // Reused from its start: it holds the limit and the commits made while a restart found this
  // reader on old frames (it does not wait for readers, bot/writer.cpp, and tries again at the next
  // check) — a few at most, against the 5 MB it would hold without restarts.
  CHECK(std::filesystem::file_size(r.path + "-wal") < 1024 * 1024);
}

TEST_CASE("the writer's commit point tells /healthz: a batch with a failed write is degraded until a clean one") {
  Rig r;
  WriteHealth health;
  Writer writer(r.store);
  writer.write_health = &health;
  writer.start();
  // A job whose SQL fails (a database error, not a handler's bug, which the pipeline catches).
  CHECK_THROWS(testing::await(writer.run([](storage::Store& s) { s.db().exec("INSERT INTO no_such_table VALUES(1)"); })));
  auto state = health.state();
  CHECK_FALSE(state.ok);
  CHECK(state.reason.find("no_such_table") != std::string::npos);
  CHECK(state.failures == 1);
  // The next batch commits cleanly: writing works again.
  testing::await(writer.run([](storage::Store& s) { add_note(s, "after"); }));
  CHECK(health.state().ok);
  CHECK(health.state().failures == 1);
  writer.stop();
}

TEST_CASE("the writer's commits wait for the WAL's flush on the sync thread, not in COMMIT") {
  Rig r;
  auto synchronous = [&] { return r.db.execAndGet("PRAGMA synchronous").getInt(); };
  CHECK(synchronous() == 2);  // FULL, as opened
  {
    Writer writer(r.store);
    writer.start();
    // NORMAL while the writer runs: in WAL mode its commits no longer fsync, the sync thread does.
    std::uint64_t flushes_when_answered = 0;
    testing::await(writer.run([](storage::Store& s) { add_note(s, "durable"); }));
    flushes_when_answered = writer.flushes();
    CHECK(flushes_when_answered >= 1);  // answered after a flush, never before
    testing::await(writer.run([&](storage::Store& s) {
      CHECK(s.db().execAndGet("PRAGMA synchronous").getInt() == 1);
      add_note(s, "again");
    }));
    CHECK(writer.flushes() > flushes_when_answered);
    // Nothing pending: a reader's wait for durability returns at once.
    testing::await(writer.durable());
    writer.stop();
  }
  CHECK(synchronous() == 2);  // FULL again for whoever writes without the writer
  CHECK(r.notes() == 2);
}

TEST_CASE("a job resumes only once the WAL's flush is done, and a reader's durable() waits for it too") {
  Rig r;
  std::mutex mutex;
  std::condition_variable changed;
  int flushes_started = 0;
  bool disk_answers = false;
  Writer writer(r.store, {}, [&] {
    std::unique_lock lock(mutex);
    ++flushes_started;
    changed.notify_all();
    changed.wait(lock, [&] { return disk_answers; });
  });
  writer.start();
  asio::io_context io;
  bool job_resumed = false, reader_resumed = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await writer.run([](storage::Store& s) { add_note(s, "waiting for the disk"); });
        job_resumed = true;
      },
      asio::detached);
  io.poll();
  {
    std::unique_lock lock(mutex);
    REQUIRE(changed.wait_for(lock, std::chrono::seconds(5), [&] { return flushes_started > 0; }));
  }
  // Committed and visible to a reader (a redelivery's lookup would find it), not yet on the disk.
  CHECK(r.notes("waiting for the disk") == 1);
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await writer.durable();
        reader_resumed = true;
      },
      asio::detached);
  for (int i = 0; i < 20; ++i) {
    io.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK_FALSE(job_resumed);
  CHECK_FALSE(reader_resumed);
  {
    std::lock_guard lock(mutex);
    disk_answers = true;
  }
  changed.notify_all();
  io.restart();
  io.run();
  CHECK(job_resumed);
  CHECK(reader_resumed);
  writer.stop();
}
