// The one clock everything reads. Tests and --test-clock use the manual one and move it forward.
#pragma once

#include <atomic>
#include <chrono>

#include "handlers/time.hpp"

namespace gridbot {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Time now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Time now() const override { return std::chrono::floor<Seconds>(std::chrono::system_clock::now()); }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Time start) : now_(start.time_since_epoch().count()) {}
  Time now() const override { return Time(Seconds(now_.load())); }
  void advance(Seconds by) { now_ += by.count(); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace gridbot
