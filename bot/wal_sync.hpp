// Makes the writer's commits durable on a thread of its own, so the writer never waits for the
// disk: it commits a batch, hands the batch's completions here and starts on the next batch while
// this thread fsyncs the WAL. A completion runs only after an fsync that began after its commit
// returned, so an answered request still survives a power cut.
//
// Why this is as safe as synchronous=FULL: in WAL mode FULL differs from NORMAL only in syncing
// the WAL after each commit; checkpoints sync the WAL before copying, the database after, and the
// WAL's header before it is reused, under both. The writer's connection therefore runs NORMAL and
// this thread supplies the missing sync: fdatasync on its own descriptor of the same file flushes
// every frame written to it so far, whichever descriptor wrote them (Linux syncs the file, not
// the descriptor). A torn frame after the last synced commit is discarded by SQLite's recovery
// (frame checksums), as it would be under FULL. One fsync covers every commit made before it
// started, so under load the disk's latency is paid once per several batches, beside the work.
//
// Measured on this 2-core machine: fdatasync after an 8 KB append takes 0.49 ms at the median,
// 1.85 ms at the 90th percentile and 4.07 ms at the 99th (200 in a row); the writer used to spend
// it inside COMMIT while 64 connections waited behind it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bot/handoff.hpp"

namespace gridbot {

class WalSync {
 public:
  // Flushes the log to the disk; throws what went wrong. The service's is `fdatasync_file`.
  using Flush = std::function<void()>;

  // `flush` empty: nothing to make durable (an in-memory database); completions run at once.
  explicit WalSync(Flush flush);
  ~WalSync();  // stop()
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;

  void start();
  // Flushes once more for what is pending, completes it, and joins the thread. Completions handed
  // over afterwards run at once, after a flush on the caller's thread.
  void stop();

  struct Completion {
    JobDone done;
    std::exception_ptr error;  // the job's own outcome, passed on as it is
  };
  // The writer, right before its COMMIT: from here on a reader may see the batch's rows, so
  // when_durable waits for them.
  void committing();
  // The writer, once its COMMIT returned or failed: each `done` runs once a flush that began after
  // this call has finished — with the job's own error, or with the flush's if it failed. `clean`:
  // the commit succeeded with no job failing, so once flushed it proves writing works (on_success).
  void committed(std::vector<Completion> batch, bool clean = false);
  // For one who read committed rows on another connection and is about to answer for them (a
  // redelivery answered from the reader, an outbox row about to be sent): `done` runs once every
  // commit made before this call is durable; at once when nothing is waiting for the disk.
  void when_durable(JobDone done);

  // Told when a flush fails, on this thread (the writer's WriteHealth): the disk lost writes the
  // database believes it made.
  std::function<void(const std::string&)> on_failure;
  // Told when a flush covering a clean commit succeeded, before its jobs are answered: only then
  // is writing known to work again (a COMMIT alone is no proof while flushes fail).
  std::function<void()> on_success;

  std::uint64_t flushes() const;  // for benches and tests: flushes done since start

 private:
  struct Waiting {
    std::uint64_t commit;  // durable once a flush covering this commit number has finished
    Completion completion;
  };
  void loop();
  // Runs the flush; returns its error (none if it succeeded).
  std::exception_ptr flush_now();
  static void complete(std::vector<Waiting>& ready, std::exception_ptr flush_error);
  void report(std::exception_ptr flush_error, bool clean);

  Flush flush_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Waiting> waiting_;
  std::uint64_t announced_ = 0;  // commits begun (committing)
  std::uint64_t commits_ = 0;    // commits finished (committed); a flush covers only these
  std::uint64_t durable_ = 0;  // commits known to be on the disk
  std::uint64_t flushes_ = 0;
  bool clean_ = false;  // a clean commit was handed over since the last flush began
  bool running_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// Opens `path` once and fdatasyncs it at every call; throws with the path and errno's reason.
// Reopens if the file was replaced (SQLite deletes the WAL when its last connection closes).
WalSync::Flush fdatasync_file(std::string path);

}  // namespace gridbot
