// What DingTalk POSTs to gridbot's robot URL in HTTP mode (PROTOCOLS.md §3.1), built for tests: a
// text message with the fields as DingTalk spells them (conversationType "1"/"2" as strings, the
// leading space in text.content, senderStaffId for an org member), and the headers that sign it.
// The same JSON is a Stream CALLBACK frame's data (FakeDingtalk::push_robot_message).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.hpp"

namespace gridbot::testing::fake_dingtalk {

struct RobotText {
  std::string msgid = "fake-msg-1";
  std::string from = "zhangsan";  // the sender's staffId; senderId and senderNick are made from it
  std::string text;
  bool group = true;                // false: a single chat with the robot
  std::string conversation_id;      // the openConversationId (a group's, or the single chat's)
  std::string conversation_title;   // a group's name; "" in a single chat
  std::string robot_code;           // the app's client_id
  std::string session_webhook;      // FakeDingtalk::new_session_webhook()
  std::int64_t now = 0;             // seconds: createAt, and the session webhook lasts 90 minutes
};

nlohmann::json robot_text_message(const RobotText& message);

// The `timestamp` (ms) and `sign` headers of an HTTP-mode callback, signed with the AppSecret.
Headers robot_callback_headers(const std::string& app_secret, std::int64_t timestamp_ms);

// The session id in a new_session_webhook() URL, as the fake records it (ApiCall::query["session"]).
std::string session_of(const std::string& session_webhook);

}  // namespace gridbot::testing::fake_dingtalk
