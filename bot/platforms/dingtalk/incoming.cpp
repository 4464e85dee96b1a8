#include "bot/platforms/dingtalk/incoming.hpp"

#include <charconv>
#include <cstdint>

#include "bot/platforms/dingtalk/json_fields.hpp"

namespace gridbot::dingtalk {

using nlohmann::json;

namespace {

// Milliseconds as a JSON number or, as some senders write them, a string of digits.
std::optional<Millis> millis_at(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  std::int64_t v = 0;
  if (it->is_number_integer()) {
    v = it->get<std::int64_t>();
  } else if (it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  return Millis(std::chrono::milliseconds(v));
}

std::string trimmed(std::string_view s) {
  constexpr std::string_view space = " \t\r\n";
  auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(space) - first + 1));
}

// richText: [{"text": …}, {"type": "picture", "downloadCode": …}, …]; the text parts, in order.
std::string rich_text(const json& content) {
  std::string out;
  auto items = content.find("richText");
  if (items == content.end() || !items->is_array()) return out;
  for (const auto& item : *items)
    if (item.is_object()) out += text_of(item, "text");
  return out;
}

std::optional<RepliedMessage> replied_message(const json& text) {
  auto flag = text.find("isReplyMsg");
  if (flag == text.end() || !flag->is_boolean() || !flag->get<bool>()) return std::nullopt;
  const json& replied = object_at(text, "repliedMsg");
  RepliedMessage r{text_of(replied, "msgId"), text_of(replied, "senderId"), {}};
  if (r.message_id.empty()) return std::nullopt;
  const json& content = object_at(replied, "content");
  r.text = trimmed(content.contains("richText") ? rich_text(content) : text_of(content, "text"));
  return r;
}

}  // namespace

std::expected<RobotMessage, Error> parse_robot_message(std::string_view text) {
  auto doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::unexpected(Error::malformed_json);
  return robot_message_from(doc);
}

std::expected<RobotMessage, Error> robot_message_from(const json& body) {
  if (!body.is_object()) return std::unexpected(Error::malformed_json);
  RobotMessage m;
  m.message_id = text_of(body, "msgId");
  m.conversation_id = text_of(body, "conversationId");
  m.sender_id = text_of(body, "senderId");
  if (m.message_id.empty() || m.conversation_id.empty() || m.sender_id.empty())
    return std::unexpected(Error::missing_field);
  // A string, "1" or "2"; a number would be another sender's idea of the format, not DingTalk's.
  auto kind = text_of(body, "conversationType");
  if (kind == "1") m.chat_kind = ChatKind::direct;
  else if (kind == "2") m.chat_kind = ChatKind::group;
  else return std::unexpected(kind.empty() ? Error::missing_field : Error::unknown_conversation);

  m.robot_code = text_of(body, "robotCode");
  m.chatbot_user_id = text_of(body, "chatbotUserId");
  m.conversation_title = text_of(body, "conversationTitle");
  m.sender_staff_id = text_of(body, "senderStaffId");
  m.sender = m.sender_staff_id.empty() ? m.sender_id : m.sender_staff_id;
  m.sender_nick = text_of(body, "senderNick");
  m.sender_corp_id = text_of(body, "senderCorpId");
  if (auto admin = body.find("isAdmin"); admin != body.end() && admin->is_boolean()) m.sender_is_admin = *admin;

  m.msgtype = text_of(body, "msgtype");
  const json& text = object_at(body, "text");
  if (m.msgtype == "text") m.text = trimmed(text_of(text, "content"));  // it may start with a space (§0 item 8)
  else if (m.msgtype == "richText") m.text = trimmed(rich_text(object_at(body, "content")));
  m.replied = replied_message(text);

  if (auto at = body.find("isInAtList"); at != body.end() && at->is_boolean()) m.bot_mentioned = *at;
  if (auto users = body.find("atUsers"); users != body.end() && users->is_array()) {
    for (const auto& user : *users) {
      if (!user.is_object()) continue;
      auto dingtalk_id = text_of(user, "dingtalkId");
      if (!m.chatbot_user_id.empty() && dingtalk_id == m.chatbot_user_id) continue;  // the robot itself
      auto id = text_of(user, "staffId");
      if (id.empty()) id = dingtalk_id;
      if (!id.empty()) m.mentions.push_back(std::move(id));
    }
  }
  m.session_webhook.url = text_of(body, "sessionWebhook");
  if (auto expires = millis_at(body, "sessionWebhookExpiredTime")) m.session_webhook.expires_at = *expires;
  m.created_at = millis_at(body, "createAt");
  return m;
}

Inbound to_inbound(const RobotMessage& message, std::string account, Time received_at) {
  Inbound in;
  in.platform = "dingtalk";
  in.account = std::move(account);
  in.message_id = message.message_id;
  if (message.chat_kind == ChatKind::group) in.chat_id = message.conversation_id;
  in.sender = message.sender;
  in.text = message.text;
  in.received_at = received_at;
  in.mentions = message.mentions;
  in.bot_mentioned = message.bot_mentioned;
  if (message.replied) {
    in.quote = message.replied->message_id;
    if (!message.replied->text.empty()) in.quoted_text = message.replied->text;
  }
  if (!message.session_webhook.url.empty()) in.reply_handle = reply_handle(message.session_webhook);
  return in;
}

std::string reply_handle(const SessionWebhook& webhook) {
  return std::to_string(webhook.expires_at.time_since_epoch().count()) + " " + webhook.url;
}

std::optional<SessionWebhook> parse_reply_handle(std::string_view handle) {
  auto space = handle.find(' ');
  if (space == std::string_view::npos || space == 0 || space + 1 == handle.size()) return std::nullopt;
  std::int64_t ms = 0;
  auto [end, ec] = std::from_chars(handle.data(), handle.data() + space, ms);
  if (ec != std::errc() || end != handle.data() + space) return std::nullopt;
  return SessionWebhook{std::string(handle.substr(space + 1)), Millis(std::chrono::milliseconds(ms))};
}

}  // namespace gridbot::dingtalk
