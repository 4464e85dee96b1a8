#include "tests/support/fake_dingtalk/callbacks.hpp"

#include "bot/platforms/dingtalk/signing.hpp"

namespace gridbot::testing::fake_dingtalk {

nlohmann::json robot_text_message(const RobotText& m) {
  return {{"msgId", m.msgid},
          {"msgtype", "text"},
          {"text", {{"content", " " + m.text}}},  // DingTalk's leading space
          {"conversationId", m.conversation_id},
          {"conversationType", m.group ? "2" : "1"},
          {"conversationTitle", m.conversation_title},
          {"senderId", "$:LWCP_v1:$" + m.from},
          {"senderNick", m.from},
          {"senderStaffId", m.from},
          {"senderCorpId", "dingcorp"},
          {"isAdmin", false},
          {"chatbotUserId", "$:LWCP_v1:$robot"},
          {"robotCode", m.robot_code},
          {"isInAtList", true},
          {"atUsers", nlohmann::json::array({{{"dingtalkId", "$:LWCP_v1:$robot"}}})},
          {"sessionWebhook", m.session_webhook},
          {"sessionWebhookExpiredTime", (m.now + 5400) * 1000},
          {"createAt", m.now * 1000}};
}

Headers robot_callback_headers(const std::string& app_secret, std::int64_t timestamp_ms) {
  const std::string ts = std::to_string(timestamp_ms);
  return {{"timestamp", ts}, {"sign", gridbot::dingtalk::sign(app_secret, ts)}};
}

std::string session_of(const std::string& session_webhook) {
  const auto at = session_webhook.find("session=");
  return at == std::string::npos ? std::string() : session_webhook.substr(at + 8);
}

}  // namespace gridbot::testing::fake_dingtalk
