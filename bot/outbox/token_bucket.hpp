// One platform quota on the sender's injected clock: at most `capacity` sends in any window of
// `period`. Each token comes back one period after it was spent. A bucket that refilled
// continuously and started full would let 39 sends through the first minute of a 20/min quota,
// and WeCom drops what is over its quota silently; this one lets exactly 20 through.
#pragma once

#include <cstddef>
#include <deque>

#include "handlers/time.hpp"

namespace gridbot::outbox {

class TokenBucket {
 public:
  TokenBucket(int capacity, Seconds period);

  // A token is here at `now` (and the platform has not blocked the bucket).
  bool available(Time now) const;
  // Spends a token at `now`; call only when available(now).
  void take(Time now);
  // When the k-th send from now (k = 0: the next) could go if nothing else spent a token: what
  // the sender defers a waiting row to.
  Time available_for(Time now, std::size_t k) const;
  // The platform said "rate limited until": no token before then.
  void block_until(Time until);

  int capacity() const { return capacity_; }
  Seconds period() const { return period_; }

 private:
  // Spends still inside the window at `now`.
  std::size_t in_window(Time now) const;

  int capacity_;
  Seconds period_;
  std::deque<Time> spent_;  // oldest first; at most capacity_ kept
  Time blocked_until_{};
};

}  // namespace gridbot::outbox
