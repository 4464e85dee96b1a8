#include "bot/platforms/wecom/outgoing.hpp"

#include <algorithm>

#include "handlers/understand/utf8.hpp"

namespace gridbot::wecom {

using nlohmann::json;

namespace {

bool valid_utf8(std::string_view s) { return understand::repair_utf8(s) == s; }

std::string part_label(std::size_t i, std::size_t n) {
  return "(" + std::to_string(i) + "/" + std::to_string(n) + ") ";
}

// Greedy parts of at most `budget` bytes, never cutting a character.
std::vector<std::string> cut(std::u32string_view cps, std::size_t budget) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < cps.size()) {
    std::string part;
    std::size_t last_newline = std::string::npos, newline_at = 0;
    std::size_t j = i;
    for (; j < cps.size(); ++j) {
      std::string ch;
      understand::append_utf8(ch, cps[j]);
      if (part.size() + ch.size() > budget) break;
      part += ch;
      if (cps[j] == U'\n') last_newline = part.size(), newline_at = j + 1;
    }
    if (j < cps.size() && last_newline != std::string::npos && last_newline >= budget / 2) {
      part.resize(last_newline);
      j = newline_at;
    }
    parts.push_back(std::move(part));
    i = std::max(j, i + 1);  // a budget below one character still advances
  }
  return parts;
}

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
  max_bytes = std::max<std::size_t>(max_bytes, 32);
  if (text.size() <= max_bytes) return std::vector<std::string>{std::string(text)};
  auto cps = understand::decode_utf8(text);
  // The label's width depends on the count, which depends on the label's width: widen the guess
  // until the count fits the digits it was budgeted for.
  std::size_t guess = 9;
  std::vector<std::string> parts;
  for (;;) {
    parts = cut(cps, max_bytes - part_label(guess, guess).size());
    if (std::to_string(parts.size()).size() <= std::to_string(guess).size()) break;
    guess = guess * 10 + 9;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) parts[i] = part_label(i + 1, parts.size()) + parts[i];
  return parts;
}

}  // namespace gridbot::wecom
