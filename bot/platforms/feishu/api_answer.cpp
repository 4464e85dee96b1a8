#include "bot/platforms/feishu/api_answer.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/json_fields.hpp"

namespace gridbot::feishu {

using nlohmann::json;
using platforms::SendResult;

namespace {

std::string sentence(int code, std::string_view msg, std::string_view advice) {
  std::string out = "Feishu answered " + std::to_string(code);
  if (!msg.empty()) out += " \"" + std::string(msg) + "\"";
  return out + ". " + std::string(advice);
}

struct Rule {
  int code;
  SendResult::Kind kind;
  std::string_view advice;
};

using Kind = SendResult::Kind;

// One screen: the codes gridbot treats specially. Anything else is permanent, with its code.
constexpr Rule kRules[] = {
    {99991663, Kind::token_expired, "The tenant access token is invalid; a new one is fetched once."},
    {99991664, Kind::token_expired, "The tenant access token has expired; a new one is fetched once."},
    {99991661, Kind::token_expired, "The request carried no valid token; a new one is fetched once."},
    {11232, Kind::retry, "Feishu is under pressure (it is around :00 or :30); sent again with backoff."},
    {11233, Kind::retry, "Feishu throttled the bot; sent again with backoff."},
    {230001, Kind::permanent,
     "A parameter was refused: a gridbot bug unless the receive id is wrong; report it with this message."},
    {230002, Kind::permanent, "The bot is not in this group: add the bot to the group (群设置 → 群机器人)."},
    {99991672, Kind::permanent,
     "The app lacks a permission: grant im:message (以应用的身份发消息) in the developer console and publish a "
     "new version."},
};

}  // namespace

std::expected<TenantToken, std::string> parse_tenant_token(int http_status, std::string_view body) {
  auto doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) doc = json::object();
  auto code = doc.find("code");
  if (code == doc.end() || !code->is_number_integer())
    return std::unexpected("Feishu's token answer (HTTP " + std::to_string(http_status) +
                           ") was not its JSON: check the configured base URL.");
  if (*code != 0)
    return std::unexpected(sentence(code->get<int>(), text_of(doc, "msg"),
                                    "No tenant token: check the app's App ID and App Secret (凭证与基础信息)."));
  auto token = text_of(doc, "tenant_access_token");
  auto expire = doc.find("expire");
  if (token.empty() || expire == doc.end() || !expire->is_number_integer() || expire->get<std::int64_t>() <= 0)
    return std::unexpected("Feishu's token answer had no tenant_access_token and expire.");
  return TenantToken{std::move(token), Seconds(expire->get<std::int64_t>())};
}

SendResult classify_answer(int http_status, std::string_view body, std::optional<Seconds> ratelimit_reset, Time now) {
  auto doc = json::parse(body, nullptr, false);
  auto code_it = doc.is_object() ? doc.find("code") : doc.end();
  bool has_code = doc.is_object() && code_it != doc.end() && code_it->is_number_integer();
  int code = has_code ? code_it->get<int>() : 0;
  std::string msg = has_code ? text_of(doc, "msg") : std::string();

  if (code == 99991400 || http_status == 429) {
    std::string why = sentence(code, msg, "Feishu's frequency limit was reached (5 per second per group, shared "
                                          "by every bot in it); sending resumes when it says.");
    if (ratelimit_reset) return SendResult::rate_limited(why, now + *ratelimit_reset, code);
    return SendResult::retry(why, {}, code);
  }
  if (!has_code) {
    bool transient = http_status >= 500 || http_status == 408 || (http_status >= 200 && http_status < 300);
    std::string why = "Feishu answered HTTP " + std::to_string(http_status) + " without its JSON";
    if (transient) return SendResult::retry(why + " (a proxy or a cut connection); sent again with backoff.");
    return SendResult::permanent(why + ": check the configured base URL.");
  }
  if (code == 0) {
    const json& data = doc.contains("data") && doc["data"].is_object() ? doc["data"] : json::object();
    return SendResult::ok(text_of(data, "message_id"));
  }
  for (const auto& rule : kRules) {
    if (rule.code != code) continue;
    std::string why = sentence(code, msg, rule.advice);
    if (rule.kind == Kind::token_expired) return SendResult::token_expired(why, code);
    if (rule.kind == Kind::retry) return SendResult::retry(why, {}, code);
    return SendResult::permanent(why, code);
  }
  if (http_status >= 500) return SendResult::retry(sentence(code, msg, "Sent again with backoff."), {}, code);
  return SendResult::permanent(
      sentence(code, msg, "Look the code up in Feishu's server error codes (open.feishu.cn, 服务端错误码)."), code);
}

std::optional<Seconds> parse_ratelimit_reset(std::string_view header) {
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), seconds);
  if (header.empty() || ec != std::errc() || end != header.data() + header.size() || seconds < 0) return std::nullopt;
  return Seconds(seconds);
}

}  // namespace gridbot::feishu
