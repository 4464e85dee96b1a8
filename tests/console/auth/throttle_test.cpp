#include <doctest/doctest.h>

#include "bot/console/sign_in_throttle.hpp"

using namespace gridbot;
using namespace gridbot::console;

TEST_CASE("five failures are free; then each try waits, longer after each further failure") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  SignInThrottle throttle(clock);
  const std::string address = "203.0.113.7";
  for (int i = 0; i < 4; ++i) {
    throttle.failed(address);
    REQUIRE_FALSE(throttle.wait(address));
  }
  throttle.failed(address);  // the fifth
  CHECK(throttle.wait(address) == Seconds(2));
  clock.advance(Seconds(2));
  CHECK_FALSE(throttle.wait(address));
  throttle.failed(address);
  CHECK(throttle.wait(address) == Seconds(4));
  clock.advance(Seconds(4));
  throttle.failed(address);
  CHECK(throttle.wait(address) == Seconds(8));
  clock.advance(Seconds(1));
  CHECK(throttle.wait(address) == Seconds(7));  // counts down
  CHECK_FALSE(throttle.wait("198.51.100.1"));   // another address is not slowed
}

TEST_CASE("the delay stops growing at its cap") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  SignInThrottle throttle(clock, ThrottleLimits{.max_delay = Seconds(60)});
  for (int i = 0; i < 100; ++i) throttle.failed("a");
  CHECK(throttle.wait("a") == Seconds(60));
}

TEST_CASE("a success forgets the failures") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  SignInThrottle throttle(clock);
  for (int i = 0; i < 5; ++i) throttle.failed("a");
  REQUIRE(throttle.wait("a"));
  clock.advance(Seconds(2));
  throttle.succeeded("a");
  CHECK(throttle.size() == 0);
  for (int i = 0; i < 4; ++i) throttle.failed("a");
  CHECK_FALSE(throttle.wait("a"));  // five free failures again
}

TEST_CASE("many addresses do not grow it past its cap; quiet ones are forgotten") {
  ManualClock clock(Time(Seconds(1'800'000'000)));
  SignInThrottle throttle(clock, ThrottleLimits{.max_addresses = 100, .forget_after = Seconds(3600)});
  for (int i = 0; i < 5; ++i) throttle.failed("attacker");
  for (int i = 0; i < 99; ++i) throttle.failed("10.0.0." + std::to_string(i));
  CHECK(throttle.size() == 100);
  CHECK(throttle.wait("attacker"));
  for (int i = 0; i < 10'000; ++i) throttle.failed("10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256));
  CHECK(throttle.size() == 100);
  clock.advance(Seconds(3600));
  throttle.failed("10.9.9.9");
  CHECK(throttle.size() == 1);
}
