// gridbot against DingTalk's own code: the official dingtalk-stream 2.1.5 (tests/peers/, installed
// by `./run test` with npm ci), its socket and HTTP client stubbed, writes the connections/open
// request and the acks of ping, EVENT and robot CALLBACK frames; gridbot writes the same bytes.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/stream_frames.hpp"
#include "tests/peers/peer_process.hpp"

namespace gridbot::dingtalk {
namespace {

using nlohmann::json;

std::string sdk_missing() { return testing::peer_missing("dingtalk-stream"); }
json ask_sdk(const json& requests) { return testing::ask_peer("dingtalk_stream_peer.mjs", requests); }

TEST_CASE("connections/open: gridbot's body and URL are the SDK's, byte for byte") {
  if (auto why = sdk_missing(); !why.empty()) FAIL(why);
  auto answers = ask_sdk(json::array({{{"op", "open"}, {"clientId", "dingkey"}, {"clientSecret", "s3cret"},
                                       {"ua", "gridbot/1"}, {"endpoint", "wss://wss-open-connection.dingtalk.com:443/connect"},
                                       {"ticket", "2f1d6c0e-5b7a-4e43-9a56-0f3f1d2c7b11"}}}));
  CHECK(connections_open_body("dingkey", "s3cret", "gridbot/1") == answers[0]["body"]);
  StreamTicket ticket{"wss://wss-open-connection.dingtalk.com:443/connect", "2f1d6c0e-5b7a-4e43-9a56-0f3f1d2c7b11"};
  CHECK(stream_url(ticket) == answers[0]["url"]);
}

TEST_CASE("ping, EVENT and robot CALLBACK frames: gridbot's acks are the ones the SDK sends") {
  if (auto why = sdk_missing(); !why.empty()) FAIL(why);
  std::vector<std::string> frames = {
      R"({"specVersion":"1.0","type":"SYSTEM","headers":{"appId":"app-1","connectionId":"conn-1",)"
      R"("contentType":"application/json","messageId":"ping-9","time":"1700000000000","topic":"ping"},)"
      R"("data":"{\"opaque\":\"中文-4f2b\"}"})",
      R"({"specVersion":"1.0","type":"EVENT","headers":{"messageId":"ev-msg-1","topic":"chat_update_title",)"
      R"("eventType":"chat_update_title","eventId":"e-1"},"data":"{\"chatId\":\"c1\"}"})",
      R"({"specVersion":"1.0","type":"CALLBACK","headers":{"messageId":"cb-msg-7","topic":"/v1.0/im/bot/messages/get",)"
      R"("contentType":"application/json"},"data":"{\"msgId\":\"m1\"}"})",
  };
  json requests = json::array();
  for (const auto& f : frames) requests.push_back({{"op", "downstream"}, {"frame", f}});
  requests.push_back({{"op", "downstream"}, {"frame", frames[2]}, {"response", {{"handled", true}}}});
  auto answers = ask_sdk(requests);
  REQUIRE(answers.size() == 4);
  for (const auto& a : answers) REQUIRE(a["sent"].size() == 1);
  CHECK(ping_ack(parse_stream_frame(frames[0]).value()) == answers[0]["sent"][0]);
  CHECK(event_ack(parse_stream_frame(frames[1]).value().message_id) == answers[1]["sent"][0]);
  CHECK(callback_ack(parse_stream_frame(frames[2]).value().message_id) == answers[2]["sent"][0]);
  CHECK(callback_ack("cb-msg-7", {{"handled", true}}) == answers[3]["sent"][0]);
}

}  // namespace
}  // namespace gridbot::dingtalk
