// DingTalk's one signature, used both ways (PROTOCOLS.md §3.1, §3.2):
// base64(HMAC-SHA256(key = secret, msg = timestamp_ms + "\n" + secret)). An HTTP-mode robot
// callback carries it in the `timestamp` and `sign` headers, signed with the app's AppSecret; a
// custom webhook robot's URL carries it in the query, signed with the robot's SEC… secret.
// (Feishu's custom bot puts the same parts the other way round.)
#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

#include "bot/platforms/dingtalk/error.hpp"
#include "handlers/time.hpp"

namespace gridbot::dingtalk {

// DingTalk's timestamps are milliseconds since the epoch (§5).
using Millis = std::chrono::sys_time<std::chrono::milliseconds>;

// DingTalk's own rule for both directions: a timestamp more than an hour away is refused.
inline constexpr std::chrono::milliseconds kTimestampWindow = std::chrono::hours(1);

// base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), timestamp as its decimal digits.
std::string sign(std::string_view secret, std::string_view timestamp);

// An HTTP-mode callback's headers against the AppSecret: both present, the timestamp a number of
// ms within kTimestampWindow of `now` either way, and `sign_header` equal in constant time
// (CRYPTO_memcmp) to sign(app_secret, timestamp). Stored nothing and reached no handler when this
// fails: the connection part answers 4xx with describe(error).
std::expected<void, Error> verify_callback(std::string_view app_secret, std::string_view timestamp_header,
                                           std::string_view sign_header, Millis now);

// "&timestamp=<ms>&sign=<urlencoded base64>", appended to a custom webhook robot's
// https://…/robot/send?access_token=T. Sign again for every send: DingTalk refuses one over an hour old.
std::string webhook_signature_query(std::string_view robot_secret, Millis now);

// Percent-encoding of everything but RFC 3986's unreserved characters ('+', '/', '=' included).
std::string url_encode(std::string_view text);

}  // namespace gridbot::dingtalk
