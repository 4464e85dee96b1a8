#include "bot/log.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace gridbot::log {

namespace {
std::atomic<Level> min_level{Level::info};
std::mutex out_mutex;
constexpr const char* level_names[] = {"DEBUG", "INFO ", "WARN ", "ERROR"};
}  // namespace

void set_min_level(Level level) { min_level = level; }

bool enabled(Level level) { return level >= min_level.load(std::memory_order_relaxed); }

bool set_min_level(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    std::string_view n = level_names[i];
    while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) { return a == std::toupper(static_cast<unsigned char>(b)); })) {
      set_min_level(static_cast<Level>(i));
      return true;
    }
  }
  return false;
}

void write(Level level, std::string_view area, std::string_view line) {
  if (level < min_level.load()) return;
  // Wall time on purpose, even under --test-clock: logs say when things really happened.
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
  std::lock_guard lock(out_mutex);
  std::fprintf(stderr, "%s %s %-8.*s %.*s\n", stamp, level_names[static_cast<int>(level)], static_cast<int>(area.size()),
               area.data(), static_cast<int>(line.size()), line.data());
}

}  // namespace gridbot::log
