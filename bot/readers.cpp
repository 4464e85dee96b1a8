#include "bot/readers.hpp"

#include <algorithm>

namespace gridbot {

Readers::Readers(Open open, ReaderLimits limits) : open_(std::move(open)), limits_(limits) {}

Readers::Readers(storage::Store& borrowed, ReaderLimits limits) : limits_(limits), borrowed_(&borrowed) {
  limits_.threads = 1;
}

Readers::~Readers() { stop(); }

void Readers::start() {
  std::lock_guard lock(mutex_);
  if (running_ || stopping_) return;
  // Opened here, on the starting thread, so a database that cannot be opened fails start-up
  // rather than a thread; each is then used by its one thread only (NOMUTEX).
  if (borrowed_) stores_.push_back(borrowed_);
  // No threads: one connection, read on the caller's thread (the HTTP thread, as before the pool).
  for (std::size_t i = 0; !borrowed_ && i < std::max<std::size_t>(limits_.threads, 1); ++i) {
    connections_.push_back(std::make_unique<SQLite::Database>(open_()));
    owned_.push_back(std::make_unique<storage::Store>(*connections_.back()));
    stores_.push_back(owned_.back().get());
  }
  running_ = true;
  for (std::size_t i = 0; i < limits_.threads; ++i)
    threads_.emplace_back([this, i] { loop(*stores_[i]); });
}

void Readers::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  // Never started: nothing will run what is queued, so fail it rather than leave callers hanging.
  std::deque<Job> left;
  {
    std::lock_guard lock(mutex_);
    running_ = false;
    left.swap(queue_);
  }
  for (auto& job : left) job.done(std::make_exception_ptr(std::runtime_error("the readers have stopped")));
}

std::size_t Readers::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

std::size_t Readers::done() const {
  std::lock_guard lock(mutex_);
  return done_;
}

std::size_t Readers::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

void Readers::enqueue(Job job) {
  std::exception_ptr refusal;
  {
    std::unique_lock lock(mutex_);
    if (stopping_ && !running_) {
      refusal = std::make_exception_ptr(std::runtime_error("the readers have stopped"));
    } else if (limits_.threads == 0 && running_ && !stopping_) {
      // Inline: the caller's thread reads, and the completion is posted as a reader's would be.
      lock.unlock();
      std::exception_ptr error;
      try {
        job.work(*stores_.front());
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard done(mutex_);
        ++done_;
      }
      job.done(error);
      return;
    } else if (queue_.size() >= limits_.max_queued) {
      ++refused_;
      refusal = std::make_exception_ptr(ReadersBusy());
    } else {
      // While stopping, the threads still run what is queued.
      queue_.push_back(std::move(job));
      lock.unlock();
      wake_.notify_one();
      return;
    }
  }
  job.done(refusal);
}

void Readers::loop(storage::Store& store) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has run
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    std::exception_ptr error;
    try {
      job.work(store);
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      ++done_;
    }
    job.done(error);
  }
}

}  // namespace gridbot
