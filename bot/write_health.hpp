// Whether the service can write, as its last write transaction found out. /healthz says "ok" only
// while the last commit succeeded: after a failed one (disk full, database locked past the busy
// timeout) it is "degraded", with SQLite's reason, until a commit succeeds again. Every commit
// point holds an Attempt; the class reads no clock and is safe to call from any thread.
#pragma once

#include <exception>
#include <mutex>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

namespace gridbot {

class WriteHealth {
 public:
  struct State {
    bool ok = true;
    std::string reason;  // when not ok: why the last write failed
    std::uint64_t failures = 0;  // failed commits since start
  };

  void succeeded() {
    std::lock_guard lock(mutex_);
    state_.ok = true;
    state_.reason.clear();
  }
  void failed(std::string reason) {
    std::lock_guard lock(mutex_);
    state_.ok = false;
    state_.reason = std::move(reason);
    ++state_.failures;
  }
  State state() const {
    std::lock_guard lock(mutex_);
    return state_;
  }

  // Declared right after the transaction: commit(tx) commits and reports success; leaving by an
  // exception before that reports a failure with the connection's last error (read before the
  // transaction's own destructor rolls back and clears it). An early return is no failure.
  class Attempt {
   public:
    Attempt(WriteHealth* health, SQLite::Database& db)
        : health_(health), db_(db), exceptions_(std::uncaught_exceptions()) {}
    void commit(SQLite::Transaction& tx) {
      tx.commit();
      committed_ = true;
      if (health_) health_->succeeded();
    }
    // Runs `work`; an exception it throws is reported with its own message and rethrown. Use it
    // where an inner savepoint's rollback would clear the connection's error before ~Attempt.
    template <class Work>
    decltype(auto) guard(Work&& work) {
      try {
        return work();
      } catch (const std::exception& e) {
        reported_ = true;
        if (health_) health_->failed(e.what());
        throw;
      }
    }
    ~Attempt() {
      if (!health_ || committed_ || reported_ || std::uncaught_exceptions() <= exceptions_) return;
      try {
        const int code = db_.getErrorCode();
        health_->failed(code == 0 ? std::string("a write transaction failed") : std::string(db_.getErrorMsg()));
      } catch (...) {
        // A destructor running during unwinding must not throw.
      }
    }
    Attempt(const Attempt&) = delete;
    Attempt& operator=(const Attempt&) = delete;

   private:
    WriteHealth* health_;
    SQLite::Database& db_;
    int exceptions_;
    bool committed_ = false;
    bool reported_ = false;
  };

 private:
  mutable std::mutex mutex_;
  State state_;
};

}  // namespace gridbot
