// Slows password guessing from one address: after `free_failures` failed sign-ins in a row, the
// address must wait before its next try — 2 s after the fifth failure, doubling with each further
// one, at most `max_delay` — and a success forgets it. (The clock counts whole seconds, so a wait
// of n s is between n - 1 and n: 2 s is the least that always slows.) Memory is bounded: past `max_addresses`
// the address that failed least recently is forgotten first, so many addresses cannot grow it
// (one attacker with that many addresses gains only what they would have anyway).
#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "bot/clock.hpp"

namespace gridbot::console {

struct ThrottleLimits {
  int free_failures = 5;
  Seconds first_delay{2};
  Seconds max_delay{15 * 60};
  std::size_t max_addresses = 4096;
  Seconds forget_after{24 * 3600};  // an address quiet this long starts afresh
};

class SignInThrottle {
 public:
  SignInThrottle(const Clock& clock, ThrottleLimits limits = {});

  // How long `address` must still wait; nothing when it may try now.
  std::optional<Seconds> wait(const std::string& address) const;
  void failed(const std::string& address);
  void succeeded(const std::string& address);
  std::size_t size() const { return by_address_.size(); }

 private:
  struct Record {
    std::string address;
    int failures = 0;
    Time last_failure, blocked_until;
  };
  using List = std::list<Record>;  // most recent failure first

  const Clock& clock_;
  ThrottleLimits limits_;
  List recent_;
  std::unordered_map<std::string, List::iterator> by_address_;
};

}  // namespace gridbot::console
