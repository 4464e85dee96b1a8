// The reader pool: a read runs on a reader thread with its own connection and resumes the caller
// on the caller's executor with the result or the exception; past the queue limit it is refused
// (ReadersBusy, and a console read route answers 503 with Retry-After); stop() runs what is queued.
#include <doctest/doctest.h>

#include "bot/readers.hpp"

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "bot/console/read_route.hpp"
#include "storage/database.hpp"
#include "tests/support/await.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "bot/organization_loader.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;
namespace asio = boost::asio;

namespace {

struct Rig {
  testing::TempDir dir;
  std::string path = dir.file("readers.db");
  SQLite::Database db = storage::open_database(path);

  Rig() {
    db.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    db.exec("INSERT INTO notes(text) VALUES('一'), ('二'), ('三')");
  }
  Readers::Open opener() {
    return [this] { return storage::open_reader(path); };
  }
};

// Holds a reader thread inside a job until released, so the test knows what is queued behind it.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false, open = false;

  void hold() {
    std::unique_lock lock(mutex);
    entered = true;
    changed.notify_all();
    changed.wait(lock, [&] { return open; });
  }
  void wait_entered() {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return entered; });
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
};

int count_notes(storage::Store& s) { return s.db().execAndGet("SELECT COUNT(*) FROM notes").getInt(); }

}  // namespace

TEST_CASE("a read runs on a reader thread with its own connection and resumes on the caller's executor") {
  Rig r;
  Readers readers(r.opener(), ReaderLimits{.threads = 2, .max_queued = 4});
  readers.start();
  asio::io_context io;
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on, resumed_on;
  int notes = 0;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        notes = co_await readers.read([&](storage::Store& s) {
          ran_on = std::this_thread::get_id();
          return count_notes(s);
        });
        resumed_on = std::this_thread::get_id();
      },
      asio::detached);
  io.run();
  CHECK(notes == 3);
  CHECK(ran_on != caller);
  CHECK(resumed_on == caller);
  CHECK(readers.done() == 1);
}

TEST_CASE("what a read throws is rethrown at the co_await") {
  Rig r;
  Readers readers(r.opener());
  readers.start();
  CHECK_THROWS_WITH(testing::await(readers.read([](storage::Store&) -> int { throw std::runtime_error("no such figure"); })),
                    "no such figure");
  // The database's own error too, and the reader goes on serving.
  CHECK_THROWS(testing::await(readers.read([](storage::Store& s) { return s.db().execAndGet("SELECT * FROM nowhere").getInt(); })));
  CHECK(testing::await(readers.read([](storage::Store& s) { return count_notes(s); })) == 3);
}

TEST_CASE("a reader's connection is read-only") {
  Rig r;
  Readers readers(r.opener());
  readers.start();
  CHECK_THROWS(testing::await(readers.run([](storage::Store& s) { s.db().exec("INSERT INTO notes(text) VALUES('四')"); })));
  CHECK(r.db.execAndGet("SELECT COUNT(*) FROM notes").getInt() == 3);
}

TEST_CASE("past the queue limit a read is refused at once, and the queued ones still run") {
  Rig r;
  Readers readers(r.opener(), ReaderLimits{.threads = 1, .max_queued = 2});
  readers.start();
  Gate gate;
  asio::io_context io;
  std::vector<std::string> outcomes(4);
  const auto spawn = [&](int i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          try {
            co_await readers.run([&, i](storage::Store&) {
              if (i == 0) gate.hold();
            });
            outcomes[i] = "read";
          } catch (const ReadersBusy&) {
            outcomes[i] = "busy";
          }
        },
        asio::detached);
  };
  // The first is running (held) before the others come: the second and third wait; the fourth
  // finds the queue full and is answered at once.
  spawn(0);
  io.poll();
  gate.wait_entered();
  for (int i = 1; i < 4; ++i) spawn(i);
  io.restart();
  io.poll();
  CHECK(outcomes[3] == "busy");
  CHECK(outcomes[1].empty());
  CHECK(readers.queued() == 2);
  CHECK(readers.refused() == 1);
  gate.release();
  io.restart();
  io.run();
  CHECK(outcomes[0] == "read");
  CHECK(outcomes[1] == "read");
  CHECK(outcomes[2] == "read");
}

