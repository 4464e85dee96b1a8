#include "bot/platforms/wecom/api_answer.hpp"

#include <nlohmann/json.hpp>

namespace gridbot::wecom {

namespace {

using Kind = ApiAnswer::Kind;

struct Rule {
  int errcode;
  Kind kind;
  int retry_after_seconds;
  std::string_view advice;
};

// One screen: every errcode gridbot treats specially. Anything else is permanent, with its code.
constexpr Rule kRules[] = {
    {-1, Kind::retry, 0, "WeCom was busy (-1); sent again with backoff."},
    {45009, Kind::retry, 60, "WeCom's API call limit was reached (45009); sending resumes after its 60 s block."},
    {45033, Kind::retry, 1, "Too many calls in flight to this WeCom API (45033); sent again shortly."},
    {40014, Kind::token_expired, 0, "The access token was invalid (40014); a new one is fetched once."},
    {42001, Kind::token_expired, 0, "The access token had expired (42001); a new one is fetched once."},
    {40001, Kind::permanent, 0,
     "The app's Secret is wrong or was reset (40001): copy it again from the admin console (应用管理 → the app) "
     "into platforms.wecom[].app.secret."},
    {40033, Kind::permanent, 0,
     "WeCom refused characters in the request (40033, \\uXXXX escapes): a gridbot bug; report it with this message."},
    {48002, Kind::permanent, 0,
     "This API is forbidden for the app (48002): check in the admin console that the app has the permission, "
     "or that the bot kind supports this call."},
    {60011, Kind::permanent, 0,
     "The app may not reach this member (60011): add them (or their department) to the app's 可见范围 "
     "in the admin console."},
    {60020, Kind::permanent, 0,
     "This server's IP address is not trusted by the app (60020): add it under 应用管理 → the app → 企业可信IP."},
    {81013, Kind::permanent, 0,
     "No recipient was valid (81013): check the member's accounts.wecom userid in the organization file and "
     "the app's 可见范围."},
    {846608, Kind::permanent, 0,
     "The stream reply was updated more than 6 minutes after it began (846608); the message must go as a new one."},
};

std::vector<std::string> split_bars(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    auto bar = s.find('|');
    if (bar != 0) out.emplace_back(s.substr(0, bar));
    if (bar == std::string_view::npos) break;
    s.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace

ApiAnswer classify_api_answer(int http_status, std::string_view body) {
  ApiAnswer answer;
  if (http_status < 200 || http_status >= 300) {
    bool transient = http_status >= 500 || http_status == 429 || http_status == 408;
    answer.kind = transient ? Kind::retry : Kind::permanent;
    answer.advice = "WeCom answered HTTP " + std::to_string(http_status) +
                    (transient ? "; sent again with backoff." : ": check the account's api_base_url.");
    return answer;
  }
  auto doc = nlohmann::json::parse(body, nullptr, false);
  auto code = doc.is_object() ? doc.find("errcode") : doc.end();
  if (doc.is_discarded() || !doc.is_object() || code == doc.end() || !code->is_number_integer()) {
    answer.kind = Kind::retry;
    answer.advice = "WeCom's answer was not its JSON (a proxy or a cut connection); sent again with backoff.";
    return answer;
  }
  answer.errcode = code->get<int>();
  if (auto msg = doc.find("errmsg"); msg != doc.end() && msg->is_string()) answer.errmsg = msg->get<std::string>();
  if (answer.errcode == 0) {
    if (auto inv = doc.find("invaliduser"); inv != doc.end() && inv->is_string())
      answer.invalid_users = split_bars(inv->get<std::string>());
    if (!answer.invalid_users.empty())
      answer.advice = "Sent, but WeCom did not know some recipients: check their accounts.wecom userids.";
    return answer;
  }
  for (const auto& rule : kRules) {
    if (rule.errcode != answer.errcode) continue;
    answer.kind = rule.kind;
    answer.advice = rule.advice;
    answer.retry_after = Seconds(rule.retry_after_seconds);
    return answer;
  }
  answer.kind = Kind::permanent;
  answer.advice = "WeCom refused the message with errcode " + std::to_string(answer.errcode) +
                  ": look it up at developer.work.weixin.qq.com/document/path/90313.";
  return answer;
}

}  // namespace gridbot::wecom
