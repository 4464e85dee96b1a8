#include "bot/platforms/dingtalk/api_answer.hpp"

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/json_fields.hpp"

namespace gridbot::dingtalk {

using nlohmann::json;
using platforms::SendResult;

namespace {

constexpr Seconds kRobotBlock{600};  // 130101: the robot is throttled for 10 minutes

// "DingTalk: <code> <message>. <advice>", the words DingTalk used first, for the dead-letter view.
std::string sentence(std::string_view code, std::string_view message, std::string_view advice) {
  std::string out = "DingTalk answered";
  if (!code.empty()) out += " " + std::string(code);
  if (!message.empty()) out += " \"" + std::string(message) + "\"";
  out += ". ";
  out += advice;
  return out;
}

// The webhooks' {"errcode","errmsg"} (and the legacy API's): one screen of the codes gridbot
// treats specially; anything else is permanent with its code.
SendResult classify_errcode(int errcode, std::string_view errmsg, Time now) {
  std::string code = std::to_string(errcode);
  switch (errcode) {
    case 0: return SendResult::ok("");
    case -1: return SendResult::retry(sentence(code, errmsg, "DingTalk was busy; sent again with backoff."), {}, errcode);
    case 130101:
      return SendResult::rate_limited(
          sentence(code, errmsg, "The robot sent more than 20 messages in a minute and is blocked for 10 minutes; "
                                 "its messages wait until then."),
          now + kRobotBlock, errcode);
    case 310000:
      return SendResult::permanent(
          sentence(code, errmsg, "The signature does not match: copy the robot's SEC… secret again from the group's "
                                 "robot settings (加签) into the configuration, and check this server's clock."),
          errcode);
    case 34016:
      return SendResult::permanent(
          sentence(code, errmsg, "The message is longer than DingTalk allows: a gridbot bug (texts are split); "
                                 "report it with this message."),
          errcode);
    default:
      return SendResult::permanent(
          sentence(code, errmsg, "Look the errcode up in DingTalk's error code list (open.dingtalk.com)."), errcode);
  }
}

// The new API's {"code","message"}: codes are strings such as "Throttling.Api" or
// "invalidParameter.robotCode.notExist", so they go in the sentence and errcode stays 0.
SendResult classify_code(int http_status, std::string_view code, std::string_view message) {
  if (code.find("Throttling") != std::string_view::npos || http_status == 429)
    return SendResult::retry(sentence(code, message, "DingTalk throttled the app; sent again with backoff."));
  if (code.starts_with("invalidParameter.robotCode"))
    return SendResult::permanent(sentence(code, message,
                                          "The robotCode is wrong: it is the robot's AppKey, shown under 应用开发 → "
                                          "the app → 机器人; correct it in the configuration."));
  if (code.starts_with("Forbidden"))
    return SendResult::permanent(sentence(code, message,
                                          "The app lacks a permission: grant 企业内机器人发送消息权限 to the app in the "
                                          "developer console, or add this server's IP to its whitelist."));
  return SendResult::permanent(sentence(code, message,
                                        "DingTalk refused the message (HTTP " + std::to_string(http_status) +
                                            "); correct the request or the robot's settings."));
}

}  // namespace

std::string access_token_request(std::string_view app_key, std::string_view app_secret) {
  return json{{"appKey", app_key}, {"appSecret", app_secret}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::expected<AccessToken, std::string> parse_access_token(int http_status, std::string_view body) {
  auto doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) doc = json::object();
  if (http_status == 200) {
    auto token = text_of(doc, "accessToken");
    auto expire = doc.find("expireIn");
    if (!token.empty() && expire != doc.end() && expire->is_number_integer() && expire->get<std::int64_t>() > 0)
      return AccessToken{std::move(token), Seconds(expire->get<std::int64_t>())};
    return std::unexpected("DingTalk's token answer had no accessToken and expireIn; check the accessToken URL "
                           "in the configuration.");
  }
  return std::unexpected(sentence(text_of(doc, "code"), text_of(doc, "message"),
                                  "No access token (HTTP " + std::to_string(http_status) +
                                      "): check the app's AppKey and AppSecret (应用开发 → the app → 凭证与基础信息)."));
}

SendResult classify_answer(int http_status, std::string_view body, Time now) {
  auto doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) doc = json::object();
  auto code = text_of(doc, "code");
  auto message = text_of(doc, "message");
  if (http_status == 401)
    return SendResult::token_expired(sentence(code, message, "The access token was refused; a new one is fetched once."));
  if (http_status >= 500 || http_status == 408)
    return SendResult::retry(sentence(code, message, "DingTalk answered HTTP " + std::to_string(http_status) +
                                                         "; sent again with backoff."));
  if (auto errcode = doc.find("errcode"); errcode != doc.end() && errcode->is_number_integer())
    return classify_errcode(errcode->get<int>(), text_of(doc, "errmsg"), now);
  if (http_status >= 200 && http_status < 300) {
    if (!code.empty()) return classify_code(http_status, code, message);
    if (body.empty() || doc.empty())  // a webhook answers JSON; an empty 200 is a proxy's
      return SendResult::retry("DingTalk's answer was not its JSON (a proxy or a cut connection); sent again.");
    return SendResult::ok(text_of(doc, "processQueryKey"));
  }
  if (code.empty() && http_status != 429)
    return SendResult::permanent(sentence("", "", "HTTP " + std::to_string(http_status) +
                                                      " without DingTalk's JSON: check the configured base URL."));
  return classify_code(http_status, code, message);
}

}  // namespace gridbot::dingtalk
