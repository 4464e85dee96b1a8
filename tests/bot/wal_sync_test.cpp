// The sync thread: a commit's answer waits for a flush that began after the commit, one flush
// covers every commit before it, and a reader who saw committed rows can wait for them too.
#include <doctest/doctest.h>

#include "bot/wal_sync.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "tests/support/temp_dir.hpp"

using namespace gridbot;
using namespace std::chrono_literals;

namespace {

// A disk whose flushes are let through one at a time by the test.
struct Disk {
  std::mutex mutex;
  std::condition_variable changed;
  int started = 0, allowed = 0, finished = 0;
  bool fail = false;

  WalSync::Flush flush() {
    return [this] {
      std::unique_lock lock(mutex);
      const int mine = ++started;
      changed.notify_all();
      changed.wait(lock, [&] { return allowed >= mine; });
      ++finished;
      changed.notify_all();
      if (fail) throw std::runtime_error("fdatasync: Input/output error");
    };
  }
  void let_one_through() {
    std::lock_guard lock(mutex);
    ++allowed;
    changed.notify_all();
  }
  void wait_started(int n) {
    std::unique_lock lock(mutex);
    REQUIRE(changed.wait_for(lock, 5s, [&] { return started >= n; }));
  }
};

struct Flag {
  std::atomic<int> calls{0};
  std::exception_ptr error;
  JobDone done() {
    return [this](std::exception_ptr e) {
      error = e;
      ++calls;
    };
  }
  bool wait(std::chrono::milliseconds within = 5s) {
    const auto until = std::chrono::steady_clock::now() + within;
    while (calls == 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(1ms);
    return calls > 0;
  }
};

void commit(WalSync& sync, Flag& flag, std::exception_ptr error = nullptr) {
  sync.committing();
  std::vector<WalSync::Completion> batch;
  batch.push_back({flag.done(), error});
  sync.committed(std::move(batch));
}

}  // namespace

TEST_CASE("a commit is answered only once a flush that began after it has finished") {
  Disk disk;
  WalSync sync(disk.flush());
  sync.start();
  Flag job;
  commit(sync, job);
  disk.wait_started(1);
  std::this_thread::sleep_for(20ms);
  CHECK(job.calls == 0);  // committed, visible to readers, not yet on the disk: not answered
  disk.let_one_through();
  REQUIRE(job.wait());
  CHECK_FALSE(job.error);
  CHECK(sync.flushes() == 1);
  sync.stop();
}

TEST_CASE("commits made while a flush runs wait for the next one, which covers them all") {
  Disk disk;
  WalSync sync(disk.flush());
  sync.start();
  Flag first, second, third;
  commit(sync, first);
  disk.wait_started(1);
  commit(sync, second);  // written after the running flush began: it may not cover them
  commit(sync, third);
  disk.let_one_through();
  REQUIRE(first.wait());
  disk.wait_started(2);
  std::this_thread::sleep_for(20ms);
  CHECK(second.calls == 0);
  CHECK(third.calls == 0);
  disk.let_one_through();
  REQUIRE(second.wait());
  REQUIRE(third.wait());
  CHECK(sync.flushes() == 2);  // one flush for both
  sync.stop();
}

TEST_CASE("a reader waits for the commits it may have seen, and not at all when none is pending") {
  Disk disk;
  WalSync sync(disk.flush());
  sync.start();
  Flag idle;
  sync.when_durable(idle.done());
  CHECK(idle.calls == 1);  // nothing committed: answered on the spot

  // A commit begun: its rows may be visible before COMMIT returns, so the reader waits for it to
  // finish and for a flush after that.
  sync.committing();
  Flag reader;
  sync.when_durable(reader.done());
  std::this_thread::sleep_for(20ms);
  CHECK(reader.calls == 0);
  CHECK(disk.started == 0);  // nothing finished committing: nothing to flush yet
  Flag job;
  std::vector<WalSync::Completion> batch;
  batch.push_back({job.done(), nullptr});
  sync.committed(std::move(batch));
  disk.wait_started(1);
  CHECK(reader.calls == 0);
  disk.let_one_through();
  REQUIRE(reader.wait());
  REQUIRE(job.wait());

  Flag after;
  sync.when_durable(after.done());
  CHECK(after.calls == 1);  // durable again
  sync.stop();
}

TEST_CASE("a failed flush fails every job it covered, even those whose writes succeeded, and says why") {
  Disk disk;
  disk.fail = true;
  WalSync sync(disk.flush());
  std::string reported;
  sync.on_failure = [&](const std::string& why) { reported = why; };
  sync.start();
  Flag ok, failed;
  commit(sync, ok);
  commit(sync, failed, std::make_exception_ptr(std::runtime_error("handler bug")));
  disk.let_one_through();
  disk.let_one_through();
  REQUIRE(ok.wait());
  REQUIRE(failed.wait());
  REQUIRE(ok.error);
  CHECK_THROWS_WITH(std::rethrow_exception(ok.error), doctest::Contains("Input/output error"));
  CHECK(reported.find("Input/output error") != std::string::npos);
  sync.stop();
}

TEST_CASE("a job's own error is passed on after a good flush") {
  Disk disk;
  disk.let_one_through();
  WalSync sync(disk.flush());
  sync.start();
  Flag job;
  commit(sync, job, std::make_exception_ptr(std::runtime_error("handler bug")));
  REQUIRE(job.wait());
  CHECK_THROWS_WITH(std::rethrow_exception(job.error), "handler bug");
  sync.stop();
}

TEST_CASE("without the thread (not started, or stopped) a commit is flushed before it is answered") {
  Disk disk;
  disk.let_one_through();
  disk.let_one_through();
  WalSync sync(disk.flush());
  Flag before;
  commit(sync, before);
  CHECK(before.calls == 1);
  CHECK(disk.finished == 1);
  sync.start();
  sync.stop();
  Flag after;
  commit(sync, after);
  CHECK(after.calls == 1);
  CHECK(disk.finished == 2);
}

TEST_CASE("stopping flushes and answers what is pending") {
  Disk disk;
  for (int i = 0; i < 4; ++i) disk.let_one_through();
  WalSync sync(disk.flush());
  sync.start();
  Flag a, b;
  commit(sync, a);
  commit(sync, b);
  sync.stop();
  CHECK(a.calls == 1);
  CHECK(b.calls == 1);
  CHECK(disk.finished >= 1);
}

TEST_CASE("fdatasync_file: no file is nothing to flush; a file replaced under the same name flushes; an error names the file") {
  testing::TempDir dir;
  const std::string path = dir.file("db-wal");
  auto flush = fdatasync_file(path);
  CHECK_NOTHROW(flush());  // not created yet (or deleted after the last connection's checkpoint)
  std::ofstream(path) << "frames";
  CHECK_NOTHROW(flush());
  std::filesystem::remove(path);
  std::ofstream(path) << "new frames";  // another file under the same name
  CHECK_NOTHROW(flush());
  // Under a regular file: stat fails with ENOTDIR (even for root), which is no missing file.
  auto broken = fdatasync_file(path + "/db-wal");
  CHECK_THROWS_WITH(broken(), doctest::Contains("db-wal/db-wal: stat: Not a directory"));
}

TEST_CASE("writing is reported working again only once a clean commit's flush succeeded, before its job is answered") {
  Disk disk;
  disk.fail = true;
  WalSync sync(disk.flush());
  std::vector<std::string> told;
  sync.on_failure = [&](const std::string&) { told.push_back("failed"); };
  sync.on_success = [&] { told.push_back("ok"); };
  sync.start();
  Flag lost;
  sync.committing();
  std::vector<WalSync::Completion> first;
  first.push_back({lost.done(), nullptr});
  sync.committed(std::move(first), true);
  disk.let_one_through();
  REQUIRE(lost.wait());
  CHECK(told == std::vector<std::string>{"failed"});  // the COMMIT succeeded; the disk did not

  {
    std::lock_guard lock(disk.mutex);
    disk.fail = false;
  }
  // A batch in which a job failed is no proof either, even flushed.
  Flag partial;
  sync.committing();
  std::vector<WalSync::Completion> second;
  second.push_back({partial.done(), std::make_exception_ptr(std::runtime_error("no such table"))});
  sync.committed(std::move(second), false);
  disk.let_one_through();
  REQUIRE(partial.wait());
  CHECK(told == std::vector<std::string>{"failed"});

  Flag clean;
  bool ok_before_answer = false;
  sync.committing();
  std::vector<WalSync::Completion> third;
  third.push_back({[&](std::exception_ptr e) {
                     ok_before_answer = told.back() == "ok";
                     clean.done()(e);
                   },
                   nullptr});
  sync.committed(std::move(third), true);
  disk.let_one_through();
  REQUIRE(clean.wait());
  CHECK(told == std::vector<std::string>{"failed", "ok"});
  CHECK(ok_before_answer);
  sync.stop();
}
