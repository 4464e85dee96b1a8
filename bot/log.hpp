// One line per event, with a time and a level, readable by a person:
//   2026-11-22 15:40:01+08:00 INFO  http  POST /local/api/groups/g1/messages 202 1.2ms
// Times are in the configured zone (the one messages to people use) and say their offset, so a
// log read on a machine set to UTC still lines up with "限时 11月22日 17:30".
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/core.h>

namespace gridbot::log {

enum class Level { debug, info, warn, error };

void set_min_level(Level level);
// An IANA zone; false (and the zone unchanged) when ICU does not know it. Until set: the
// process's local zone.
bool set_time_zone(std::string_view iana_name);
// "YYYY-MM-DD HH:MM:SS+HH:MM" in the zone set.
std::string stamp(std::chrono::system_clock::time_point t);
// Whether a line at `level` would be written: checked before formatting, so a busy service at
// level warn does not pay for the info lines it drops.
bool enabled(Level level);
// "debug", "info", "warn" or "error"; false for anything else.
bool set_min_level(std::string_view name);
void write(Level level, std::string_view area, std::string_view line);

template <class... A>
void info(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  if (!enabled(Level::info)) return;
  write(Level::info, area, fmt::format(f, std::forward<A>(args)...));
}
template <class... A>
void warn(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  if (!enabled(Level::warn)) return;
  write(Level::warn, area, fmt::format(f, std::forward<A>(args)...));
}
template <class... A>
void error(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  if (!enabled(Level::error)) return;
  write(Level::error, area, fmt::format(f, std::forward<A>(args)...));
}
template <class... A>
void debug(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  if (!enabled(Level::debug)) return;
  write(Level::debug, area, fmt::format(f, std::forward<A>(args)...));
}

// For a condition that can repeat thousands of times a second (accept failing for want of file
// descriptors): allow() says yes at most once per interval and counts the rest, so the line that
// is written can say how many it stands for.
class Throttle {
 public:
  explicit Throttle(std::chrono::steady_clock::duration interval) : interval_(interval) {}
  // True when a line may be written now; `suppressed()` is then how many were held back before it.
  bool allow(std::chrono::steady_clock::time_point now);
  std::uint64_t suppressed() const { return reported_; }

 private:
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point last_{};
  bool ever_ = false;
  std::uint64_t held_ = 0, reported_ = 0;
};

}  // namespace gridbot::log
