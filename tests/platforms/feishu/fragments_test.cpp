// Reassembly by message_id/sum/seq: in order, out of order, duplicates, and the bounds.
#include <doctest/doctest.h>

#include "bot/platforms/feishu/fragments.hpp"

namespace gridbot::feishu {
namespace {

using Clock = FragmentAssembler::Clock;
const Clock::time_point t0{};

Frame part(std::string id, int sum, int seq, std::string payload) {
  Frame f;
  f.method = Frame::data;
  f.headers = {{"type", "event"}, {"message_id", std::move(id)}, {"sum", std::to_string(sum)},
               {"seq", std::to_string(seq)}};
  f.payload = std::move(payload);
  return f;
}

TEST_CASE("a single frame (sum 1, or no sum at all) is whole at once") {
  FragmentAssembler a;
  CHECK(a.add(part("m-1", 1, 0, "{}"), t0).value() == "{}");
  Frame bare;
  bare.payload = "{\"a\":1}";
  CHECK(a.add(bare, t0).value() == "{\"a\":1}");
  CHECK(a.pending() == 0);
}

TEST_CASE("three parts out of order, one of them twice, join in seq order") {
  FragmentAssembler a;
  CHECK_FALSE(a.add(part("m-2", 3, 2, "C"), t0).value().has_value());
  CHECK_FALSE(a.add(part("m-2", 3, 0, "A"), t0).value().has_value());
  CHECK_FALSE(a.add(part("m-2", 3, 0, "A"), t0).value().has_value());  // duplicate: not counted twice
  CHECK(a.pending() == 1);
  CHECK(a.pending_bytes() == 2);
  CHECK(a.add(part("m-2", 3, 1, "B"), t0).value() == "ABC");
  CHECK(a.pending() == 0);
  CHECK(a.pending_bytes() == 0);
  // The same message again later (a redelivery) reassembles again: the inbox dedupes it, not we.
  CHECK_FALSE(a.add(part("m-2", 3, 0, "A"), t0).value().has_value());
}

TEST_CASE("interleaved messages stay apart") {
  FragmentAssembler a;
  CHECK_FALSE(a.add(part("x", 2, 0, "x0"), t0).value().has_value());
  CHECK_FALSE(a.add(part("y", 2, 1, "y1"), t0).value().has_value());
  CHECK(a.add(part("y", 2, 0, "y0"), t0).value() == "y0y1");
  CHECK(a.add(part("x", 2, 1, "x1"), t0).value() == "x0x1");
}

TEST_CASE("by default an incomplete message lives 10 s, as in the official SDK") {
  FragmentAssembler a;
  CHECK_FALSE(a.add(part("m", 2, 0, "A"), t0).value().has_value());
  CHECK(a.add(part("m", 2, 1, "B"), t0 + std::chrono::seconds(10)).value() == "AB");
  CHECK_FALSE(a.add(part("n", 2, 0, "A"), t0).value().has_value());
  CHECK_FALSE(a.add(part("n", 2, 1, "B"), t0 + std::chrono::seconds(11)).value().has_value());  // A had gone
}

TEST_CASE("bad sum or seq, a changing sum and a part without message_id are malformed") {
  FragmentAssembler a;
  CHECK(a.add(part("m", 2, 2, "z"), t0).error() == Error::malformed_frame);
  CHECK(a.add(part("m", 0, 0, "z"), t0).error() == Error::malformed_frame);
  CHECK(a.add(part("m", 1000, 0, "z"), t0).error() == Error::malformed_frame);  // over max_parts
  auto f = part("m", 2, 0, "z");
  f.headers[2].second = "two";
  CHECK(a.add(f, t0).error() == Error::malformed_frame);
  CHECK_FALSE(a.add(part("m", 2, 0, "z"), t0).value().has_value());
  CHECK(a.add(part("m", 3, 1, "z"), t0).error() == Error::malformed_frame);
  CHECK(a.pending() == 0);  // the inconsistent message is dropped whole
  CHECK(a.add(part("", 2, 0, "z"), t0).error() == Error::malformed_frame);
}

TEST_CASE("bounded: incomplete messages expire, the oldest goes first at the count and byte limits") {
  FragmentAssembler a({.max_parts = 8, .max_pending = 2, .max_bytes = 10, .max_age = std::chrono::seconds(30)});
  CHECK_FALSE(a.add(part("old", 2, 0, "aaaa"), t0).value().has_value());
  a.expire(t0 + std::chrono::seconds(31));
  CHECK(a.pending() == 0);
  CHECK(a.pending_bytes() == 0);

  CHECK_FALSE(a.add(part("m1", 2, 0, "1111"), t0).value().has_value());
  CHECK_FALSE(a.add(part("m2", 2, 0, "2222"), t0 + std::chrono::seconds(1)).value().has_value());
  CHECK_FALSE(a.add(part("m3", 2, 0, "33"), t0 + std::chrono::seconds(2)).value().has_value());  // m1 dropped: count
  CHECK(a.pending() == 2);
  CHECK_FALSE(a.add(part("m1", 2, 1, "1111"), t0 + std::chrono::seconds(3)).value().has_value());  // m1 starts over
  CHECK(a.pending() == 2);  // and m2 went for it
  CHECK(a.add(part("m3", 2, 1, "33"), t0 + std::chrono::seconds(4)).value() == "3333");
  CHECK(a.add(part("big", 2, 0, std::string(11, 'b')), t0).error() == Error::malformed_frame);  // alone over the limit
}

TEST_CASE("at the byte limit the oldest other message is dropped, never the one being completed") {
  FragmentAssembler a({.max_parts = 8, .max_pending = 10, .max_bytes = 10, .max_age = std::chrono::seconds(30)});
  CHECK_FALSE(a.add(part("a", 2, 0, "aaaa"), t0).value().has_value());
  CHECK_FALSE(a.add(part("b", 2, 0, "bbbb"), t0 + std::chrono::seconds(1)).value().has_value());
  CHECK_FALSE(a.add(part("c", 2, 0, "cccc"), t0 + std::chrono::seconds(2)).value().has_value());  // 12 > 10: a goes
  CHECK(a.pending() == 2);
  CHECK(a.pending_bytes() == 8);
  CHECK(a.add(part("c", 2, 1, "cc"), t0 + std::chrono::seconds(3)).value() == "cccccc");
  CHECK_FALSE(a.add(part("a", 2, 1, "aaaa"), t0 + std::chrono::seconds(3)).value().has_value());  // a starts over
  CHECK(a.add(part("b", 2, 1, "bb"), t0 + std::chrono::seconds(3)).value() == "bbbbbb");
}

}  // namespace
}  // namespace gridbot::feishu
