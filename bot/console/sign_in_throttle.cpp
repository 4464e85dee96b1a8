#include "bot/console/sign_in_throttle.hpp"

#include <algorithm>

namespace gridbot::console {

SignInThrottle::SignInThrottle(const Clock& clock, ThrottleLimits limits) : clock_(clock), limits_(limits) {}

std::optional<Seconds> SignInThrottle::wait(const std::string& address) const {
  auto it = by_address_.find(address);
  if (it == by_address_.end()) return std::nullopt;
  const Time now = clock_.now();
  if (it->second->blocked_until <= now) return std::nullopt;
  return it->second->blocked_until - now;
}

void SignInThrottle::failed(const std::string& address) {
  const Time now = clock_.now();
  // Quiet addresses gather at the end of the list.
  while (!recent_.empty() && recent_.back().last_failure + limits_.forget_after <= now) {
    by_address_.erase(recent_.back().address);
    recent_.pop_back();
  }
  auto it = by_address_.find(address);
  if (it == by_address_.end()) {
    if (by_address_.size() >= limits_.max_addresses) {
      by_address_.erase(recent_.back().address);
      recent_.pop_back();
    }
    recent_.push_front(Record{address, 0, now, now});
    it = by_address_.emplace(address, recent_.begin()).first;
  } else {
    recent_.splice(recent_.begin(), recent_, it->second);
  }
  Record& r = *it->second;
  ++r.failures;
  r.last_failure = now;
  const int over = r.failures - limits_.free_failures;  // 0 at the fifth failure
  if (over >= 0) {
    // 2 s, 4 s, 8 s ... capped; the shift is capped first so it cannot overflow.
    const auto delay = std::min(limits_.max_delay, limits_.first_delay * (std::int64_t{1} << std::min(over, 30)));
    r.blocked_until = now + delay;
  }
}

void SignInThrottle::succeeded(const std::string& address) {
  auto it = by_address_.find(address);
  if (it == by_address_.end()) return;
  recent_.erase(it->second);
  by_address_.erase(it);
}

}  // namespace gridbot::console
