#include <doctest/doctest.h>

#include "bot/log.hpp"

using namespace gridbot;

TEST_CASE("log times are in the configured zone and carry its offset") {
  const auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1'794'967'200));  // 02:00 UTC
  REQUIRE(log::set_time_zone("Asia/Shanghai"));
  CHECK(log::stamp(t) == "2026-11-18 10:00:00+08:00");
  REQUIRE(log::set_time_zone("UTC"));
  CHECK(log::stamp(t) == "2026-11-18 02:00:00+00:00");
  REQUIRE(log::set_time_zone("America/New_York"));  // standard time in November
  CHECK(log::stamp(t) == "2026-11-17 21:00:00-05:00");
  REQUIRE(log::set_time_zone("Asia/Kolkata"));
  CHECK(log::stamp(t) == "2026-11-18 07:30:00+05:30");
  CHECK_FALSE(log::set_time_zone("Mars/Olympus"));
  CHECK(log::stamp(t) == "2026-11-18 07:30:00+05:30");  // unchanged
  log::set_time_zone("Asia/Shanghai");
}

TEST_CASE("a throttle lets one line through per interval and counts the ones it held back") {
  using namespace std::chrono;
  log::Throttle throttle(minutes(1));
  const steady_clock::time_point t0{seconds(1000)};
  CHECK(throttle.allow(t0));
  CHECK(throttle.suppressed() == 0);
  int let_through = 0;
  for (int i = 0; i < 5000; ++i) let_through += throttle.allow(t0 + milliseconds(i)) ? 1 : 0;
  CHECK(let_through == 0);
  CHECK(throttle.allow(t0 + seconds(61)));
  CHECK(throttle.suppressed() == 5000);
  CHECK_FALSE(throttle.allow(t0 + seconds(62)));
}
