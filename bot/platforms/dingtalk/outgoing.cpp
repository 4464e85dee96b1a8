#include "bot/platforms/dingtalk/outgoing.hpp"

#include <nlohmann/json.hpp>

#include "handlers/understand/utf8.hpp"

namespace gridbot::dingtalk {

using nlohmann::json;

namespace {

// ensure_ascii = false keeps 中文 as bytes; strict, because every string was checked or came from
// JSON (DingTalk's own ids), which holds nothing but valid UTF-8.
std::string raw_utf8(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::strict); }

bool valid_utf8(std::string_view s) { return understand::repair_utf8(s) == s; }

std::expected<void, Error> check(const Content& content) {
  if (!valid_utf8(content.text) || !valid_utf8(content.title)) return std::unexpected(Error::invalid_utf8);
  return {};
}

// msgKey and msgParam of the new robot API: msgParam is a string holding JSON.
std::pair<const char*, std::string> sample_message(const Content& content) {
  if (content.format == Format::markdown)
    return {"sampleMarkdown", raw_utf8({{"title", content.title}, {"text", content.text}})};
  return {"sampleText", raw_utf8({{"content", content.text}})};
}

}  // namespace

std::expected<std::string, Error> group_message_body(std::string_view robot_code,
                                                     std::string_view open_conversation_id, const Content& content) {
  if (auto ok = check(content); !ok) return std::unexpected(ok.error());
  auto [key, param] = sample_message(content);
  return raw_utf8({{"robotCode", robot_code}, {"openConversationId", open_conversation_id}, {"msgKey", key},
                   {"msgParam", param}});
}

std::expected<std::string, Error> batch_send_body(std::string_view robot_code, const std::vector<std::string>& user_ids,
                                                  const Content& content) {
  if (auto ok = check(content); !ok) return std::unexpected(ok.error());
  auto [key, param] = sample_message(content);
  return raw_utf8({{"robotCode", robot_code}, {"userIds", user_ids}, {"msgKey", key}, {"msgParam", param}});
}

std::expected<std::string, Error> webhook_body(const Content& content, const std::vector<std::string>& at_user_ids) {
  if (auto ok = check(content); !ok) return std::unexpected(ok.error());
  for (const auto& id : at_user_ids)
    if (!valid_utf8(id)) return std::unexpected(Error::invalid_utf8);
  json body = content.format == Format::markdown
                  ? json{{"msgtype", "markdown"}, {"markdown", {{"title", content.title}, {"text", content.text}}}}
                  : json{{"msgtype", "text"}, {"text", {{"content", content.text}}}};
  if (!at_user_ids.empty()) body["at"] = {{"atUserIds", at_user_ids}};
  return raw_utf8(body);
}

}  // namespace gridbot::dingtalk
