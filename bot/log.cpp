#include "bot/log.hpp"

#include <atomic>
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

bool Throttle::allow(std::chrono::steady_clock::time_point now) {
  if (ever_ && now - last_ < interval_) {
    ++held_;
    return false;
  }
  ever_ = true;
  last_ = now;
  reported_ = held_;
  held_ = 0;
  return true;
}

}  // namespace gridbot::log
