// The quota arithmetic the sender paces by: at most `capacity` sends in any window of `period`.
#include <doctest/doctest.h>

#include "bot/outbox/token_bucket.hpp"

using namespace gridbot;
using outbox::TokenBucket;

TEST_CASE("a 20/min bucket lets exactly 20 through in any minute, each token back a minute after it was spent") {
  const Time t0 = Time(Seconds(1'794'967'200));
  TokenBucket b(20, Seconds(60));
  int sent = 0;
  for (int s = 0; s < 60; ++s)
    while (b.available(t0 + Seconds(s))) {
      b.take(t0 + Seconds(s));
      ++sent;
    }
  CHECK(sent == 20);  // a continuously refilled bucket would have let 39 through
  CHECK(b.available(t0 + Seconds(60)));
  CHECK(b.available_for(t0 + Seconds(59), 0) == t0 + Seconds(60));
  CHECK(b.available_for(t0 + Seconds(59), 19) == t0 + Seconds(60));
  CHECK(b.available_for(t0 + Seconds(59), 20) == t0 + Seconds(120));
}

TEST_CASE("spread spends come back one by one, and free tokens are counted before them") {
  const Time t0 = Time(Seconds(1'794'967'200));
  TokenBucket b(3, Seconds(60));
  b.take(t0);
  b.take(t0 + Seconds(10));
  CHECK(b.available_for(t0 + Seconds(20), 0) == t0 + Seconds(20));  // the third token is free
  CHECK(b.available_for(t0 + Seconds(20), 1) == t0 + Seconds(60));
  CHECK(b.available_for(t0 + Seconds(20), 2) == t0 + Seconds(70));
  CHECK(b.available_for(t0 + Seconds(20), 3) == t0 + Seconds(80));  // the free one, spent now, back a minute later
  CHECK(b.available_for(t0 + Seconds(20), 4) == t0 + Seconds(120));
}

TEST_CASE("a blocked bucket has no token before the platform's time, however empty it is") {
  const Time t0 = Time(Seconds(1'794'967'200));
  TokenBucket b(30, Seconds(60));
  b.block_until(t0 + Seconds(600));
  CHECK_FALSE(b.available(t0 + Seconds(599)));
  CHECK(b.available(t0 + Seconds(600)));
  CHECK(b.available_for(t0, 0) == t0 + Seconds(600));
}
