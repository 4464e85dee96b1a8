// Decrypted callbacks to platform-neutral messages: the official plaintexts of §1.3, the AI-bot
// shapes of §1.5 and the frame bodies of §1.4.1.
#include <doctest/doctest.h>

#include "bot/platforms/wecom/incoming.hpp"
#include "bot/platforms/wecom/mentions.hpp"
#include "tests/platforms/wecom/vectors.hpp"

namespace gridbot::wecom {
namespace {

IncomingMessage message_of(const std::expected<AibotCallback, Error>& parsed) {
  REQUIRE(parsed.has_value());
  REQUIRE(std::holds_alternative<IncomingMessage>(*parsed));
  return std::get<IncomingMessage>(*parsed);
}

TEST_CASE("the self-built app's official plaintexts A2 and B2 parse to direct messages") {
  auto a2 = parse_app_callback(vectors::a2_plain).value();
  auto& m = std::get<IncomingMessage>(a2);
  CHECK(m.account == "ww1436e0e65a779aee");
  CHECK(m.agent_id == "1000002");
  CHECK(m.sender == "ChenJiaShun");
  CHECK(m.message_id == "1456453720");
  CHECK(m.text == "你好");
  CHECK(m.msgtype == "text");
  CHECK(m.chat_kind == ChatKind::direct);
  CHECK(m.chat_id.empty());
  CHECK(m.created_at == Time(Seconds(1476422779)));

  auto b2 = std::get<IncomingMessage>(parse_app_callback(vectors::b2_plain).value());
  CHECK(b2.account == "wx5823bf96d3bd56c7");
  CHECK(b2.sender == "mycreate");
  CHECK(b2.text == "hello");                          // CDATA read
  CHECK(b2.message_id == "4561255354251345929");      // beyond 2^53: kept as text, never a double
}

TEST_CASE("a self-built app's event is keyed by sender and time, having no id") {
  auto parsed = parse_app_callback(
      "<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[wangfang]]></FromUserName>"
      "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event>"
      "<AgentID>1000002</AgentID></xml>");
  auto& e = std::get<IncomingEvent>(parsed.value());
  CHECK(e.event_type == "enter_agent");
  CHECK(e.event_id == "wangfang:1700000000");
  CHECK(e.sender == "wangfang");
}

TEST_CASE("a decrypted app message: missing fields and an entity declaration are refused") {
  CHECK(parse_app_callback("<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>"
                           "<MsgType>text</MsgType><Content>x</Content></xml>")
            .error() == Error::missing_field);  // no MsgId: nothing to deduplicate on
  CHECK(parse_app_callback("<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>soon</CreateTime>"
                           "<MsgType>text</MsgType><MsgId>1</MsgId></xml>")
            .error() == Error::missing_field);
  CHECK(parse_app_callback("<xml><ToUserName>ww1</ToUserName>").error() == Error::malformed_xml);
  // The entity is declared and used; refusing the document is how it never expands.
  auto evil = parse_app_callback(
      "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY boom \"EXPANDED\">]><xml><ToUserName>ww1</ToUserName>"
      "<FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&boom;</Content>"
      "<MsgId>1</MsgId></xml>");
  CHECK(evil.error() == Error::malformed_xml);
  // The predefined entities and character references are plain XML and are decoded.
  auto plain = std::get<IncomingMessage>(
      parse_app_callback("<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>"
                         "<MsgType>text</MsgType><Content>a &lt; b &amp; &#x4F60;</Content><MsgId>1</MsgId></xml>")
          .value());
  CHECK(plain.text == "a < b & 你");
}

TEST_CASE("the long connection's fixture message: a group @-message, the bot's mention removed") {
  std::string body = R"({"msgid":"MSG1","aibotid":"BOT","chatid":"wrCHAT","chattype":"group","from":{"userid":"u1"},)"
                     R"("msgtype":"text","text":{"content":"@bot 电梯坏了"}})";
  for (std::string_view name : {"bot", ""}) {  // by name, and by the leading-mention fallback
    auto m = message_of(parse_aibot_callback(std::string_view(body), name));
    CHECK(m.account == "BOT");
    CHECK(m.message_id == "MSG1");
    CHECK(m.sender == "u1");
    CHECK(m.chat_id == "wrCHAT");
    CHECK(m.chat_kind == ChatKind::group);
    CHECK(m.text == "电梯坏了");
    CHECK(m.bot_mentioned);
    CHECK(m.mentions.empty());
  }
}

TEST_CASE("an HTTP-callback message keeps its response_url, its quote and the other mentions") {
  auto m = message_of(parse_aibot_callback(
      std::string_view(
          R"({"msgid":"M2","aibotid":"B","chatid":"wr1","chattype":"group","from":{"userid":"zhangwei"},)"
          R"("response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC","msgtype":"text",)"
          R"("text":{"content":"@小助手 @王芳 3号楼2单元下水道堵了"},"quote":{"msgtype":"text","text":{"content":"受理回执 #1001"}}})"),
      "小助手"));
  CHECK(m.text == "@王芳 3号楼2单元下水道堵了");
  CHECK(m.mentions == std::vector<std::string>{"王芳"});
  CHECK(m.reply.response_url == "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC");
  REQUIRE(m.quote.has_value());
  CHECK(m.quote->msgtype == "text");
  CHECK(m.quote->text == "受理回执 #1001");
}

TEST_CASE("a single chat is direct and needs no mention; mixed and voice give their text") {
  auto single = message_of(parse_aibot_callback(
      std::string_view(R"({"msgid":"M3","aibotid":"B","chattype":"single","from":{"userid":"u"},"msgtype":"mixed",)"
                       R"("mixed":{"msg_item":[{"msgtype":"text","text":{"content":"楼道灯坏了"}},)"
                       R"({"msgtype":"image","image":{"url":"https://x/img"}},{"msgtype":"text","text":{"content":"见图"}}]}})"),
      "小助手"));
  CHECK(single.chat_kind == ChatKind::direct);
  CHECK(single.chat_id.empty());
  CHECK_FALSE(single.bot_mentioned);
  CHECK(single.text == "楼道灯坏了\n见图");
  auto voice = message_of(parse_aibot_callback(
      std::string_view(R"({"msgid":"M4","aibotid":"B","chattype":"single","from":{"userid":"u"},"msgtype":"voice",)"
                       R"("voice":{"content":"电梯停了"}})"),
      ""));
  CHECK(voice.text == "电梯停了");
  auto image = message_of(parse_aibot_callback(
      std::string_view(R"({"msgid":"M5","aibotid":"B","chattype":"single","from":{"userid":"u"},"msgtype":"image",)"
                       R"("image":{"url":"https://x/i"}})"),
      ""));
  CHECK(image.text.empty());
  CHECK(image.media_url == "https://x/i");
}

TEST_CASE("AI-bot events and stream refreshes") {
  auto disconnected = parse_aibot_callback(
      std::string_view(R"({"msgid":"EV1","create_time":1700000000,"aibotid":"BOT","msgtype":"event",)"
                       R"("event":{"eventtype":"disconnected_event"}})"),
      "");
  auto& d = std::get<IncomingEvent>(disconnected.value());
  CHECK(d.event_type == "disconnected_event");
  CHECK(d.event_id == "EV1");
  CHECK(d.sender.empty());
  CHECK(d.created_at == Time(Seconds(1700000000)));

  auto card = parse_aibot_callback(
      std::string_view(R"({"msgid":"EV2","aibotid":"B","chatid":"wr1","chattype":"group","from":{"userid":"u"},)"
                       R"("msgtype":"event","event":{"eventtype":"template_card_event",)"
                       R"("template_card_event":{"card_type":"button_interaction","event_key":"claim","task_id":"T9"}}})"),
      "");
  auto& c = std::get<IncomingEvent>(card.value());
  CHECK(c.event_key == "claim");
  CHECK(c.task_id == "T9");
  CHECK(c.chat_kind == ChatKind::group);

  auto refresh = parse_aibot_callback(
      std::string_view(R"({"msgid":"M6","aibotid":"B","chattype":"single","from":{"userid":"u"},"msgtype":"stream",)"
                       R"("stream":{"id":"STREAM1"}})"),
      "");
  CHECK(std::get<StreamRefresh>(refresh.value()).stream_id == "STREAM1");
}

TEST_CASE("AI-bot bodies of the wrong shape are refused, never thrown") {
  CHECK(parse_aibot_callback(std::string_view("[1]"), "").error() == Error::malformed_json);
  CHECK(parse_aibot_callback(std::string_view("{"), "").error() == Error::malformed_json);
  CHECK(parse_aibot_callback(std::string_view(R"({"aibotid":"B","msgtype":"text"})"), "").error() ==
        Error::missing_field);
  CHECK(parse_aibot_callback(std::string_view(R"({"msgid":1,"aibotid":"B","msgtype":"text"})"), "").error() ==
        Error::missing_field);
  CHECK(parse_aibot_callback(std::string_view(R"({"msgid":"M","aibotid":"B","chattype":"single","msgtype":"text",)"
                                              R"("text":{"content":"x"}})"),
                             "")
            .error() == Error::missing_field);  // a message without a sender
  CHECK(parse_aibot_callback(std::string_view(R"({"msgid":"M","aibotid":"B","msgtype":"stream","stream":{}})"), "")
            .error() == Error::missing_field);
  // A field of an odd type inside the message is read as absent, not thrown on.
  auto odd = message_of(parse_aibot_callback(
      std::string_view(R"({"msgid":"M","aibotid":"B","chattype":"single","from":{"userid":"u"},"msgtype":"text",)"
                       R"("text":{"content":42},"quote":{"msgtype":7}})"),
      ""));
  CHECK(odd.text.empty());
}

TEST_CASE("mentions: only the bot's own is removed, wherever it stands") {
  CHECK(split_mentions("@RobotA hello robot", "RobotA", true).text == "hello robot");
  auto tail = split_mentions("电梯坏了 @小助手", "小助手", true);
  CHECK(tail.text == "电梯坏了");
  CHECK(tail.bot_mentioned);
  CHECK(split_mentions("@小助手\u2005电梯坏了", "小助手", true).text == "电梯坏了");  // WeCom's mention space
  auto typed = split_mentions("@小助手，电梯坏了", "小助手", true);  // typed, no space
  CHECK(typed.text == "电梯坏了");
  CHECK(typed.bot_mentioned);
  CHECK(split_mentions("@小助手二号 你好", "小助手", true).text == "@小助手二号 你好");  // another name
  auto email = split_mentions("联系 a@b.com 就行", "小助手", true);
  CHECK(email.text == "联系 a@b.com 就行");
  CHECK(email.others.empty());
  CHECK_FALSE(email.bot_mentioned);
  // Without a configured name, only a leading mention is taken for the bot.
  auto fallback = split_mentions("@王芳 你看一下", "", false);
  CHECK(fallback.text == "@王芳 你看一下");
  CHECK(fallback.others == std::vector<std::string>{"王芳"});
  auto named = split_mentions("@王芳 @小助手 你看一下", "小助手", true);
  CHECK(named.text == "@王芳 你看一下");
  CHECK(named.others == std::vector<std::string>{"王芳"});
}

}  // namespace
}  // namespace gridbot::wecom
