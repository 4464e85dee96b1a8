// The writer: the one thread that writes the database, with group commit.
//
// The shape every platform adapter is written against:
//
//   HTTP thread (Asio)                        writer thread                  sync thread
//   ------------------                        -------------                  -----------
//   verify, parse, validate the request
//   co_await pipeline.submit(inbound) ──────▶ queue ─▶ BEGIN
//        (the coroutine is suspended; the          SAVEPOINT; dedupe, handle, apply; RELEASE
//         event loop serves others)                SAVEPOINT; ... next message ...; RELEASE
//                                                  COMMIT   ◀── the one commit point
//                                                  next batch ...       ──▶  fdatasync(WAL)
//   resumes with the result ◀─────────────────────────────────────────────  post each completion
//   answer 200/202                                                           to its executor
//
// A request is answered only after the transaction holding its effects has committed and the
// WAL holding that commit has been fsynced, so a 202 means "durable": it survives a power cut
// too. The fsync runs on its own thread (bot/wal_sync.hpp), so the writer commits the next batch
// while the disk works. The work of every job that was queued meanwhile goes into one
// transaction, and one fsync covers every commit before it, so under load many messages share
// one; under no load a batch is one job and nothing waits for a window.
//
// Who reads committed rows on another connection and answers for them (a redelivery found by the
// reader, the outbox sender) first awaits durable(): a commit is visible before it is on the disk.
//
// Each job runs in its own savepoint: a job that throws rolls back only its own writes and gets
// its exception back at the co_await (the HTTP layer answers 5xx so the platform retries); its
// batch-mates commit. If the commit itself fails, every job in the batch gets the error.
//
// A savepoint is not free: SQLite copies every page a savepoint's first write to it changes into
// the statement journal, and an intake message changes a dozen pages (writer_bench under
// callgrind: 315 k instructions per message with a savepoint per job, 263 k with none). Jobs that
// may run twice (run_repeatable: intake) therefore share one savepoint per run of them in a
// batch, and most of their pages are copied once per batch instead of once per message. When one
// of them throws, the writer rolls the run back to that savepoint and runs its jobs again, each in
// a savepoint of its own, so the outcome is the one above.
#pragma once

#include <condition_variable>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "bot/handoff.hpp"
#include "bot/wal_sync.hpp"

#include "bot/write_health.hpp"
#include "storage/store.hpp"

namespace gridbot {

struct WriterLimits {
  std::size_t max_batch = 512;  // jobs per transaction
  // How long the writer waits for batch-mates after the first job of an idle spell arrives. Zero
  // takes what is queued: under load, the previous commit's fsync is the window.
  std::chrono::microseconds window{0};
  // Past this many WAL bytes the writer starts the WAL over between two batches (0: never; see
  // bot/checkpointer.hpp for why the checkpointer's passive checkpoints cannot).
  std::uintmax_t wal_limit = 0;
  std::chrono::milliseconds wal_check_every{100};  // how often the WAL's size is looked at
};

class Writer {
 public:
  using Work = std::move_only_function<void(storage::Store&)>;

  Writer(storage::Store& store, WriterLimits limits = {});
  // With the WAL's flush given (tests: a disk that answers when told to).
  Writer(storage::Store& store, WriterLimits limits, WalSync::Flush flush);
  ~Writer();  // stop()
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void start();
  // Runs every queued job, commits, and joins the thread. Later run() calls fail at once.
  void stop();

  // Runs `work` on the writer thread inside the next batch, in its own savepoint, and resumes the
  // calling coroutine on its own executor once the batch has committed. Rethrows what `work`
  // threw (its writes rolled back) or the commit's error.
  boost::asio::awaitable<void> run(Work work) {
    co_await hand_off([this, &work](JobDone done) { enqueue(Job{std::move(work), std::move(done), false}); });
  }
  // The same, for work that may run more than once: a run whose writes were rolled back must be
  // followed by another with the same effect. It must not consume what it captures (copy it, or
  // move it back), and what it sets outside the database a later run must set again.
  boost::asio::awaitable<void> run_repeatable(Work work) {
    co_await hand_off([this, &work](JobDone done) { enqueue(Job{std::move(work), std::move(done), true}); });
  }

  // Resumes once every commit begun before the call is on the disk (at once when none waits).
  boost::asio::awaitable<void> durable() {
    co_await hand_off([this](JobDone done) { sync_.when_durable(std::move(done)); });
  }

  // Told at the one commit point of every commit and every failed write (/healthz): set before
  // start(). It is called on the writer thread; WriteHealth locks for itself.
  WriteHealth* write_health = nullptr;

  // Figures for benches and /healthz: batches committed and jobs in them.
  std::size_t batches() const;
  std::size_t jobs() const;
  std::size_t wal_restarts() const;
  std::uint64_t flushes() const { return sync_.flushes(); }

 private:
  struct Job {
    Work work;
    JobDone done;
    bool repeatable;
  };

  void enqueue(Job job);
  void loop();
  void write_batch(std::deque<Job>& batch);
  // Job `i` in a savepoint of its own.
  void write_job(std::deque<Job>& batch, std::size_t i, std::vector<std::exception_ptr>& errors);
  bool job_failed(std::size_t i, std::vector<std::exception_ptr>& errors);
  // Jobs [first, last), all repeatable, under one savepoint; when one throws, all of them again,
  // each in its own (write_job). Returns where the batch goes on.
  std::size_t write_repeatable(std::deque<Job>& batch, std::size_t first, std::size_t last,
                               std::vector<std::exception_ptr>& errors);
  void restart_wal_if_long();

  storage::Store& store_;
  WriterLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  bool running_ = false;  // the thread is up and will drain the queue before it exits
  std::size_t batches_ = 0, jobs_ = 0, wal_restarts_ = 0;
  std::chrono::steady_clock::time_point wal_checked_{};
  WalSync sync_;  // declared after what its completions touch; stopped by stop()
  std::thread thread_;
};

}  // namespace gridbot
