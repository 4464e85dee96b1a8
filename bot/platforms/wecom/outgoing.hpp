// Request bodies gridbot sends to WeCom (PROTOCOLS.md §1.5, §1.6), written as raw UTF-8: WeCom
// rejects \uXXXX escapes with errcode 40033 or shows them literally (§0 item 9). And the split of a
// text that is over a limit, because WeCom counts bytes and truncates silently (§0 item 10).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/platforms/wecom/error.hpp"

namespace gridbot::wecom {

enum class Format { text, markdown };

// The byte limits of §1.4 and §1.6.
inline constexpr std::size_t kAppTextLimit = 2048;        // message/send text
inline constexpr std::size_t kWebhookTextLimit = 2048;    // webhook/send text
inline constexpr std::size_t kWebhookMarkdownLimit = 4096;
inline constexpr std::size_t kAibotContentLimit = 20480;  // stream, markdown, response_url

// message/send of a self-built app (path/90236).
struct AppMessage {
  std::int64_t agent_id = 0;
  std::vector<std::string> to_users;  // userids; joined with '|'
  Format format = Format::text;
  std::string content;
};

std::expected<std::string, Error> render_app_message(const AppMessage& message);

// webhook/send of a group robot (path/99398). Only text can @ people (mentioned_list holds userids
// or "@all"); markdown cannot, so mentions are refused there rather than silently lost.
std::expected<std::string, Error> render_webhook_message(Format format, std::string_view content,
                                                         const std::vector<std::string>& mentioned_userids = {});

// {"msgtype":"markdown","markdown":{"content"}}: the body of a response_url POST, and of an
// aibot_send_msg / aibot_respond_msg frame (with chatid added for the first).
std::expected<nlohmann::json, Error> aibot_markdown_body(std::string_view content);
// {"msgtype":"text","text":{"content"}}: the AI bot's welcome reply to enter_chat.
std::expected<nlohmann::json, Error> aibot_text_body(std::string_view content);
// {"msgtype":"stream","stream":{"id","finish","content"}}: a passive stream reply (HTTP, encrypted)
// and an aibot_respond_msg frame's body. One stream id per reply, finished within 6 minutes.
std::expected<nlohmann::json, Error> aibot_stream_body(std::string_view stream_id, bool finish,
                                                       std::string_view content);

// Raw UTF-8, never \uXXXX. The values must already be valid UTF-8 (every renderer above checks).
std::string dump_raw_utf8(const nlohmann::json& body);

// `text` cut into parts of at most `max_bytes` bytes each, at UTF-8 character boundaries
// (preferring a line break in the second half of a part), each part numbered "(1/2) ", "(2/2) "
// within the limit. A text that fits comes back whole and unnumbered. Invalid UTF-8 is an error.
// `max_bytes` is at least 32 (a label and a few characters).
std::expected<std::vector<std::string>, Error> split_for_limit(std::string_view text, std::size_t max_bytes);

}  // namespace gridbot::wecom
