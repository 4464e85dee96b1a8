// One line per event, with a time and a level, readable by a person:
//   2026-11-22 15:40:01 INFO  http  POST /local/api/groups/g1/messages 202 1.2ms
#pragma once

#include <string_view>

#include <fmt/core.h>

namespace gridbot::log {

enum class Level { debug, info, warn, error };

void set_min_level(Level level);
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

}  // namespace gridbot::log
