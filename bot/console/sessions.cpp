#include "bot/console/sessions.hpp"

#include <array>
#include <stdexcept>

#include <openssl/rand.h>

namespace gridbot::console {

std::string random_session_id() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 0xf];
  }
  return out;
}

Sessions::Sessions(const Clock& clock, SessionLimits limits) : clock_(clock), limits_(limits) {}

std::string Sessions::start(std::string user) {
  const Time now = clock_.now();
  // The list is in order of use: expired sessions gather at its end.
  while (!recent_.empty() && (recent_.back().last_seen + limits_.idle <= now || by_id_.size() >= limits_.max_sessions)) {
    by_id_.erase(recent_.back().id);
    recent_.pop_back();
  }
  std::string id = random_session_id();
  recent_.push_front(Session{id, std::move(user), now, now});
  by_id_[id] = recent_.begin();
  return id;
}

std::optional<std::string> Sessions::user_of(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  const Time now = clock_.now();
  Session& s = *it->second;
  if (s.last_seen + limits_.idle <= now || s.started + limits_.absolute <= now) {
    recent_.erase(it->second);
    by_id_.erase(it);
    return std::nullopt;
  }
  s.last_seen = now;
  recent_.splice(recent_.begin(), recent_, it->second);
  return s.user;
}

void Sessions::end(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  recent_.erase(it->second);
  by_id_.erase(it);
}

}  // namespace gridbot::console
