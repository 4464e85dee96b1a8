// What the sender does with each kind of answer: retry with backoff, dead letters with the
// platform's code, rate limits, an expired token, and texts over the platform's limit.
#include <doctest/doctest.h>

#include "tests/bot/outbox_rig.hpp"

using namespace gridbot;
using platforms::SendResult;
using testing::OutboxRig;

TEST_CASE("a transient failure is retried with exponential backoff, or after the platform's hint") {
  OutboxRig r;
  r.adapter.answers["g1"] = {SendResult::retry("-1 system busy"), SendResult::retry("-1 system busy"),
                             SendResult::retry("45033 too many concurrent", Seconds(30))};
  r.enqueue("g1", 1);
  REQUIRE(r.run_until([&] { return r.adapter.finished.size() == 1; }));
  r.settle();
  const auto id = r.adapter.finished[0].id;
  CHECK(r.attempts(id) == 1);
  r.advance(Seconds(1));
  CHECK(r.adapter.finished.size() == 1);  // 2 s after the first failure, not sooner
  r.advance(Seconds(1));
  CHECK(r.adapter.finished.size() == 2);
  r.advance(Seconds(3));
  CHECK(r.adapter.finished.size() == 2);  // then 4 s
  r.advance(Seconds(1));
  CHECK(r.adapter.finished.size() == 3);
  r.advance(Seconds(29));
  CHECK(r.adapter.finished.size() == 3);  // the platform asked for 30 s
  r.advance(Seconds(1));
  CHECK(r.adapter.finished.size() == 4);
  CHECK(r.count("sent") == 1);
  CHECK(r.attempts(id) == 4);
}

TEST_CASE("a permanent failure is a dead letter with the platform's code and the advice; so is the eighth failure") {
  OutboxRig r;
  r.adapter.answers["g1"] = {SendResult::permanent("60011 no privilege: add the member to the app's visible range", 60011)};
  r.enqueue("g1", 1);
  REQUIRE(r.run_until([&] { return r.count("dead") == 1; }));
  auto [errcode, error] = r.reader.outbox.last_error(r.adapter.finished[0].id);
  CHECK(errcode == 60011);
  CHECK(error.find("visible range") != std::string::npos);

  for (int i = 0; i < OutboxSender::max_attempts; ++i) r.adapter.answers["g2"].push_back(SendResult::retry("timeout", {}, -1));
  r.enqueue("g2", 1);
  for (int i = 0; i < 12 && r.count("dead") < 2; ++i) r.advance(Seconds(600));
  CHECK(r.count("dead") == 2);
  CHECK(r.adapter.finished_to("g2") == OutboxSender::max_attempts);
  auto [code, why] = r.reader.outbox.last_error(r.adapter.finished.back().id);
  CHECK(code == -1);
  CHECK(why.find("gave up after 8 attempts") != std::string::npos);
}

TEST_CASE("rate limited: the bucket waits until the platform's time without spending an attempt; others go on") {
  OutboxRig r;
  r.adapter.quota_per_chat["g1"] = {20, Seconds(60)};
  r.adapter.quota_per_chat["g2"] = {20, Seconds(60)};
  r.adapter.answers["g1"] = {SendResult::rate_limited("45009 api freq out of limit", r.t0 + Seconds(600), 45009)};
  r.enqueue("g1", 3);
  REQUIRE(r.run_until([&] { return r.adapter.finished.size() == 1; }));
  r.settle();
  const auto first = r.adapter.finished[0].id;
  CHECK(r.attempts(first) == 0);
  CHECK(r.count("pending") == 3);
  r.enqueue("g2", 2);
  REQUIRE(r.run_until([&] { return r.adapter.finished_to("g2") == 2; }));
  r.advance(Seconds(599));
  CHECK(r.adapter.finished_to("g1") == 1);  // blocked all along
  r.advance(Seconds(1));
  REQUIRE(r.adapter.finished_to("g1") == 4);
  CHECK(r.adapter.finished[3].id == first);  // the blocked row goes first, then the rest in order
  CHECK(r.count("sent") == 5);
  CHECK(r.attempts(first) == 1);
}

TEST_CASE("an expired token is refreshed once and the row sent once more; a second expiry is a retry") {
  OutboxRig r;
  r.adapter.answers["g1"] = {SendResult::token_expired("42001 access_token expired", 42001)};
  r.enqueue("g1", 1);
  REQUIRE(r.run_until([&] { return r.count("sent") == 1; }));
  CHECK(r.adapter.refreshes == 1);
  CHECK(r.adapter.finished.size() == 2);
  CHECK(r.attempts(r.adapter.finished[0].id) == 1);

  r.adapter.answers["g2"] = {SendResult::token_expired("42001", 42001), SendResult::token_expired("42001", 42001)};
  r.enqueue("g2", 1);
  REQUIRE(r.run_until([&] { return r.adapter.finished_to("g2") == 2; }));
  r.settle();
  CHECK(r.adapter.refreshes == 2);  // once for this row, not in a loop
  CHECK(r.count("pending") == 1);
  CHECK(r.attempts(r.adapter.finished.back().id) == 1);
  r.advance(Seconds(2));
  CHECK(r.count("sent") == 2);
}

TEST_CASE("a text over the platform's limit becomes numbered rows, each sent on its own, before the bucket's next row") {
  OutboxRig r;
  r.adapter.quota_per_chat["g1"] = {20, Seconds(60)};
  r.adapter.limit = 64;
  std::string text;
  for (int i = 0; i < 40; ++i) text += "停水";  // 240 bytes
  SendMessage long_one = OutboxRig::message("g1", text);
  long_one.mentions = {"zhangwei"};
  r.enqueue({long_one, OutboxRig::message("g1", "下一条")});
  REQUIRE(r.run_until([&] { return r.count("sent") == 6; }));
  const auto& sent = r.adapter.finished;
  REQUIRE(sent.size() == 6);
  std::string joined;
  for (std::size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(sent[i].message.text.size() <= 64);
    const std::string label = "(" + std::to_string(i + 1) + "/5) ";
    REQUIRE(sent[i].message.text.starts_with(label));
    joined += sent[i].message.text.substr(label.size());
    CHECK(sent[i].message.mentions == (i == 0 ? std::vector<std::string>{"zhangwei"} : std::vector<std::string>{}));
  }
  CHECK(joined == text);  // cut at character boundaries, nothing lost
  CHECK(sent[5].message.text == "下一条");
  CHECK(r.count("pending") == 0);
}
