#include "bot/wal_sync.hpp"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gridbot {

WalSync::WalSync(Flush flush) : flush_(std::move(flush)) {}

WalSync::~WalSync() { stop(); }

void WalSync::start() {
  std::lock_guard lock(mutex_);
  if (running_ || stopping_ || !flush_) return;
  running_ = true;
  thread_ = std::thread([this] { loop(); });
}

void WalSync::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::vector<Waiting> left;
  {
    std::lock_guard lock(mutex_);
    running_ = false;
    left.swap(waiting_);
  }
  // Never started (or stopped with something handed over meanwhile): flush here.
  if (!left.empty()) complete(left, flush_now());
}

std::uint64_t WalSync::flushes() const {
  std::lock_guard lock(mutex_);
  return flushes_;
}

void WalSync::committing() {
  std::lock_guard lock(mutex_);
  ++announced_;
}

void WalSync::committed(std::vector<Completion> batch, bool clean) {
  std::unique_lock lock(mutex_);
  // Finished, whether or not it succeeded: a failed COMMIT left nothing a reader could see, and
  // its waiters are released by the next flush rather than held until the next commit.
  commits_ = announced_;
  if (!running_) {
    // No thread to wait for (not started, stopped, or nothing to flush): flush on this thread, so
    // the promise "answered means on the disk" holds without it.
    const std::uint64_t covered = commits_;
    lock.unlock();
    std::vector<Waiting> ready;
    for (auto& c : batch) ready.push_back(Waiting{covered, std::move(c)});
    const std::exception_ptr error = flush_now();
    lock.lock();
    if (!error) durable_ = std::max(durable_, covered);  // a thread started later need not flush it again
    lock.unlock();
    report(error, clean);
    complete(ready, error);
    return;
  }
  for (auto& c : batch) waiting_.push_back(Waiting{commits_, std::move(c)});
  clean_ = clean_ || clean;
  lock.unlock();
  wake_.notify_one();
}

void WalSync::when_durable(JobDone done) {
  std::unique_lock lock(mutex_);
  if (!running_ || durable_ >= announced_) {
    // Every commit begun is on the disk already, or there is no thread (and then every commit
    // was flushed on the writer's own thread before it was answered).
    lock.unlock();
    done(nullptr);
    return;
  }
  // A commit begun but not finished is covered only by a flush after it finishes.
  waiting_.push_back(Waiting{announced_, Completion{std::move(done), nullptr}});
}

void WalSync::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || durable_ < commits_; });
    if (durable_ == commits_) return;  // stopping, and everything handed over is durable
    // Everything committed up to here is in the file; what commits while the flush runs waits
    // for the next one.
    const std::uint64_t covered = commits_;
    const bool clean = std::exchange(clean_, false);
    lock.unlock();
    const std::exception_ptr error = flush_now();
    lock.lock();
    durable_ = covered;
    ++flushes_;
    std::vector<Waiting> ready, later;
    for (auto& w : waiting_) (w.commit <= covered ? ready : later).push_back(std::move(w));
    waiting_.swap(later);
    lock.unlock();
    report(error, clean);
    complete(ready, error);
    lock.lock();
  }
}

void WalSync::report(std::exception_ptr error, bool clean) {
  if (!error) {
    if (clean && on_success) on_success();
    return;
  }
  if (!on_failure) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    on_failure(e.what());
  } catch (...) {
    on_failure("flushing the WAL failed");
  }
}

std::exception_ptr WalSync::flush_now() {
  if (!flush_) return nullptr;
  try {
    flush_();
    return nullptr;
  } catch (...) {
    return std::current_exception();
  }
}

void WalSync::complete(std::vector<Waiting>& ready, std::exception_ptr flush_error) {
  // A failed flush fails even the jobs that succeeded: what they wrote may not be on the disk, so
  // the request is not answered as accepted and the platform sends it again.
  for (auto& w : ready) w.completion.done(flush_error ? flush_error : w.completion.error);
  ready.clear();
}

WalSync::Flush fdatasync_file(std::string path) {
  struct File {
    int fd = -1;
    ino_t inode = 0;
    ~File() {
      if (fd >= 0) ::close(fd);
    }
  };
  auto file = std::make_shared<File>();
  auto fail = [path](const char* what) {
    throw std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
  };
  return [file, path, fail] {
    struct stat now {};
    if (::stat(path.c_str(), &now) != 0) {
      // No WAL file: SQLite has not created it yet or deleted it after a last checkpoint, which
      // synced the database itself. Nothing is in a log that could be lost.
      if (errno == ENOENT) return;
      fail("stat");
    }
    if (file->fd < 0 || now.st_ino != file->inode) {
      if (file->fd >= 0) ::close(file->fd);
      // Read-only is enough: fdatasync flushes the file's pages, not this descriptor's writes.
      file->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (file->fd < 0) fail("open");
      file->inode = now.st_ino;
    }
    if (::fdatasync(file->fd) != 0) fail("fdatasync");
  };
}

}  // namespace gridbot
