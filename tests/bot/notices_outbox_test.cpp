// A released notice through the real paced sender: its copies wait behind an escalation in their
// bucket, go at the bucket's rate, and a copy that cannot be delivered is reported per notice
// with the platform's reason.
#include <doctest/doctest.h>

#include "tests/bot/outbox_rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {

// One bot's group receives 30 notices' copies at once (DeliverNotice, as release_notice writes
// them), then an escalation to the same chat.
void queue_copies(OutboxRig& r, int notices) {
  await(r.writer.run([&](storage::Store& s) {
    Actions copies;
    for (int n = 1; n <= notices; ++n) {
      Notice notice;
      notice.id = n;
      notice.text = "通知 " + std::to_string(n);
      notice.groups = {"g"};
      notice.status = NoticeStatus::sent;
      copies.push_back(SaveNotice{notice});
      copies.push_back(DeliverNotice{n, "g", OutboxRig::message("g", notice.text)});
    }
    s.apply(copies, r.clock.now());
  }));
  r.sender.nudge();
}

}  // namespace

TEST_CASE("a notice's copies go at their bucket's rate, and an escalation queued after them goes next") {
  OutboxRig r;
  r.adapter.quota_per_chat["g"] = {20, Seconds(60)};
  queue_copies(r, 30);
  r.enqueue({OutboxRig::message("g", "工单 #1001 已超时", Priority::urgent)});
  r.settle();
  // The bucket's 20 tokens: the escalation takes one as soon as it is queued, whatever was ahead.
  REQUIRE(r.adapter.finished.size() == 20);
  bool escalation_in_first_minute = false;
  for (const auto& row : r.adapter.finished) escalation_in_first_minute |= row.message.priority == Priority::urgent;
  CHECK(escalation_in_first_minute);
  // At most 20 in any minute: each token comes back a minute after it was spent.
  r.advance(Seconds(59));
  CHECK(r.adapter.finished.size() == 20);
  r.advance(Seconds(1));
  CHECK(r.adapter.finished.size() == 31);
  CHECK(r.reader.notices.deliveries(30).at(0).status == "sent");
}

TEST_CASE("a copy the platform refuses for good is a dead letter, listed with its reason on its notice") {
  OutboxRig r;
  r.adapter.answers["g"].push_back(platforms::SendResult::permanent("chat not found", 93000));
  queue_copies(r, 2);
  r.settle();
  auto first = r.reader.notices.deliveries(1);
  auto second = r.reader.notices.deliveries(2);
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0].status == "dead");
  CHECK(first[0].errcode == 93000);  // the code and how it ended; the English stays in the outbox row
  CHECK(first[0].failure == "permanent");
  CHECK(second[0].status == "sent");
}