TEST_CASE("stop() runs every queued read before it returns; later reads fail at once") {
  Rig r;
  Readers readers(r.opener(), ReaderLimits{.threads = 1, .max_queued = 8});
  readers.start();
  Gate gate;
  asio::io_context io;
  int finished = 0;
  for (int i = 0; i < 4; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          co_await readers.run([&, i](storage::Store& s) {
            if (i == 0) gate.hold();
            count_notes(s);
          });
          ++finished;
        },
        asio::detached);
  io.poll();  // all four queued or running
  gate.wait_entered();
  std::thread stopping([&] { readers.stop(); });
  gate.release();
  stopping.join();
  CHECK(readers.done() == 4);
  io.restart();
  io.run();
  CHECK(finished == 4);
  CHECK_THROWS_WITH(testing::await(readers.run([](storage::Store&) {})), "the readers have stopped");
}

TEST_CASE("a console read route: 401 without a viewer, the answer from a reader, 503 with Retry-After when full") {
  Rig r;
  Readers readers(r.opener(), ReaderLimits{.threads = 1, .max_queued = 1});
  readers.start();
  Organization org = sample_organization();
  OrganizationSnapshots orgs{testing::borrowed(org)};
  ManualClock clock{Time(Seconds(1'794'967'200))};
  std::optional<console::Viewer> viewer;
  Gate gate;
  http::Router router;
  router.add_async(http::Verb::get, "/api/v1/notes",
                   console::read_route({readers, orgs, clock, templates::Catalog::builtin()},
                                       [&](const http::Request&) { return viewer; },
                                       [&](const console::ReadRequest& q) {
                                         if (q.params.query.contains("hold")) gate.hold();
                                         return http::json_response(http::Status::ok, {{"notes", count_notes(q.store)},
                                                                                       {"viewer", q.viewer->user},
                                                                                       {"now", q.now.time_since_epoch().count()},
                                                                                       {"org", q.org.name}});
                                       }));
  const auto get = [&](const std::string& target) { return http::Request{http::Verb::get, target, 11}; };

  CHECK(testing::await(router.dispatch(get("/api/v1/notes"))).result() == http::Status::unauthorized);
  CHECK(readers.done() == 0);  // refused on the HTTP thread: no reader was asked

  viewer = console::Viewer{.user = "admin", .role = console::ConsoleRole::admin};
  auto ok = testing::await(router.dispatch(get("/api/v1/notes")));
  REQUIRE(ok.result() == http::Status::ok);
  const auto body = nlohmann::json::parse(ok.body());
  CHECK(body["notes"] == 3);
  CHECK(body["viewer"] == "admin");
  CHECK(body["now"] == 1'794'967'200);
  CHECK(body["org"] == org.name);

  // One held on the reader, one queued: the third is answered 503 at once.
  asio::io_context io;
  std::vector<http::Response> answers(3);
  std::vector<http::Request> requests{get("/api/v1/notes?hold=1"), get("/api/v1/notes"), get("/api/v1/notes")};
  const auto spawn = [&](int i) {
    asio::co_spawn(
        io, [&, i]() -> asio::awaitable<void> { answers[i] = co_await router.dispatch(requests[i]); }, asio::detached);
  };
  spawn(0);
  io.poll();
  gate.wait_entered();
  spawn(1);
  spawn(2);
  io.restart();
  io.poll();
  CHECK(answers[2].result() == http::Status::service_unavailable);
  CHECK(answers[2][boost::beast::http::field::retry_after] == "1");
  CHECK(nlohmann::json::parse(answers[2].body())["error"] == "查询的人较多，请 1 秒后再试。");
  gate.release();
  io.restart();
  io.run();
  CHECK(answers[0].result() == http::Status::ok);
  CHECK(answers[1].result() == http::Status::ok);
}
