// Request bodies gridbot sends to Feishu (PROTOCOLS.md §2.2), raw UTF-8. A message's `content` is
// a JSON *string* inside the JSON. Text mentions people with <at user_id="…"></at>; markdown-ish
// texts go as a post with one md element.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "bot/platforms/feishu/error.hpp"

namespace gridbot::feishu {

enum class Format { text, markdown };

// The most text one message carries, for the adapter's text_limit (the sender splits longer ones).
// A custom bot's whole body may be 20 KB (§2.2); the im/v1 limits (150 KB text, 30 KB post) are
// not on an official page. gridbot's choice: 16 KB of text, under the smallest of them with room
// for the JSON around it.
inline constexpr std::size_t kTextLimitBytes = 16 * 1024;
enum class ReceiveIdType { chat_id, open_id, user_id };

struct Content {
  Format format = Format::text;
  std::string text;
  std::vector<std::string> mentions;  // ids of the receive_id's kind (open_id or user_id), @-ed first
  std::string title;                  // markdown (post) only; may be empty
};

// The kind of a person id as incoming.hpp gives it (user_id when the app may see it, else open_id):
// open_ids are "ou_…", chats "oc_…"; anything else is a tenant's user_id.
ReceiveIdType receive_id_type_of(std::string_view id);

// "/open-apis/im/v1/messages?receive_id_type=chat_id", to be put after the configured base URL.
std::string send_message_path(ReceiveIdType type);
// "/open-apis/im/v1/messages/<message_id>/reply"
std::string reply_path(std::string_view message_id);

// {receive_id, msg_type, content, uuid}: `uuid` (the outbox id) makes Feishu drop a resend of the
// same message within an hour, so a crash between sending and marking sent costs no duplicate.
std::expected<std::string, Error> send_message_body(std::string_view receive_id, const Content& content,
                                                    std::string_view uuid);
// {msg_type, content, uuid} for reply_path.
std::expected<std::string, Error> reply_body(const Content& content, std::string_view uuid);

// POST /open-apis/auth/v3/tenant_access_token/internal: {"app_id","app_secret"}. Never logged.
std::string tenant_token_request(std::string_view app_id, std::string_view app_secret);

}  // namespace gridbot::feishu
