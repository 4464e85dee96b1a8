#include <doctest/doctest.h>

#include "handlers/understand/understand.hpp"

using namespace gridbot::understand;

TEST_CASE("acknowledgements, with or without an address") {
  for (auto text : {"收到", "1", "已阅", "收到收到", "好的明白", "3-2-501 收到", "收到👌", "1️⃣", "B座1208 收到",
                    "收到 @网格员小刘", "已閱", "２#楼 收到"})
    CHECK_MESSAGE(understand(text).intent == Intent::ack, text);
}

TEST_CASE("thanks and praise") {
  for (auto text : {"谢谢网格员", "给李师傅点赞👍", "感谢感谢🙏", "辛苦了🌹🌹🌹"})
    CHECK_MESSAGE(understand(text).intent == Intent::thanks, text);
}

TEST_CASE("a drain request with its place") {
  auto u = understand("3号楼2单元下水道堵了，污水漫到楼道了");
  CHECK(u.intent == Intent::request);
  CHECK(u.category == "drainage");
  CHECK(u.building == "3");
  CHECK(u.unit == "2");
}

TEST_CASE("intent names round-trip") {
  for (auto i : {Intent::request, Intent::followup, Intent::chat, Intent::ack, Intent::thanks, Intent::spam})
    CHECK(intent_from_string(to_string(i)) == i);
  CHECK_FALSE(intent_from_string("complaint"));
}

TEST_CASE("a short report that names a building is a request, never an acknowledgement") {
  // Acks such as "3-2-501 收到" carry a building too; without an acknowledging word the model may
  // not call a message an ack (found by the intake end-to-end tests).
  for (const char* text : {"3号楼电梯坏了", "2号楼楼道灯不亮了好几天了", "6号楼楼道灯坏了", "5号楼门禁坏了", "1号楼楼道灯不亮了好几天了"}) {
    CAPTURE(text);
    CHECK(gridbot::understand::understand(text).intent == gridbot::understand::Intent::request);
  }
  CHECK(gridbot::understand::understand("3-2-501 收到").intent == gridbot::understand::Intent::ack);
  CHECK(gridbot::understand::understand("好的 明白").intent == gridbot::understand::Intent::ack);
}

TEST_CASE("greetings are chat") {
  for (const char* text : {"你好", "您好！", "大家早上好", "在吗？", "各位邻居晚上好", "hello"}) {
    CAPTURE(text);
    CHECK(gridbot::understand::understand(text).intent == gridbot::understand::Intent::chat);
  }
  CHECK(gridbot::understand::understand("你好，3号楼下水道堵了").intent == gridbot::understand::Intent::request);
}

TEST_CASE("a greeting to staff and a platform's placeholder are chat, not requests (QA)") {
  for (const char* text : {"网格员在吗", "網格員在嗎", "有工作人员在吗", "网格员在不在？", "[图片]", "[语音]", "[动画表情]"}) {
    CAPTURE(std::string(text));
    CHECK(gridbot::understand::understand(text).intent == gridbot::understand::Intent::chat);
  }
  CHECK(gridbot::understand::understand("网格员在吗 3号楼下水道堵了").intent == gridbot::understand::Intent::request);
}
