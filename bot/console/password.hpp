// Console passwords are kept as PBKDF2-HMAC-SHA256 hashes with a random salt, in one string the
// organization file can hold: pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>. The
// iterations are part of the string, so raising the default later does not lock anyone out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gridbot::console {

// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
inline constexpr int default_iterations = 600'000;
// Below this a stolen file is too cheap to search; above it one sign-in would stall its thread.
inline constexpr int min_iterations = 1'000;
inline constexpr int max_iterations = 10'000'000;

struct PasswordHash {
  int iterations = 0;
  std::vector<unsigned char> salt, hash;
};

// Nothing when `stored` is not a well-formed pbkdf2-sha256 string; `why` says what is wrong.
std::optional<PasswordHash> parse_password_hash(std::string_view stored, std::string* why = nullptr);

// A new hash with a fresh 16-byte salt from RAND_bytes.
std::string hash_password(std::string_view password, int iterations = default_iterations);

// Whether `password` is the one `stored` was made from; the hashes are compared with
// CRYPTO_memcmp, so timing says nothing about how much of it matched.
bool verify_password(std::string_view password, const PasswordHash& stored);

// The same work as verify_password with `iterations`, against nothing: what a sign-in for an
// unknown user spends, so its answer takes as long as a wrong password's.
void spend_like_verify(std::string_view password, int iterations);

// RFC 4648 base64 with padding (OpenSSL's EVP_EncodeBlock / EVP_DecodeBlock).
std::string base64(const std::vector<unsigned char>& bytes);
std::optional<std::vector<unsigned char>> from_base64(std::string_view text);

}  // namespace gridbot::console
