#include <doctest/doctest.h>

#include <set>

#include "bot/console/sessions.hpp"

using namespace gridbot;
using namespace gridbot::console;

TEST_CASE("a session id is 256 random bits in hex") {
  const std::string a = random_session_id(), b = random_session_id();
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
}

TEST_CASE("a session ends after its idle time, and each request moves that on") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  Sessions sessions(clock, SessionLimits{.idle = Seconds(8 * 3600), .absolute = Seconds(24 * 3600)});
  const std::string id = sessions.start("zhoulan");
  CHECK(sessions.user_of(id) == "zhoulan");
  clock.advance(Seconds(8 * 3600 - 1));
  CHECK(sessions.user_of(id) == "zhoulan");  // used: eight more hours from now
  clock.advance(Seconds(8 * 3600 - 1));
  CHECK(sessions.user_of(id) == "zhoulan");
  clock.advance(Seconds(8 * 3600));
  CHECK_FALSE(sessions.user_of(id));
  CHECK(sessions.size() == 0);
  CHECK_FALSE(sessions.user_of(id));  // gone for good, not back after another look
}

TEST_CASE("a busy session still ends at its absolute limit") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  Sessions sessions(clock, SessionLimits{.idle = Seconds(8 * 3600), .absolute = Seconds(24 * 3600)});
  const std::string id = sessions.start("zhoulan");
  for (int hour = 1; hour < 24; ++hour) {
    clock.advance(Seconds(3600));
    REQUIRE(sessions.user_of(id) == "zhoulan");
  }
  clock.advance(Seconds(3600));
  CHECK_FALSE(sessions.user_of(id));
}

TEST_CASE("signing out ends only that session; an unknown id is nobody") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  Sessions sessions(clock);
  const std::string desk = sessions.start("zhoulan"), phone = sessions.start("zhoulan");
  sessions.end(desk);
  CHECK_FALSE(sessions.user_of(desk));
  CHECK(sessions.user_of(phone) == "zhoulan");
  CHECK_FALSE(sessions.user_of(std::string(64, '0')));
  sessions.end("no such id");  // harmless
}

TEST_CASE("sessions are bounded: past the cap the least recently used one ends") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  Sessions sessions(clock, SessionLimits{.max_sessions = 3});
  const std::string a = sessions.start("a"), b = sessions.start("b"), c = sessions.start("c");
  CHECK(sessions.user_of(a) == "a");  // a is now the most recent; b the least
  const std::string d = sessions.start("d");
  CHECK(sessions.size() == 3);
  CHECK_FALSE(sessions.user_of(b));
  CHECK(sessions.user_of(a) == "a");
  CHECK(sessions.user_of(c) == "c");
  CHECK(sessions.user_of(d) == "d");
}
