// Request bodies gridbot sends to DingTalk (PROTOCOLS.md §3.1–§3.3), raw UTF-8 (no \uXXXX).
// The new robot API (api.dingtalk.com/v1.0/robot/…) takes msgParam as a JSON *string* inside the
// JSON; the webhooks (a message's sessionWebhook, a custom group robot) take the classic
// {"msgtype", <type>: {…}, "at": {…}} shape.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "bot/platforms/dingtalk/error.hpp"

namespace gridbot::dingtalk {

enum class Format { text, markdown };

// The most text one message carries, for the adapter's text_limit (the sender splits longer ones).
// The old API refused content over 5000 characters (34016, §0 item 10); the new API's limit is not
// documented. Counted as bytes, so no part can pass 5000 characters whatever the script.
inline constexpr std::size_t kTextLimitBytes = 5000;

// What one message says. A markdown message needs a title: DingTalk shows it in the notification
// and the conversation list, and refuses the message without one.
struct Content {
  Format format = Format::text;
  std::string text;
  std::string title;  // markdown only
};

// POST /v1.0/robot/groupMessages/send: {robotCode, openConversationId, msgKey, msgParam}, msgKey
// sampleText ({"content"}) or sampleMarkdown ({"title","text"}). openConversationId is the
// callback's conversationId.
std::expected<std::string, Error> group_message_body(std::string_view robot_code,
                                                     std::string_view open_conversation_id, const Content& content);

// POST /v1.0/robot/oToMessages/batchSend: the same to staff, by their staffIds (userIds).
std::expected<std::string, Error> batch_send_body(std::string_view robot_code, const std::vector<std::string>& user_ids,
                                                  const Content& content);

// POST <sessionWebhook> and a custom webhook robot's robot/send: {"msgtype":"text","text":{"content"}}
// or {"msgtype":"markdown","markdown":{"title","text"}}, with "at":{"atUserIds":[…]} when someone is
// to be @-ed (staffIds; DingTalk highlights those the text names as "@staffId").
std::expected<std::string, Error> webhook_body(const Content& content,
                                               const std::vector<std::string>& at_user_ids = {});

}  // namespace gridbot::dingtalk
