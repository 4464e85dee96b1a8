// Robot messages as DingTalk sends them (PROTOCOLS.md §3.1): the string conversationType, the
// leading space, isInAtList, senderStaffId only for members, atUsers with the robot among them.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/incoming.hpp"

namespace gridbot::dingtalk {
namespace {

using nlohmann::json;

json group_message() {
  return json::parse(R"({
    "conversationId": "cidGroup123==", "atUsers": [{"dingtalkId": "$:LWCP_v1:$bot"},
      {"dingtalkId": "$:LWCP_v1:$wang", "staffId": "wang01"}, {"dingtalkId": "$:LWCP_v1:$guest"}],
    "chatbotCorpId": "ding0corp", "chatbotUserId": "$:LWCP_v1:$bot", "msgId": "msgA1b2C3",
    "senderNick": "李阿姨", "isAdmin": false, "senderStaffId": "li0001",
    "sessionWebhookExpiredTime": 1700005400000, "createAt": 1700000000000, "senderCorpId": "ding0corp",
    "conversationType": "2", "senderId": "$:LWCP_v1:$li", "conversationTitle": "幸福里3号楼",
    "isInAtList": true, "sessionWebhook": "https://oapi.dingtalk.com/robot/sendBySession?session=abc",
    "text": {"content": " 3号楼电梯坏了 @王网格员 "}, "robotCode": "dingrobot01", "msgtype": "text"})");
}

TEST_CASE("a group @-message: the leading space trimmed, the robot not among the mentions, ids as DingTalk gives them") {
  auto m = parse_robot_message(group_message().dump()).value();
  CHECK(m.message_id == "msgA1b2C3");
  CHECK(m.chat_kind == ChatKind::group);
  CHECK(m.conversation_id == "cidGroup123==");
  CHECK(m.conversation_title == "幸福里3号楼");
  CHECK(m.text == "3号楼电梯坏了 @王网格员");
  CHECK(m.bot_mentioned);
  CHECK(m.mentions == std::vector<std::string>{"wang01", "$:LWCP_v1:$guest"});
  CHECK(m.sender == "li0001");
  CHECK(m.sender_id == "$:LWCP_v1:$li");
  CHECK(m.robot_code == "dingrobot01");
  CHECK(m.session_webhook.url == "https://oapi.dingtalk.com/robot/sendBySession?session=abc");
  CHECK(m.session_webhook.expires_at.time_since_epoch().count() == 1700005400000);
  CHECK(m.created_at->time_since_epoch().count() == 1700000000000);
  CHECK_FALSE(m.replied.has_value());
}

TEST_CASE("someone outside the organization has no senderStaffId: senderId is the sender") {
  auto body = group_message();
  body.erase("senderStaffId");
  body["isInAtList"] = false;
  auto m = robot_message_from(body).value();
  CHECK(m.sender == "$:LWCP_v1:$li");
  CHECK(m.sender_staff_id.empty());
  CHECK_FALSE(m.bot_mentioned);
}

TEST_CASE("a single chat is conversationType \"1\"; a number or another value is refused") {
  auto body = group_message();
  body["conversationType"] = "1";
  CHECK(robot_message_from(body).value().chat_kind == ChatKind::direct);
  body["conversationType"] = 2;
  CHECK(robot_message_from(body).error() == Error::missing_field);
  body["conversationType"] = "3";
  CHECK(robot_message_from(body).error() == Error::unknown_conversation);
}

TEST_CASE("malformed JSON and missing ids are refused with a clear error") {
  CHECK(parse_robot_message("{\"msgId\":").error() == Error::malformed_json);
  CHECK(parse_robot_message("[1,2]").error() == Error::malformed_json);
  for (const char* key : {"msgId", "conversationId", "senderId", "conversationType"}) {
    auto body = group_message();
    body.erase(key);
    CHECK_MESSAGE(robot_message_from(body).error() == Error::missing_field, key);
  }
  auto body = group_message();
  body["text"] = "not an object";
  CHECK(robot_message_from(body).value().text.empty());  // a wrong optional part is ignored, not thrown
  CHECK(describe(Error::unknown_conversation).find("conversationType") != std::string_view::npos);
}

TEST_CASE("richText: its text parts joined; pictures carry no text") {
  auto body = group_message();
  body["msgtype"] = "richText";
  body.erase("text");
  body["content"] = json::parse(R"({"richText":[{"text":" 楼道灯不亮，"},{"type":"picture","downloadCode":"dc1"},{"text":"见图"}]})");
  CHECK(robot_message_from(body).value().text == "楼道灯不亮，见图");
  body["msgtype"] = "picture";
  body["content"] = json{{"downloadCode", "dc2"}};
  CHECK(robot_message_from(body).value().text.empty());
}

TEST_CASE("a 引用回复 carries the quoted message's id and text") {
  auto body = group_message();
  body["text"] = json::parse(R"({"content":" 还没修好","isReplyMsg":true,"repliedMsg":{"msgId":"msgOld9",
    "senderId":"$:LWCP_v1:$bot","msgType":"text","content":{"text":"已受理，工单 #12"}}})");
  auto m = robot_message_from(body).value();
  CHECK(m.text == "还没修好");
  REQUIRE(m.replied.has_value());
  CHECK(m.replied->message_id == "msgOld9");
  CHECK(m.replied->text == "已受理，工单 #12");
  body["text"]["repliedMsg"]["content"] = json::parse(R"({"richText":[{"text":"图文"},{"type":"picture"}]})");
  CHECK(robot_message_from(body).value().replied->text == "图文");
  body["text"]["isReplyMsg"] = false;
  CHECK_FALSE(robot_message_from(body).value().replied.has_value());
}

TEST_CASE("to_inbound: what the pipeline needs, the sessionWebhook and its expiry in the reply handle") {
  auto body = group_message();
  body["text"]["isReplyMsg"] = true;
  body["text"]["repliedMsg"] = {{"msgId", "msgOld9"}, {"content", {{"text", "旧消息"}}}};
  auto in = to_inbound(robot_message_from(body).value(), "xingfuli", Time(Seconds(1700000001)));
  CHECK(in.platform == "dingtalk");
  CHECK(in.account == "xingfuli");
  CHECK(in.message_id == "msgA1b2C3");
  CHECK(in.chat_id == "cidGroup123==");
  CHECK(in.sender == "li0001");
  CHECK(in.text == "3号楼电梯坏了 @王网格员");
  CHECK(in.bot_mentioned);
  CHECK(in.mentions.size() == 2);
  CHECK(in.quote == "msgOld9");
  CHECK(in.quoted_text == "旧消息");
  CHECK(in.received_at == Time(Seconds(1700000001)));
  auto webhook = parse_reply_handle(in.reply_handle).value();
  CHECK(webhook.url == "https://oapi.dingtalk.com/robot/sendBySession?session=abc");
  CHECK(webhook.expires_at.time_since_epoch().count() == 1700005400000);

  body["conversationType"] = "1";
  CHECK(to_inbound(robot_message_from(body).value(), "", Time{}).chat_id.empty());  // direct: no chat
  CHECK_FALSE(parse_reply_handle("no-expiry").has_value());
  CHECK_FALSE(parse_reply_handle("12x https://a").has_value());
  CHECK_FALSE(parse_reply_handle("123 ").has_value());
}

}  // namespace
}  // namespace gridbot::dingtalk
