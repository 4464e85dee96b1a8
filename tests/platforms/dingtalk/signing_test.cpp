// PROTOCOLS.md §3.1 and §3.2's vectors byte for byte, and every way a forged or stale callback is refused.
#include <doctest/doctest.h>

#include "bot/platforms/dingtalk/signing.hpp"

namespace gridbot::dingtalk {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kSecret = "SECdemo0123456789";
constexpr std::string_view kTimestamp = "1700000000000";
constexpr std::string_view kSign = "ww0uYz9hgC//la1LzHCxhiH8ja6t5XU0VlJXBRQKVAA=";
const Millis kAt{milliseconds(1700000000000)};

TEST_CASE("§3.1 vector: the sign of ts 1700000000000 with SECdemo0123456789") {
  CHECK(sign(kSecret, kTimestamp) == kSign);
  CHECK(sign("SECdemo0123456788", kTimestamp) != kSign);
  CHECK(sign(kSecret, "1700000000001") != kSign);
}

TEST_CASE("§3.2 vector: the custom webhook robot's query, the base64 URL-encoded") {
  CHECK(webhook_signature_query(kSecret, kAt) ==
        "&timestamp=1700000000000&sign=ww0uYz9hgC%2F%2Fla1LzHCxhiH8ja6t5XU0VlJXBRQKVAA%3D");
  CHECK(url_encode("a+b/c=d 中") == "a%2Bb%2Fc%3Dd%20%E4%B8%AD");
  CHECK(url_encode("AZaz09-_.~") == "AZaz09-_.~");
}

TEST_CASE("a callback verifies within an hour either way, and not beyond") {
  CHECK(verify_callback(kSecret, kTimestamp, kSign, kAt).has_value());
  CHECK(verify_callback(kSecret, kTimestamp, kSign, kAt + std::chrono::minutes(59)).has_value());
  CHECK(verify_callback(kSecret, kTimestamp, kSign, kAt - std::chrono::minutes(59)).has_value());
  CHECK(verify_callback(kSecret, kTimestamp, kSign, kAt + kTimestampWindow).has_value());
  CHECK(verify_callback(kSecret, kTimestamp, kSign, kAt + kTimestampWindow + milliseconds(1)).error() ==
        Error::stale_timestamp);
  CHECK(verify_callback(kSecret, kTimestamp, kSign, kAt - std::chrono::minutes(61)).error() == Error::stale_timestamp);
}

TEST_CASE("a forged, truncated or missing signature and a malformed timestamp are refused with a clear error") {
  std::string forged(kSign);
  forged[5] = forged[5] == 'A' ? 'B' : 'A';
  CHECK(verify_callback(kSecret, kTimestamp, forged, kAt).error() == Error::bad_signature);
  CHECK(verify_callback(kSecret, kTimestamp, kSign.substr(0, 43), kAt).error() == Error::bad_signature);
  CHECK(verify_callback("SECother", kTimestamp, kSign, kAt).error() == Error::bad_signature);
  CHECK(verify_callback(kSecret, "", kSign, kAt).error() == Error::missing_signature);
  CHECK(verify_callback(kSecret, kTimestamp, "", kAt).error() == Error::missing_signature);
  for (std::string_view ts : {"17e11", "1700000000000 ", "-1700000000000", "abc", "99999999999999999999999"})
    CHECK(verify_callback(kSecret, ts, kSign, kAt).error() == Error::malformed_timestamp);
  CHECK(describe(Error::stale_timestamp).find("one hour") != std::string_view::npos);
}

}  // namespace
}  // namespace gridbot::dingtalk
