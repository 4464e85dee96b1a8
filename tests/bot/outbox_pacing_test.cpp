// Pacing, lanes and concurrency of the outbox sender, on a fake adapter and the manual clock.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/bot/outbox_rig.hpp"

using namespace gridbot;
using testing::OutboxRig;

namespace {
bool ascending(const std::vector<storage::OutboxRow>& rows) {
  return std::is_sorted(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
}
}  // namespace

TEST_CASE("a 20/min bucket sends exactly 20 in a minute under a burst of 100, the rest later, in order") {
  OutboxRig r;
  r.adapter.quota_per_chat["g1"] = {20, Seconds(60)};
  r.enqueue("g1", 100);
  REQUIRE(r.run_until([&] { return r.adapter.finished.size() == 20; }));
  r.settle();
  CHECK(r.adapter.finished.size() == 20);
  for (int s = 1; s < 60; ++s) r.advance(Seconds(1));
  CHECK(r.adapter.finished.size() == 20);  // not one more inside the first minute
  r.advance(Seconds(1));
  CHECK(r.adapter.finished.size() == 40);
  r.advance(Seconds(60));
  r.advance(Seconds(60));
  CHECK(r.adapter.finished.size() == 80);
  r.advance(Seconds(240));
  CHECK(r.adapter.finished.size() == 100);
  CHECK(ascending(r.adapter.finished));
  CHECK(r.count("sent") == 100);
  CHECK(r.attempts(r.adapter.finished.back().id) == 1);  // waiting for a token costs no attempt
}

TEST_CASE("a slow bucket does not stall another, and sends one row at a time itself") {
  OutboxRig r;
  r.adapter.quota_per_chat["slow"] = {20, Seconds(60)};
  r.adapter.quota_per_chat["fast"] = {20, Seconds(60)};
  r.adapter.slow.insert("slow");
  r.enqueue("slow", 3);
  r.enqueue("fast", 3);
  REQUIRE(r.run_until([&] { return r.adapter.finished_to("fast") == 3; }));
  r.io.run_for(std::chrono::milliseconds(50));
  CHECK(r.adapter.started_to("slow") == 1);  // one in flight per bucket
  CHECK(r.adapter.finished_to("slow") == 0);
  r.adapter.release("slow");
  REQUIRE(r.run_until([&] { return r.adapter.finished_to("slow") == 3; }));
  std::vector<storage::OutboxRow> slow;
  for (const auto& row : r.adapter.finished)
    if (row.message.chat_id == "slow") slow.push_back(row);
  CHECK(ascending(slow));
}

TEST_CASE("urgent rows go first in their bucket, and a 40-group notice batch does not delay an urgent escalation") {
  SUBCASE("one bucket: the urgent row queued last takes the first token") {
    OutboxRig r;
    r.adapter.quota_per_chat["g1"] = {1, Seconds(60)};
    r.enqueue({OutboxRig::message("g1", "notice 1"), OutboxRig::message("g1", "notice 2"),
               OutboxRig::message("g1", "reply", Priority::reply), OutboxRig::message("g1", "escalation", Priority::urgent)});
    REQUIRE(r.run_until([&] { return r.adapter.finished.size() == 1; }));
    r.settle();
    CHECK(r.adapter.finished.size() == 1);
    CHECK(r.adapter.finished[0].message.text == "escalation");
    r.advance(Seconds(60));
    r.advance(Seconds(60));
    r.advance(Seconds(60));
    REQUIRE(r.adapter.finished.size() == 4);
    CHECK(r.adapter.finished[1].message.text == "reply");
    CHECK(r.adapter.finished[2].message.text == "notice 1");
    CHECK(r.adapter.finished[3].message.text == "notice 2");
  }
  SUBCASE("forty groups' notices in flight; the escalation queued after them starts at once") {
    OutboxRig r;
    std::vector<SendMessage> notices;
    for (int g = 0; g < 40; ++g) {
      const std::string chat = "group-" + std::to_string(g);
      r.adapter.quota_per_chat[chat] = {20, Seconds(60)};
      r.adapter.slow.insert(chat);
      notices.push_back(OutboxRig::message(chat, "停水通知"));
    }
    r.enqueue(notices);
    REQUIRE(r.run_until([&] { return r.adapter.started.size() == 40; }));
    SendMessage escalation = OutboxRig::message("", "工单 #1001 已超时", Priority::urgent);
    escalation.user_id = "gaojian";
    r.adapter.quota_per_chat[""] = {30, Seconds(60)};
    r.enqueue({escalation});
    REQUIRE(r.run_until([&] { return r.adapter.finished.size() == 1; }));
    CHECK(r.adapter.finished[0].message.user_id == "gaojian");
    CHECK(r.adapter.finished_to("group-0") == 0);  // the notices are still on their way
  }
}

TEST_CASE("unpaced rows (no quota) all go at once") {
  OutboxRig r;
  r.adapter.slow.insert("local-ish");
  r.enqueue("local-ish", 50);
  REQUIRE(r.run_until([&] { return r.adapter.started.size() == 50; }));
  CHECK(r.adapter.finished.empty());
  r.adapter.release("local-ish");
  REQUIRE(r.run_until([&] { return r.count("sent") == 50; }));
  CHECK(ascending(r.adapter.started));
}
