#include "bot/console/password.hpp"

#include <charconv>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace gridbot::console {

namespace {

constexpr std::string_view scheme = "pbkdf2-sha256";
constexpr std::size_t salt_bytes = 16;
constexpr std::size_t hash_bytes = 32;  // SHA-256's output: more would only cost the defender

std::vector<unsigned char> derive(std::string_view password, const std::vector<unsigned char>& salt, int iterations,
                                  std::size_t length) {
  std::vector<unsigned char> out(length);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), static_cast<int>(out.size()), out.data()) != 1)
    throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
  return out;
}

std::vector<std::string_view> split(std::string_view s, char by) {
  std::vector<std::string_view> out;
  for (;;) {
    auto at = s.find(by);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

}  // namespace

std::string base64(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t length = static_cast<std::size_t>(n);
  if (text.ends_with("==")) length -= 2;
  else if (text.ends_with('=')) length -= 1;
  out.resize(length);
  return out;
}

std::optional<PasswordHash> parse_password_hash(std::string_view stored, std::string* why) {
  auto bad = [&](std::string reason) -> std::optional<PasswordHash> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  const auto parts = split(stored, '$');
  if (parts.size() != 4 || parts[0] != scheme)
    return bad("must be pbkdf2-sha256$<iterations>$<salt base64>$<hash base64> (make one with gridbot hash-password)");
  PasswordHash h;
  auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), h.iterations);
  if (ec != std::errc() || end != parts[1].data() + parts[1].size() || h.iterations < min_iterations ||
      h.iterations > max_iterations)
    return bad("iterations must be a whole number from " + std::to_string(min_iterations) + " to " +
               std::to_string(max_iterations));
  auto salt = from_base64(parts[2]);
  if (!salt || salt->size() < 8) return bad("the salt must be base64 of at least 8 bytes");
  auto hash = from_base64(parts[3]);
  if (!hash || hash->size() < 16 || hash->size() > 64) return bad("the hash must be base64 of 16 to 64 bytes");
  h.salt = std::move(*salt);
  h.hash = std::move(*hash);
  return h;
}

std::string hash_password(std::string_view password, int iterations) {
  if (iterations < min_iterations || iterations > max_iterations) throw std::invalid_argument("iterations out of range");
  std::vector<unsigned char> salt(salt_bytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  const auto hash = derive(password, salt, iterations, hash_bytes);
  return std::string(scheme) + "$" + std::to_string(iterations) + "$" + base64(salt) + "$" + base64(hash);
}

bool verify_password(std::string_view password, const PasswordHash& stored) {
  const auto computed = derive(password, stored.salt, stored.iterations, stored.hash.size());
  return CRYPTO_memcmp(computed.data(), stored.hash.data(), computed.size()) == 0;
}

void spend_like_verify(std::string_view password, int iterations) {
  static const std::vector<unsigned char> salt(salt_bytes, 0x5a);
  const auto computed = derive(password, salt, iterations, hash_bytes);
  static const std::vector<unsigned char> nothing(hash_bytes, 0);
  // The compare too, so the two paths do the same steps; its answer is never used.
  static_cast<void>(CRYPTO_memcmp(computed.data(), nothing.data(), computed.size()));
}

}  // namespace gridbot::console
