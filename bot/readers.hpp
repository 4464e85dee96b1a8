// The reader pool: the console's heavy reads (figures, the board and its search, CSV exports,
// Open311's lists) run here, off the one thread that serves HTTP, answers platform webhooks and
// /healthz (issue 10: nothing that can block runs on it).
//
//   HTTP thread (Asio)                          reader thread (one of N)
//   ------------------                          ------------------------
//   authenticate, take orgs.current() and now,
//   check the parameters
//   co_await readers.run(work) ───────────────▶ queue ─▶ work(store): SQL, JSON, CSV on its own
//        (the coroutine is suspended; the              read-only connection (WAL: never waits
//         event loop serves others)                     for the writer, sees the last commit)
//   resumes with the result ◀────────────────── post the completion to the caller's executor
//   answer
//
// The shape is the writer's (bot/writer.hpp), without transactions. What a job reads of memory must
// be safe from another thread: the organization snapshot it was given (immutable once loaded),
// the template catalog (its ICU formatters are behind a lock), the calendar (ICU const calls).
// The session store and the clock stay on the HTTP thread: a job gets the viewer and `now`.
//
// The queue is bounded: past `max_queued` waiting jobs, run() fails at once with ReadersBusy and
// the route answers 503 with Retry-After (bot/read_route), so a crowd asking for figures gets a
// clear "try again" rather than a queue that grows without end.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "bot/handoff.hpp"
#include <SQLiteCpp/Database.h>

#include "storage/store.hpp"

namespace gridbot {

struct ReaderLimits {
  // One on a 2-core machine: the HTTP thread and the writer need the other core, and a second
  // reader would only let two figures requests take both cores from intake. Zero reads on the
  // caller's thread (the HTTP thread, as before the pool): only to measure the difference.
  std::size_t threads = 1;
  std::size_t max_queued = 16;  // jobs waiting for a reader; the next one is refused
};

// run() refused the job: every reader is busy and the queue is full.
class ReadersBusy : public std::runtime_error {
 public:
  ReadersBusy() : std::runtime_error("every reader is busy and the read queue is full") {}
};

class Readers {
 public:
  using Work = std::move_only_function<void(storage::Store&)>;
  using Open = std::function<SQLite::Database()>;

  // Each thread gets its own connection from `open` (storage::open_reader of the database file).
  Readers(Open open, ReaderLimits limits = {});
  // One thread reading through the caller's store: for tests on an in-memory database, which a
  // second connection cannot open. The caller must not use `store` while a read runs.
  explicit Readers(storage::Store& borrowed, ReaderLimits limits = {});
  ~Readers();  // stop()
  Readers(const Readers&) = delete;
  Readers& operator=(const Readers&) = delete;

  void start();
  // Runs every queued job, then joins the threads. Later run() calls fail at once.
  void stop();

  // Runs `work` on a reader thread with that thread's store and resumes the calling coroutine on
  // its own executor. Rethrows what `work` threw; throws ReadersBusy when the queue is full.
  boost::asio::awaitable<void> run(Work work) {
    co_await hand_off([this, &work](JobDone done) { enqueue(Job{std::move(work), std::move(done)}); });
  }

  // The same, with the value `read` returns: `auto page = co_await readers.read([&](auto& s) {...});`
  template <class Read, class Result = std::invoke_result_t<Read&, storage::Store&>>
  boost::asio::awaitable<Result> read(Read read) {
    std::optional<Result> out;
    co_await run([&](storage::Store& store) { out.emplace(read(store)); });
    co_return std::move(*out);
  }

  // Figures for benches and tests.
  std::size_t queued() const;
  std::size_t done() const;
  std::size_t refused() const;

 private:
  struct Job {
    Work work;
    JobDone done;
  };

  void enqueue(Job job);
  void loop(storage::Store& store);

  Open open_;
  ReaderLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  bool running_ = false;
  std::size_t done_ = 0, refused_ = 0;
  storage::Store* borrowed_ = nullptr;
  // One connection and its repositories per thread, opened before the threads start.
  std::vector<std::unique_ptr<SQLite::Database>> connections_;
  std::vector<std::unique_ptr<storage::Store>> owned_;
  std::vector<storage::Store*> stores_;
  std::vector<std::thread> threads_;
};

}  // namespace gridbot
