#include "bot/platforms/dingtalk/signing.hpp"

#include <charconv>
#include <cstdint>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace gridbot::dingtalk {

namespace {

std::string base64(const unsigned char* bytes, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

std::string sign(std::string_view secret, std::string_view timestamp) {
  std::string message = std::string(timestamp) + "\n" + std::string(secret);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len);
  return base64(mac, len);
}

std::expected<void, Error> verify_callback(std::string_view app_secret, std::string_view timestamp_header,
                                           std::string_view sign_header, Millis now) {
  if (timestamp_header.empty() || sign_header.empty()) return std::unexpected(Error::missing_signature);
  std::int64_t ms = 0;
  auto [end, ec] = std::from_chars(timestamp_header.data(), timestamp_header.data() + timestamp_header.size(), ms);
  if (ec != std::errc() || end != timestamp_header.data() + timestamp_header.size() || ms < 0)
    return std::unexpected(Error::malformed_timestamp);
  auto skew = now.time_since_epoch() - std::chrono::milliseconds(ms);
  if (skew > kTimestampWindow || skew < -kTimestampWindow) return std::unexpected(Error::stale_timestamp);
  std::string ours = sign(app_secret, timestamp_header);
  // The length of an HMAC-SHA256 in base64 is public; only the bytes need a constant-time compare.
  if (ours.size() != sign_header.size() || CRYPTO_memcmp(ours.data(), sign_header.data(), ours.size()) != 0)
    return std::unexpected(Error::bad_signature);
  return {};
}

std::string url_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string webhook_signature_query(std::string_view robot_secret, Millis now) {
  std::string timestamp = std::to_string(now.time_since_epoch().count());
  return "&timestamp=" + timestamp + "&sign=" + url_encode(sign(robot_secret, timestamp));
}

}  // namespace gridbot::dingtalk
