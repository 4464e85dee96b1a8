#include "bot/writer.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include <sqlite3.h>

#include "bot/log.hpp"
#include "storage/database.hpp"

namespace gridbot {

namespace {

std::string describe(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "a write failed";
  }
}

// The WAL to flush after each commit; none for a database without one (in memory, in tests).
WalSync::Flush wal_flush(SQLite::Database& db) {
  const std::string file = db.getFilename();
  if (file.empty() || db.execAndGet("PRAGMA journal_mode").getString() != "wal") return {};
  return fdatasync_file(file + "-wal");
}

}  // namespace

Writer::Writer(storage::Store& store, WriterLimits limits) : Writer(store, limits, wal_flush(store.db())) {}

Writer::Writer(storage::Store& store, WriterLimits limits, WalSync::Flush flush)
    : store_(store), limits_(limits), sync_(std::move(flush)) {}

Writer::~Writer() { stop(); }

void Writer::start() {
  std::lock_guard lock(mutex_);
  if (running_ || stopping_) return;
  running_ = true;
  // The sync thread flushes the WAL after every commit, which is all FULL adds to NORMAL in WAL
  // mode (bot/wal_sync.hpp); FULL would make the writer wait for the disk itself.
  store_.db().exec("PRAGMA synchronous=NORMAL");
  if (write_health) {
    sync_.on_failure = [health = write_health](const std::string& why) { health->failed(why); };
    sync_.on_success = [health = write_health] { health->succeeded(); };
  }
  sync_.start();
  thread_ = std::thread([this] { loop(); });
}

void Writer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  sync_.stop();  // every completion handed over runs, after the last flush
  // The connection may be used without the writer now (a shutdown's last write): FULL again.
  try {
    if (running_) store_.db().exec("PRAGMA synchronous=FULL");
  } catch (const std::exception& e) {
    log::warn("writer", "restoring synchronous=FULL failed: {}", e.what());
  }
  // Never started: nothing will run what is queued, so fail it rather than leave callers hanging.
  std::deque<Job> left;
  {
    std::lock_guard lock(mutex_);
    running_ = false;
    left.swap(queue_);
  }
  for (auto& job : left) job.done(std::make_exception_ptr(std::runtime_error("the writer has stopped")));
}

std::size_t Writer::batches() const {
  std::lock_guard lock(mutex_);
  return batches_;
}

std::size_t Writer::jobs() const {
  std::lock_guard lock(mutex_);
  return jobs_;
}

void Writer::enqueue(Job job) {
  {
    std::unique_lock lock(mutex_);
    // While stopping, the thread still writes what is queued; once it is gone, refuse.
    if (!stopping_ || running_) {
      queue_.push_back(std::move(job));
      lock.unlock();
      wake_.notify_one();
      return;
    }
  }
  job.done(std::make_exception_ptr(std::runtime_error("the writer has stopped")));
}

void Writer::loop() {
  std::deque<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been written
      if (limits_.window.count() > 0 && !stopping_ && queue_.size() < limits_.max_batch)
        wake_.wait_for(lock, limits_.window, [&] { return stopping_ || queue_.size() >= limits_.max_batch; });
      while (!queue_.empty() && batch.size() < limits_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    write_batch(batch);
    batch.clear();
    restart_wal_if_long();
  }
}

void Writer::restart_wal_if_long() {
  if (limits_.wal_limit == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - wal_checked_ < limits_.wal_check_every) return;
  wal_checked_ = now;
  std::error_code ec;
  const auto size = std::filesystem::file_size(store_.db().getFilename() + "-wal", ec);
  if (ec || size <= limits_.wal_limit) return;
  // Between batches the writer holds no transaction, so only readers still on old frames stand
  // in the way. A console read on the reader pool can hold them for seconds, and waiting for it
  // (the busy timeout) would stall intake as long: without the wait, RESTART copies what it can
  // and answers busy, and the next check tries again. Restarted, the next commit writes the WAL
  // from its start.
  try {
    store_.db().setBusyTimeout(0);
    const bool busy = store_.db().execAndGet("PRAGMA wal_checkpoint(RESTART)").getInt() != 0;
    store_.db().setBusyTimeout(storage::busy_timeout_ms);
    if (!busy) {
      std::lock_guard lock(mutex_);
      ++wal_restarts_;
    }
  } catch (const std::exception& e) {
    store_.db().setBusyTimeout(storage::busy_timeout_ms);
    log::warn("writer", "restarting the WAL failed: {}", e.what());
  }
}

