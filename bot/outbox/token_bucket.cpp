#include "bot/outbox/token_bucket.hpp"

#include <algorithm>

namespace gridbot::outbox {

TokenBucket::TokenBucket(int capacity, Seconds period)
    : capacity_(std::max(capacity, 1)), period_(std::max(period, Seconds(1))) {}

std::size_t TokenBucket::in_window(Time now) const {
  // spent_ is sorted: the ones still counting are a suffix.
  auto first = std::upper_bound(spent_.begin(), spent_.end(), now - period_);
  return static_cast<std::size_t>(spent_.end() - first);
}

bool TokenBucket::available(Time now) const {
  return now >= blocked_until_ && in_window(now) < static_cast<std::size_t>(capacity_);
}

void TokenBucket::take(Time now) {
  spent_.push_back(now);
  while (spent_.size() > static_cast<std::size_t>(capacity_)) spent_.pop_front();
}

Time TokenBucket::available_for(Time now, std::size_t k) const {
  const Time base = std::max(now, blocked_until_);
  const std::size_t busy = in_window(base);
  const std::size_t free_now = static_cast<std::size_t>(capacity_) - busy;
  if (k < free_now) return base;
  // Later sends ride on tokens coming back: the busy ones first, in the order they were spent,
  // then each token again a period later.
  const std::size_t j = k - free_now;
  if (busy == 0) return base + period_ * static_cast<std::int64_t>(j / static_cast<std::size_t>(capacity_) + 1);
  const std::size_t cycle = static_cast<std::size_t>(capacity_);
  // Token i of the cycle comes back at: the i-th busy spend + period, or (for tokens free now,
  // spent at base) base + period.
  std::size_t i = j % cycle;
  const auto rounds = static_cast<std::int64_t>(j / cycle);
  Time back = i < busy ? spent_[spent_.size() - busy + i] + period_ : base + period_;
  return std::max(base, back + period_ * rounds);
}

void TokenBucket::block_until(Time until) { blocked_until_ = std::max(blocked_until_, until); }

}  // namespace gridbot::outbox
