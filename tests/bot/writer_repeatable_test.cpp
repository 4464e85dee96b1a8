// Repeatable jobs (Writer::run_repeatable): consecutive ones in a batch share one savepoint, and
// when one of them throws the run is rolled back and run again job by job, so what commits is
// what a savepoint per job would have committed.
#include <doctest/doctest.h>

#include "bot/writer.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "tests/support/notes_db.hpp"

using namespace gridbot;
namespace asio = boost::asio;

namespace {

struct Rig : testing::NotesDb {
  // A window long enough that every job is queued before the first batch is cut.
  Writer writer{store, WriterLimits{512, std::chrono::milliseconds(200)}};
  asio::io_context io;

  Rig() { writer.start(); }
  std::vector<std::string> note_order() {
    std::vector<std::string> out;
    SQLite::Statement q(reader, "SELECT text FROM notes ORDER BY id");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  }
  std::int64_t tickets_counter() {
    return reader.execAndGet("SELECT value FROM counters WHERE name = 'tickets'").getInt64();
  }
  // Queues `work` as job `i`; its outcome lands in outcomes[i].
  void spawn(std::vector<std::string>& outcomes, std::size_t i, bool repeatable, Writer::Work work) {
    asio::co_spawn(
        io,
        [&, i, repeatable, work = std::move(work)]() mutable -> asio::awaitable<void> {
          try {
            if (repeatable) co_await writer.run_repeatable(std::move(work));
            else co_await writer.run(std::move(work));
            outcomes[i] = "committed";
          } catch (const std::exception& e) {
            outcomes[i] = e.what();
          }
        },
        asio::detached);
  }
};

using testing::add_note;

}  // namespace

TEST_CASE("repeatable jobs that arrive together commit in one batch, each run once when none throws") {
  Rig r;
  std::vector<std::string> outcomes(10);
  std::vector<int> runs(10);
  for (std::size_t i = 0; i < 10; ++i)
    r.spawn(outcomes, i, true, [i, &runs](storage::Store& s) {
      ++runs[i];
      add_note(s, "note " + std::to_string(i));
      s.counters.add(storage::Counter::tickets, 1);
    });
  r.io.run();
  CHECK(outcomes == std::vector<std::string>(10, "committed"));
  CHECK(runs == std::vector<int>(10, 1));
  CHECK(r.writer.batches() == 1);
  CHECK(r.tickets_counter() == 10);
}

TEST_CASE("a repeatable job that throws costs only itself: the run is undone and run again, job by job") {
  Rig r;
  std::vector<std::string> outcomes(3);
  std::vector<int> runs(3);
  for (std::size_t i = 0; i < 3; ++i)
    r.spawn(outcomes, i, true, [i, &runs](storage::Store& s) {
      ++runs[i];
      add_note(s, "note " + std::to_string(i));
      s.counters.add(storage::Counter::tickets, 1);  // taken back with the job's writes
      if (i == 1) throw std::runtime_error("database refused");
    });
  r.io.run();
  CHECK(outcomes == std::vector<std::string>{"committed", "database refused", "committed"});
  // The first ran before the throw and again after it; the failing one twice; the last once.
  CHECK(runs == std::vector<int>{2, 2, 1});
  CHECK(r.notes("note 0") == 1);  // its first run's write went with the rollback
  CHECK(r.notes("note 1") == 0);
  CHECK(r.notes("note 2") == 1);
  CHECK(r.tickets_counter() == 2);
  CHECK(r.writer.batches() == 1);
}

TEST_CASE("a repeatable job that fails once commits on its run alone") {
  Rig r;
  std::vector<std::string> outcomes(2);
  int tries = 0;
  r.spawn(outcomes, 0, true, [](storage::Store& s) { add_note(s, "steady"); });
  r.spawn(outcomes, 1, true, [&tries](storage::Store& s) {
    add_note(s, "flaky");
    if (++tries == 1) throw std::runtime_error("busy");
  });
  r.io.run();
  CHECK(outcomes == std::vector<std::string>{"committed", "committed"});
  CHECK(tries == 2);
  CHECK(r.notes("steady") == 1);
  CHECK(r.notes("flaky") == 1);
}

TEST_CASE("plain jobs between repeatable ones keep the queue's order and never run twice") {
  Rig r;
  std::vector<std::string> outcomes(5);
  std::vector<int> runs(5);
  auto job = [&runs](std::size_t i, bool throws) {
    return [i, throws, &runs](storage::Store& s) {
      ++runs[i];
      add_note(s, "job " + std::to_string(i));
      if (throws) throw std::runtime_error("refused");
    };
  };
  r.spawn(outcomes, 0, true, job(0, false));
  r.spawn(outcomes, 1, true, job(1, false));
  r.spawn(outcomes, 2, false, job(2, false));  // a plain job: its own savepoint, between two runs
  r.spawn(outcomes, 3, true, job(3, false));
  r.spawn(outcomes, 4, true, job(4, true));
  r.io.run();
  CHECK(outcomes == std::vector<std::string>{"committed", "committed", "committed", "committed", "refused"});
  // Only the run holding the failure ran again.
  CHECK(runs == std::vector<int>{1, 1, 1, 2, 2});
  CHECK(r.note_order() == std::vector<std::string>{"job 0", "job 1", "job 2", "job 3"});
}

TEST_CASE("a repeatable job whose SQL fails gets the database's error; its run-mates commit") {
  Rig r;
  std::vector<std::string> outcomes(3);
  r.spawn(outcomes, 0, true, [](storage::Store& s) { add_note(s, "before"); });
  r.spawn(outcomes, 1, true, [](storage::Store& s) {
    add_note(s, "half");
    s.db().exec("INSERT INTO nowhere VALUES(1)");
  });
  r.spawn(outcomes, 2, true, [](storage::Store& s) { add_note(s, "after"); });
  r.io.run();
  CHECK(outcomes[0] == "committed");
  CHECK(outcomes[1].find("nowhere") != std::string::npos);
  CHECK(outcomes[2] == "committed");
  CHECK(r.notes("before") == 1);
  CHECK(r.notes("half") == 0);
  CHECK(r.notes("after") == 1);
}
