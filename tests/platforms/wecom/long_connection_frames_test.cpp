// The long connection's frames, on the fixture PROTOCOLS.md §1.4.1 took from the official SDK.
#include <doctest/doctest.h>

#include "bot/platforms/wecom/long_connection_frames.hpp"
#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::wecom {
namespace {

using nlohmann::json;

// Frames compare as JSON values: key order is not part of the protocol.
void same_json(std::string_view ours, std::string_view fixture) { CHECK(json::parse(ours) == json::parse(fixture)); }

TEST_CASE("the frames we send are the SDK's") {
  same_json(render_subscribe("aibot_subscribe_1_2", "BOT", "SEC"),
            R"({"cmd":"aibot_subscribe","headers":{"req_id":"aibot_subscribe_1_2"},"body":{"bot_id":"BOT","secret":"SEC"}})");
  same_json(render_respond_msg("REQ-CB-1", aibot_stream_body("STREAM1", false, "已收到").value()),
            R"({"cmd":"aibot_respond_msg","headers":{"req_id":"REQ-CB-1"},"body":{"msgtype":"stream","stream":{"id":"STREAM1","finish":false,"content":"已收到"}}})");
  same_json(render_respond_msg("REQ-CB-1", aibot_stream_body("STREAM1", true, "已收到，工单 #1").value()),
            R"({"cmd":"aibot_respond_msg","headers":{"req_id":"REQ-CB-1"},"body":{"msgtype":"stream","stream":{"id":"STREAM1","finish":true,"content":"已收到，工单 #1"}}})");
  same_json(render_send_msg("aibot_send_msg_1_2", "wrCHAT", aibot_markdown_body("主动推送").value()),
            R"({"cmd":"aibot_send_msg","headers":{"req_id":"aibot_send_msg_1_2"},"body":{"chatid":"wrCHAT","msgtype":"markdown","markdown":{"content":"主动推送"}}})");
  same_json(render_ping("ping_1_2"), R"({"cmd":"ping","headers":{"req_id":"ping_1_2"}})");
  same_json(render_respond_welcome_msg("REQ-EV-2", aibot_text_body("您好，我是社区网格助手").value()),
            R"({"cmd":"aibot_respond_welcome_msg","headers":{"req_id":"REQ-EV-2"},"body":{"msgtype":"text","text":{"content":"您好，我是社区网格助手"}}})");
  // Raw UTF-8 on this channel too.
  CHECK(render_send_msg("r", "c", aibot_markdown_body("主动推送").value()).find("主动推送") != std::string::npos);
}

TEST_CASE("req_id in the SDK's form, from the time and random bits passed in") {
  CHECK(make_req_id("ping", std::chrono::milliseconds(1700000000123), 0xbeef) == "ping_1700000000123_0000beef");
  CHECK(make_req_id("aibot_send_msg", std::chrono::milliseconds(1), 0xffffffffu) == "aibot_send_msg_1_ffffffff");
}

TEST_CASE("the fixture's message callback: the reply goes on its req_id") {
  auto parsed = parse_frame(
      R"({"cmd":"aibot_msg_callback","headers":{"req_id":"REQ-CB-1"},"body":{"msgid":"MSG1","aibotid":"BOT",)"
      R"("chatid":"wrCHAT","chattype":"group","from":{"userid":"u1"},"msgtype":"text","text":{"content":"@bot 电梯坏了"}}})",
      "bot");
  auto& f = std::get<CallbackFrame>(parsed.value());
  CHECK(f.req_id == "REQ-CB-1");
  auto& m = std::get<IncomingMessage>(f.callback);
  CHECK(m.reply.req_id == "REQ-CB-1");
  CHECK(m.reply.response_url.empty());
  CHECK(m.message_id == "MSG1");
  CHECK(m.text == "电梯坏了");
  CHECK(m.chat_kind == ChatKind::group);
}

TEST_CASE("responses, the disconnected event and unknown commands") {
  auto ok = std::get<ResponseFrame>(
      parse_frame(R"({"headers":{"req_id":"aibot_subscribe_1_2"},"errcode":0,"errmsg":"ok"})", "").value());
  CHECK(ok.req_id == "aibot_subscribe_1_2");
  CHECK(ok.errcode == 0);
  CHECK(ok.errmsg == "ok");
  auto expired = std::get<ResponseFrame>(
      parse_frame(R"({"headers":{"req_id":"REQ-CB-1"},"errcode":846608,"errmsg":"stream message update expired"})", "")
          .value());
  CHECK(expired.errcode == 846608);
  auto echoed = std::get<ResponseFrame>(
      parse_frame(R"({"cmd":"aibot_subscribe","headers":{"req_id":"S"},"errcode":40058,"errmsg":"bad secret"})", "")
          .value());
  CHECK(echoed.errcode == 40058);

  auto gone = parse_frame(
      R"({"cmd":"aibot_event_callback","headers":{"req_id":"REQ-EV-1"},"body":{"msgid":"EV1","create_time":1700000000,)"
      R"("aibotid":"BOT","msgtype":"event","event":{"eventtype":"disconnected_event"}}})",
      "");
  CHECK(std::get<DisconnectedFrame>(gone.value()).req_id == "REQ-EV-1");

  auto enter = parse_frame(
      R"({"cmd":"aibot_event_callback","headers":{"req_id":"REQ-EV-2"},"body":{"msgid":"EV2","create_time":1700000000,)"
      R"("aibotid":"BOT","chattype":"single","from":{"userid":"u1"},"msgtype":"event","event":{"eventtype":"enter_chat"}}})",
      "");
  auto& e = std::get<IncomingEvent>(std::get<CallbackFrame>(enter.value()).callback);
  CHECK(e.event_type == "enter_chat");
  CHECK(e.reply.req_id == "REQ-EV-2");

  auto future = std::get<UnknownFrame>(parse_frame(R"({"cmd":"aibot_new_thing","headers":{"req_id":"X"}})", "").value());
  CHECK(future.cmd == "aibot_new_thing");
}

TEST_CASE("frames of the wrong shape are refused, never thrown") {
  CHECK(parse_frame("not json", "").error() == Error::malformed_json);
  CHECK(parse_frame("[]", "").error() == Error::malformed_json);
  CHECK(parse_frame(R"({"cmd":"aibot_msg_callback","body":{}})", "").error() == Error::missing_field);  // no req_id
  CHECK(parse_frame(R"({"headers":{"req_id":"R"}})", "").error() == Error::missing_field);  // neither cmd nor errcode
  CHECK(parse_frame(R"({"cmd":"aibot_msg_callback","headers":{"req_id":"R"}})", "").error() == Error::missing_field);
  CHECK(parse_frame(R"({"cmd":"aibot_msg_callback","headers":{"req_id":"R"},"body":{"msgtype":"text"}})", "").error() ==
        Error::missing_field);
}

}  // namespace
}  // namespace gridbot::wecom
