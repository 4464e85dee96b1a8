// A DingTalk robot message (PROTOCOLS.md §3.1) as a platform-neutral value. The same JSON arrives
// as an HTTP-mode callback's body and as the `data` of a Stream-mode CALLBACK frame on topic
// /v1.0/im/bot/messages/get, so one parser serves both.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/error.hpp"
#include "bot/platforms/dingtalk/signing.hpp"
#include "handlers/events.hpp"

namespace gridbot::dingtalk {

enum class ChatKind { direct, group };  // conversationType "1" and "2"

// The message a user answered with DingTalk's 引用回复. Undocumented: text.isReplyMsg and
// text.repliedMsg are not on DingTalk's pages nor in §3.1, and the official SDKs' types drop them;
// several independent adapters read them from the raw JSON. Absent, nothing is lost but the quote.
struct RepliedMessage {
  std::string message_id;  // repliedMsg.msgId
  std::string sender;      // repliedMsg.senderId
  std::string text;        // its text, or its rich text's text parts joined
};

// Where a message can be answered without a token: sessionWebhook, valid until its expiry.
struct SessionWebhook {
  std::string url;
  Millis expires_at{};
};

struct RobotMessage {
  std::string robot_code;       // robotCode (the app's key): which robot received it; may be absent in HTTP mode
  std::string chatbot_user_id;  // the robot's own dingtalkId, as it appears in atUsers
  std::string message_id;       // msgId: the inbox deduplicates on it
  std::string conversation_id;  // single or group; a group's is the openConversationId to send to
  std::string conversation_title;
  ChatKind chat_kind = ChatKind::direct;
  std::string sender;           // senderStaffId when the sender is in the organization, else senderId
  std::string sender_staff_id;  // "" for people outside the organization
  std::string sender_id;        // always present, opaque ($:LWCP_v1:$…)
  std::string sender_nick;
  std::string sender_corp_id;
  bool sender_is_admin = false;
  std::string msgtype;          // text, richText, picture, audio, file, …
  std::string text;             // text.content (or richText's text parts), surrounding space trimmed
  bool bot_mentioned = false;   // isInAtList: DingTalk has already cut the robot's @name out of the text
  std::vector<std::string> mentions;  // atUsers other than the robot: staffId, or dingtalkId without one
  std::optional<RepliedMessage> replied;
  SessionWebhook session_webhook;
  std::optional<Millis> created_at;  // createAt
};

// The body of a callback or the data of a CALLBACK frame. msgId, conversationId,
// conversationType and senderId are required; everything else may be absent.
std::expected<RobotMessage, Error> parse_robot_message(std::string_view json);
// The same for a body already parsed (a test, or a caller that parsed the frame).
std::expected<RobotMessage, Error> robot_message_from(const nlohmann::json& body);

// The Inbound the pipeline takes. The text is as DingTalk sent it: the adapter still caps it
// (platforms::capped_text). `account` is the robot's config name. The reply handle holds the
// sessionWebhook and its expiry (reply_handle below), so an answer after expiry goes proactively.
Inbound to_inbound(const RobotMessage& message, std::string account, Time received_at);

// "<expiry ms> <url>": opaque to handlers, read back by the sender.
std::string reply_handle(const SessionWebhook& webhook);
std::optional<SessionWebhook> parse_reply_handle(std::string_view handle);

}  // namespace gridbot::dingtalk
