// Console sessions: a random 256-bit id (hex) per sign-in, held in memory only — a restart signs
// everyone out, which for a desk tool is a fair price for keeping no secret on disk. A session
// ends after `idle` without a request, or `absolute` after sign-in however busy it was, so a
// stolen cookie does not live for ever. Used on the event loop's thread only.
#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "bot/clock.hpp"

namespace gridbot::console {

struct SessionLimits {
  Seconds idle{8 * 3600};
  Seconds absolute{24 * 3600};
  std::size_t max_sessions = 10'000;  // past it, the least recently used session ends
};

class Sessions {
 public:
  Sessions(const Clock& clock, SessionLimits limits = {});

  // A new session for console user `user`; returns its id (64 hex digits).
  std::string start(std::string user);
  // The user of a live session, refreshing its idle deadline; nothing for an unknown or expired id.
  std::optional<std::string> user_of(const std::string& id);
  void end(const std::string& id);
  std::size_t size() const { return by_id_.size(); }

 private:
  struct Session {
    std::string id, user;
    Time started, last_seen;
  };
  using List = std::list<Session>;  // most recently used first

  const Clock& clock_;
  SessionLimits limits_;
  List recent_;
  std::unordered_map<std::string, List::iterator> by_id_;
};

// 32 bytes from RAND_bytes, as 64 lower-case hex digits.
std::string random_session_id();

}  // namespace gridbot::console
