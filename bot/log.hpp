// One line per event, with a time and a level, readable by a person:
//   2026-11-22 15:40:01 INFO  http  POST /local/api/groups/g1/messages 202 1.2ms
#pragma once

#include <string_view>

#include <fmt/core.h>

namespace gridbot::log {

enum class Level { debug, info, warn, error };

void set_min_level(Level level);
void write(Level level, std::string_view area, std::string_view line);

template <class... A>
void info(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  write(Level::info, area, fmt::format(f, std::forward<A>(args)...));
}
template <class... A>
void warn(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  write(Level::warn, area, fmt::format(f, std::forward<A>(args)...));
}
template <class... A>
void error(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  write(Level::error, area, fmt::format(f, std::forward<A>(args)...));
}
template <class... A>
void debug(std::string_view area, fmt::format_string<A...> f, A&&... args) {
  write(Level::debug, area, fmt::format(f, std::forward<A>(args)...));
}

}  // namespace gridbot::log
