#include "bot/platforms/wecom/outgoing.hpp"

#include <algorithm>

#include "bot/platforms/text_split.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot::wecom {

using nlohmann::json;

namespace {

bool valid_utf8(std::string_view s) { return understand::repair_utf8(s) == s; }

// {"msgtype": T, T: {"content": …}}, the shape of every simple WeCom message body.
std::expected<json, Error> content_body(const char* msgtype, std::string_view content) {
  if (!valid_utf8(content)) return std::unexpected(Error::invalid_utf8);
  return json{{"msgtype", msgtype}, {msgtype, {{"content", content}}}};
}

}  // namespace

std::string dump_raw_utf8(const json& body) {
  // ensure_ascii = false is what keeps 中文 as bytes; strict, because the callers validated.
  return body.dump(-1, ' ', false, json::error_handler_t::strict);
}

std::expected<std::string, Error> render_app_message(const AppMessage& message) {
  if (!valid_utf8(message.content)) return std::unexpected(Error::invalid_utf8);
  std::string to;
  for (const auto& user : message.to_users) {
    if (!valid_utf8(user)) return std::unexpected(Error::invalid_utf8);
    if (!to.empty()) to += '|';
    to += user;
  }
  const char* type = message.format == Format::text ? "text" : "markdown";
  json body = {{"touser", to}, {"msgtype", type}, {"agentid", message.agent_id}, {type, {{"content", message.content}}}};
  return dump_raw_utf8(body);
}

std::expected<std::string, Error> render_webhook_message(Format format, std::string_view content,
                                                         const std::vector<std::string>& mentioned_userids) {
  if (!valid_utf8(content)) return std::unexpected(Error::invalid_utf8);
  if (format == Format::markdown) {
    if (!mentioned_userids.empty()) return std::unexpected(Error::mention_in_markdown);
    return dump_raw_utf8(*content_body("markdown", content));
  }
  json text = {{"content", content}};
  if (!mentioned_userids.empty()) {
    for (const auto& u : mentioned_userids)
      if (!valid_utf8(u)) return std::unexpected(Error::invalid_utf8);
    text["mentioned_list"] = mentioned_userids;
  }
  return dump_raw_utf8({{"msgtype", "text"}, {"text", text}});
}

std::expected<json, Error> aibot_markdown_body(std::string_view content) { return content_body("markdown", content); }

std::expected<json, Error> aibot_text_body(std::string_view content) { return content_body("text", content); }

std::expected<json, Error> aibot_stream_body(std::string_view stream_id, bool finish, std::string_view content) {
  if (!valid_utf8(content) || !valid_utf8(stream_id)) return std::unexpected(Error::invalid_utf8);
  return json{{"msgtype", "stream"}, {"stream", {{"id", stream_id}, {"finish", finish}, {"content", content}}}};
}

std::expected<std::vector<std::string>, Error> split_for_limit(std::string_view text, std::size_t max_bytes) {
  if (!valid_utf8(text)) return std::unexpected(Error::invalid_utf8);
  return platforms::split_for_limit(text, max_bytes);
}

}  // namespace gridbot::wecom
