#include "bot/log.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>

#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace gridbot::log {

namespace {
std::atomic<Level> min_level{Level::info};
std::mutex out_mutex;
constexpr const char* level_names[] = {"DEBUG", "INFO ", "WARN ", "ERROR"};
std::mutex zone_mutex;
std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createDefault());
}  // namespace

void set_min_level(Level level) { min_level = level; }

bool set_time_zone(std::string_view iana_name) {
  std::unique_ptr<icu::TimeZone> z(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(iana_name.data(), static_cast<int32_t>(iana_name.size())))));
  if (!z || *z == icu::TimeZone::getUnknown()) return false;
  std::lock_guard lock(zone_mutex);
  zone = std::move(z);
  return true;
}

std::string stamp(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::int32_t raw = 0, dst = 0;
  {
    UErrorCode status = U_ZERO_ERROR;
    std::lock_guard lock(zone_mutex);
    zone->getOffset(static_cast<UDate>(seconds) * 1000.0, false, raw, dst, status);
    if (U_FAILURE(status)) raw = dst = 0;
  }
  const int offset = (raw + dst) / 1000;
  const std::time_t local = seconds + offset;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  const int abs_offset = offset < 0 ? -offset : offset;
  std::snprintf(text + n, sizeof text - n, "%c%02d:%02d", offset < 0 ? '-' : '+', abs_offset / 3600, abs_offset / 60 % 60);
  return text;
}

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
  const std::string when = stamp(std::chrono::system_clock::now());
  std::lock_guard lock(out_mutex);
  std::fprintf(stderr, "%s %s %-8.*s %.*s\n", when.c_str(), level_names[static_cast<int>(level)], static_cast<int>(area.size()),
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