std::size_t Writer::wal_restarts() const {
  std::lock_guard lock(mutex_);
  return wal_restarts_;
}

// Job `i` threw and gets its error. True when SQLite itself rolled the whole transaction back
// (disk full, I/O error): the jobs before it lost their writes too and fail with it, and the rest
// start afresh in a new transaction.
bool Writer::job_failed(std::size_t i, std::vector<std::exception_ptr>& errors) {
  errors[i] = std::current_exception();
  // Handlers' own failures are caught in the pipeline: what reaches here is the database's.
  if (write_health) write_health->failed(describe(errors[i]));
  if (!sqlite3_get_autocommit(store_.db().getHandle())) return false;
  for (std::size_t j = 0; j < i; ++j)
    if (!errors[j]) errors[j] = errors[i];
  store_.db().exec("BEGIN");
  store_.counters.begin_batch();  // forgets the counts of the jobs rolled back with it
  return true;
}

void Writer::write_job(std::deque<Job>& batch, std::size_t i, std::vector<std::exception_ptr>& errors) {
  store_.savepoints.begin();
  try {
    batch[i].work(store_);
    store_.savepoints.release();
  } catch (...) {
    if (!job_failed(i, errors)) store_.savepoints.rollback();
  }
}

std::size_t Writer::write_repeatable(std::deque<Job>& batch, std::size_t first, std::size_t last,
                                     std::vector<std::exception_ptr>& errors) {
  store_.savepoints.begin();  // the run's one savepoint
  std::size_t i = first;
  try {
    for (; i < last; ++i) batch[i].work(store_);
    store_.savepoints.release();
    return last;
  } catch (...) {
    if (sqlite3_get_autocommit(store_.db().getHandle())) {
      job_failed(i, errors);
      return i + 1;  // the jobs after it are the next run
    }
    // Undoes the run, the failing job's partial writes with it; the jobs that had run will again.
    store_.savepoints.rollback();
  }
  // Each alone now, so the one that throws (again) costs only itself. A repeatable job cannot
  // tell its second run from a first.
  for (std::size_t k = first; k < last; ++k) write_job(batch, k, errors);
  return last;
}

void Writer::write_batch(std::deque<Job>& batch) {
  SQLite::Database& db = store_.db();
  std::vector<std::exception_ptr> errors(batch.size());
  bool clean = false;
  auto fail_all = [&](std::exception_ptr e) {
    for (auto& error : errors)
      if (!error) error = e;
  };
  try {
    db.exec("BEGIN");
    store_.counters.begin_batch();  // the batch's row counts reach their table once, at COMMIT
    // In queue order; consecutive repeatable jobs share a savepoint (a run of one gains nothing).
    for (std::size_t i = 0; i < batch.size();) {
      std::size_t end = i + 1;
      if (batch[i].repeatable)
        while (end < batch.size() && batch[end].repeatable) ++end;
      if (end - i > 1) i = write_repeatable(batch, i, end, errors);
      else write_job(batch, i++, errors);
    }
    // The one commit point: every job in the batch commits here, or none does; it is durable once
    // the sync thread's next flush is done.
    store_.counters.write_batch();
    sync_.committing();
    db.exec("COMMIT");
    // A batch in which a job's write failed is no proof that writing works again, and neither is
    // a commit before its flush: the sync thread reports success once the flush is done.
    clean = std::none_of(errors.begin(), errors.end(), [](const std::exception_ptr& e) { return bool(e); });
  } catch (...) {
    if (write_health) write_health->failed(describe(std::current_exception()));
    fail_all(std::current_exception());
    store_.counters.abandon_batch();
    if (!sqlite3_get_autocommit(db.getHandle())) {
      try {
        db.exec("ROLLBACK");
      } catch (const std::exception& e) {
        log::error("writer", "rollback failed: {}", e.what());
      }
    }
  }
  std::size_t committed = 0;
  for (const auto& error : errors) committed += !error;
  if (committed) {
    {
      std::lock_guard lock(mutex_);
      ++batches_;
      jobs_ += batch.size();
    }
  }
  std::vector<WalSync::Completion> completions;
  completions.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) completions.push_back({std::move(batch[i].done), errors[i]});
  sync_.committed(std::move(completions), clean);
}

}  // namespace gridbot
