// 收到 and what only looks like it: every variant staff and residents write after a notice, in both
// directions, at the understanding module (the ack intent) and at the group (a counted
// acknowledgement, or none). Denials and questions about the notice are never acknowledgements.
#include <doctest/doctest.h>

#include "handlers/notices/acknowledgements.hpp"
#include "handlers/understand/classifier.hpp"
#include "handlers/understand/intent_rules.hpp"
#include "handlers/understand/normalize.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {

const std::vector<std::string> acknowledgements{
    "收到", "收到！", "收到了", "收到 3-2-501", "已收到", "1", "已阅", "好的收到", "收到，谢谢", "收到了谢谢网格员",
    "收到了謝謝網格員", "已閱", "１", "收到!", "收到啦", "ok收到"};

const std::vector<std::string> not_acknowledgements{
    "我家没收到水", "没收到", "还没收到通知", "收到了吗", "收到？", "收到没", "谁收到了", "没有收到短信",
    "收到?", "收到了嗎", "沒收到", "是否收到", "有没有收到", "收到了没有", "大家收到了吗？", "不知道"};

bool ack_intent(const std::string& text) {
  return understand::default_classifier().understand(text).intent == understand::Intent::ack;
}

// A fresh group with wangfang's notice open (asking for 收到); zhangwei, a resident, writes `text`.
bool counted(const std::string& text, const std::string& sender = "zhangwei") {
  World w;
  w.say("", "wangfang", "通知 幸福里第一网格 明天9:00-17:00停水，请提前储水，收到请回复");
  w.say("", "wangfang", "确认");
  w.notices.mark_all_sent();
  w.say("xfl-1-group", sender, text);
  return w.notices.acks.size() == 1 && w.notices.acks[0].person == sender;
}

}  // namespace

TEST_CASE("the ack intent: every acknowledgement variant is one, in either script and width") {
  for (const auto& text : acknowledgements) {
    CAPTURE(text);
    CHECK(ack_intent(text));
    CHECK(reads_as_acknowledgement(text, understand::default_classifier().understand(text)));
  }
}

TEST_CASE("the ack intent: a denial or a question about receiving is never one") {
  for (const auto& text : not_acknowledgements) {
    CAPTURE(text);
    CHECK_FALSE(ack_intent(text));
    CHECK(understand::denies_or_asks(understand::normalize_text(text)));
  }
  // Even an Understanding that says ack (a stored one) does not count a question.
  understand::Understanding said_ack;
  said_ack.intent = understand::Intent::ack;
  CHECK_FALSE(reads_as_acknowledgement("收到？", said_ack));
  CHECK_FALSE(reads_as_acknowledgement("谁收到了", said_ack));
  CHECK(reads_as_acknowledgement("收到", said_ack));
}

TEST_CASE("in a group with an open notice: acknowledgements count, from residents and staff; denials and questions do not") {
  for (const auto& text : acknowledgements) {
    CAPTURE(text);
    CHECK(counted(text));
  }
  CHECK(counted("收到", "liqiang"));  // staff too
  CHECK(counted("已阅", "zhaomin"));
  for (const auto& text : not_acknowledgements) {
    CAPTURE(text);
    CHECK_FALSE(counted(text));
  }
  CHECK_FALSE(counted("收到了吗", "liqiang"));
}

TEST_CASE("words that only contain an acknowledging word are not acknowledgements") {
  // The guard is narrow: "没问题" acknowledges nothing on its own, but 收到 beside it still does.
  CHECK_FALSE(understand::denies_or_asks(understand::normalize_text("收到，没问题")));
  CHECK_FALSE(understand::denies_or_asks(understand::normalize_text("好的，没问题")));
  CHECK_FALSE(ack_intent("1号楼停水了"));
}
