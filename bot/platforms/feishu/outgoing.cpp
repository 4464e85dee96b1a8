#include "bot/platforms/feishu/outgoing.hpp"

#include <nlohmann/json.hpp>

#include "handlers/understand/utf8.hpp"

namespace gridbot::feishu {

using nlohmann::json;

namespace {

// ensure_ascii off keeps 中文 as bytes; strict, because every string was checked first.
std::string raw_utf8(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::strict); }

bool valid_utf8(std::string_view s) { return understand::repair_utf8(s) == s; }

// Feishu reads "<at" in a text as a mention and '"' ends the attribute: neither may come from an id.
bool plain_id(std::string_view id) {
  return !id.empty() && valid_utf8(id) && id.find_first_of("<>\"& ") == std::string_view::npos;
}

std::expected<std::pair<const char*, std::string>, Error> message_content(const Content& c) {
  if (!valid_utf8(c.text) || !valid_utf8(c.title)) return std::unexpected(Error::invalid_utf8);
  for (const auto& id : c.mentions)
    if (!plain_id(id)) return std::unexpected(Error::invalid_id);
  if (c.format == Format::text) {
    std::string text;
    for (const auto& id : c.mentions) text += "<at user_id=\"" + id + "\"></at> ";
    text += c.text;
    return std::pair{"text", raw_utf8({{"text", text}})};
  }
  json paragraphs = json::array();
  if (!c.mentions.empty()) {
    json ats = json::array();
    for (const auto& id : c.mentions) ats.push_back({{"tag", "at"}, {"user_id", id}});
    paragraphs.push_back(std::move(ats));
  }
  paragraphs.push_back(json::array({json{{"tag", "md"}, {"text", c.text}}}));
  return std::pair{"post", raw_utf8({{"zh_cn", {{"title", c.title}, {"content", paragraphs}}}})};
}

}  // namespace

ReceiveIdType receive_id_type_of(std::string_view id) {
  if (id.starts_with("oc_")) return ReceiveIdType::chat_id;
  if (id.starts_with("ou_")) return ReceiveIdType::open_id;
  return ReceiveIdType::user_id;
}

std::string send_message_path(ReceiveIdType type) {
  const char* name = type == ReceiveIdType::chat_id ? "chat_id" : type == ReceiveIdType::open_id ? "open_id" : "user_id";
  return std::string("/open-apis/im/v1/messages?receive_id_type=") + name;
}

std::string reply_path(std::string_view message_id) {
  return "/open-apis/im/v1/messages/" + std::string(message_id) + "/reply";
}

std::expected<std::string, Error> send_message_body(std::string_view receive_id, const Content& content,
                                                    std::string_view uuid) {
  auto c = message_content(content);
  if (!c) return std::unexpected(c.error());
  json body = {{"receive_id", receive_id}, {"msg_type", c->first}, {"content", c->second}};
  if (!uuid.empty()) body["uuid"] = uuid;
  return raw_utf8(body);
}

std::expected<std::string, Error> reply_body(const Content& content, std::string_view uuid) {
  auto c = message_content(content);
  if (!c) return std::unexpected(c.error());
  json body = {{"msg_type", c->first}, {"content", c->second}};
  if (!uuid.empty()) body["uuid"] = uuid;
  return raw_utf8(body);
}

std::string tenant_token_request(std::string_view app_id, std::string_view app_secret) {
  return json{{"app_id", app_id}, {"app_secret", app_secret}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gridbot::feishu
