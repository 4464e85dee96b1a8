// The fake's records behind a mutex, with a condition variable signalled on every change, so tests
// wait on what they expect with a timeout instead of sleeping.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "tests/support/fake_dingtalk/fake_dingtalk.hpp"

namespace gridbot::testing::fake_dingtalk {

class Recorder {
 public:
  // `change` runs under the lock; waiters are woken afterwards.
  void update(const std::function<void(Records&)>& change);
  Records snapshot() const;
  bool wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  Records records_;
};

}  // namespace gridbot::testing::fake_dingtalk
