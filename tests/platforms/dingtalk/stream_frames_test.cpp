// Stream mode (PROTOCOLS.md §3.3): the open exchange, the frames DingTalk pushes and the acks the
// official SDKs (dingtalk-stream 2.1.5, dingtalk-stream-sdk-python) write, byte for byte.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/incoming.hpp"
#include "bot/platforms/dingtalk/stream_frames.hpp"

namespace gridbot::dingtalk {
namespace {

using Kind = StreamFrame::Kind;
using std::chrono::milliseconds;

constexpr std::string_view kPing =
    R"({"specVersion":"1.0","type":"SYSTEM","headers":{"appId":"app-1","connectionId":"conn-1",)"
    R"("contentType":"application/json","messageId":"ping-msg-1","time":"1700000000000","topic":"ping"},)"
    R"("data":"{\"opaque\":\"4f2b-99\"}"})";

TEST_CASE("connections/open: the subscriptions the SDKs send, and {endpoint, ticket} back") {
  CHECK(connections_open_body("dingkey", "s3cret", "gridbot/1") ==
        R"({"clientId":"dingkey","clientSecret":"s3cret","ua":"gridbot/1","subscriptions":[{"type":"EVENT","topic":"*"},)"
        R"({"type":"CALLBACK","topic":"/v1.0/im/bot/messages/get"}]})");
  CHECK(nlohmann::json::parse(connections_open_body("k", "s", "u", "10.0.0.5"))["localIp"] == "10.0.0.5");
  auto t = parse_connections_open(R"({"endpoint":"wss://wss-open-connection.dingtalk.com:443/connect",)"
                                  R"("ticket":"a+b/c="})").value();
  CHECK(stream_url(t) == "wss://wss-open-connection.dingtalk.com:443/connect?ticket=a%2Bb%2Fc%3D");
  CHECK(parse_connections_open(R"({"endpoint":"wss://x"})").error() == Error::missing_field);
  CHECK(parse_connections_open("<xml/>").error() == Error::malformed_json);
}

TEST_CASE("a SYSTEM ping is answered with its own headers and data, in their order") {
  auto ping = parse_stream_frame(kPing).value();
  CHECK(ping.kind == Kind::ping);
  CHECK(ping_ack(ping) ==
        R"({"code":200,"headers":{"appId":"app-1","connectionId":"conn-1","contentType":"application/json",)"
        R"("messageId":"ping-msg-1","time":"1700000000000","topic":"ping"},"message":"OK",)"
        R"("data":"{\"opaque\":\"4f2b-99\"}"})");
}

TEST_CASE("SYSTEM disconnect and the other system topics") {
  auto f = parse_stream_frame(R"({"specVersion":"1.0","type":"SYSTEM","headers":{"topic":"disconnect"},"data":"{}"})");
  CHECK(f.value().kind == Kind::disconnect);
  f = parse_stream_frame(R"({"type":"SYSTEM","headers":{"topic":"KEEPALIVE"}})");
  CHECK(f.value().kind == Kind::system);
  CHECK(f.value().data.empty());
}

TEST_CASE("a robot message CALLBACK: its data is the robot message, the ack names the messageId and never echoes") {
  std::string data = R"({"msgId":"msgA1","conversationId":"cid1","conversationType":"1","senderId":"$:LWCP_v1:$li",)"
                     R"("msgtype":"text","text":{"content":" 你好"}})";
  nlohmann::json frame = {{"specVersion", "1.0"}, {"type", "CALLBACK"},
                          {"headers", {{"messageId", "cb-msg-7"}, {"topic", "/v1.0/im/bot/messages/get"}}},
                          {"data", data}};
  auto f = parse_stream_frame(frame.dump()).value();
  CHECK(f.kind == Kind::robot_message);
  CHECK(f.message_id == "cb-msg-7");
  CHECK(parse_robot_message(f.data).value().text == "你好");
  CHECK(callback_ack(f.message_id) ==
        R"({"code":200,"headers":{"contentType":"application/json","messageId":"cb-msg-7"},"message":"OK",)"
        R"("data":"{\"response\":null}"})");
  CHECK(callback_ack("m", {{"ok", true}}).find(R"("data":"{\"response\":{\"ok\":true}}")") != std::string::npos);
  frame["headers"]["topic"] = "/v1.0/card/instances/callback";
  CHECK(parse_stream_frame(frame.dump()).value().kind == Kind::callback);
}

TEST_CASE("an EVENT is acked SUCCESS, or LATER to have it pushed again") {
  auto f = parse_stream_frame(R"({"type":"EVENT","headers":{"messageId":"ev-msg-1","topic":"chat_update_title",)"
                              R"("eventType":"chat_update_title"},"data":"{}"})").value();
  CHECK(f.kind == Kind::event);
  CHECK(event_ack(f.message_id) ==
        R"({"code":200,"headers":{"contentType":"application/json","messageId":"ev-msg-1"},"message":"OK",)"
        R"("data":"{\"status\":\"SUCCESS\"}"})");
  CHECK(event_ack("e", true).find(R"(\"LATER\")") != std::string::npos);
}

TEST_CASE("frames that cannot be acked or read are refused") {
  CHECK(parse_stream_frame("{not json").error() == Error::malformed_json);
  CHECK(parse_stream_frame(R"({"type":"SYSTEM"})").error() == Error::missing_field);
  CHECK(parse_stream_frame(R"({"type":"CALLBACK","headers":{"topic":"/v1.0/im/bot/messages/get"},"data":"{}"})")
            .error() == Error::missing_field);  // no messageId: nothing to ack
  CHECK(parse_stream_frame(R"({"type":"PUSH","headers":{"messageId":"m"}})").error() == Error::missing_field);
  CHECK(parse_stream_frame(R"({"type":"EVENT","headers":{"messageId":"m"},"data":{"a":1}})").error() ==
        Error::malformed_json);  // data is a JSON string, never an object
}

TEST_CASE("reconnect backoff: 1 s doubling to 60 s, plus up to a second of jitter") {
  CHECK(reconnect_delay(0, 0) == milliseconds(1000));
  CHECK(reconnect_delay(1, 0) == milliseconds(2000));
  CHECK(reconnect_delay(5, 0) == milliseconds(32000));
  CHECK(reconnect_delay(6, 0) == milliseconds(60000));
  CHECK(reconnect_delay(1000, 0) == milliseconds(60000));
  CHECK(reconnect_delay(-3, 0) == milliseconds(60000));
  CHECK(reconnect_delay(0, 0.5) == milliseconds(1500));
  CHECK(reconnect_delay(0, 7) == milliseconds(2000));
}

}  // namespace
}  // namespace gridbot::dingtalk
