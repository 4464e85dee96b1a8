// DingTalk's answers, read for the connection part (PROTOCOLS.md §3.2, §3.3): the OAuth token, and
// what a send's answer means for the outbox, as the seam's SendResult. Two shapes exist: the new
// API (api.dingtalk.com/v1.0) answers with HTTP status and {"code","message"} on failure; the
// webhooks (sessionWebhook, custom robot) answer HTTP 200 with {"errcode","errmsg"}.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "bot/platforms/adapter.hpp"
#include "handlers/time.hpp"

namespace gridbot::dingtalk {

// POST /v1.0/oauth2/accessToken body: {"appKey","appSecret"}. Holds the secret: never logged.
std::string access_token_request(std::string_view app_key, std::string_view app_secret);

struct AccessToken {
  std::string token;   // accessToken, sent as x-acs-dingtalk-access-token; never logged
  Seconds expires_in{};  // expireIn
};

// Refresh this long before expireIn runs out, as the official SDK does.
inline constexpr Seconds kTokenRefreshMargin{300};

// {accessToken, expireIn} on HTTP 200; otherwise a sentence an admin can act on (a wrong
// AppKey/AppSecret is the usual cause), with DingTalk's own code and message in it.
std::expected<AccessToken, std::string> parse_access_token(int http_status, std::string_view body);

// 401 → token_expired (fetch a new token, send once more). 130101 → rate_limited for 10 minutes:
// DingTalk blocks the robot that long after 20 messages in a minute (§0 item 6). 429, throttling
// codes, 5xx, errcode -1 and unreadable bodies → retry. 310000, 34016, invalidParameter.robotCode.*
// and every other refusal → permanent with advice. ok carries processQueryKey when there is one.
platforms::SendResult classify_answer(int http_status, std::string_view body, Time now);

}  // namespace gridbot::dingtalk
