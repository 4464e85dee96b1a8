// Feishu's event crypto (PROTOCOLS.md §2.1): AES-256-CBC with key = SHA-256(Encrypt Key), the IV
// the first 16 bytes of the base64-decoded `encrypt`, standard 16-byte PKCS#7; the event signature
// hex(sha256(timestamp + nonce + encrypt_key + raw body bytes)); and the custom group bot's sign
// (§2.2), which is DingTalk's turned round: HMAC key = timestamp + "\n" + secret, message empty.
#pragma once

#include <array>
#include <expected>
#include <string>
#include <string_view>

#include "bot/platforms/feishu/error.hpp"

namespace gridbot::feishu {

using Iv16 = std::array<unsigned char, 16>;

// The Encrypt Key from the developer console and the AES key derived from it. Both are secrets:
// wiped when destroyed, never logged.
class EncryptKey {
 public:
  explicit EncryptKey(std::string_view encrypt_key);
  EncryptKey(const EncryptKey&) = default;
  EncryptKey& operator=(const EncryptKey&) = default;
  ~EncryptKey();
  const std::string& text() const { return text_; }                     // signs (as typed)
  const std::array<unsigned char, 32>& aes_key() const { return aes_; }  // SHA-256 of the text: decrypts

 private:
  std::string text_;
  std::array<unsigned char, 32> aes_{};
};

// hex(sha256(timestamp + nonce + encrypt_key + body)), lowercase. `body` is the raw bytes as
// received: the Node SDK hashes a re-serialisation, which differs from the bytes Feishu signed
// whenever Feishu's JSON has spaces or escapes; the Go SDK hashes the raw body, as we do.
std::string event_signature(std::string_view timestamp, std::string_view nonce, const EncryptKey& key,
                            std::string_view body);

// Constant-time (CRYPTO_memcmp), case-sensitive: Feishu sends lowercase hex.
bool signatures_equal(std::string_view ours, std::string_view theirs);

// base64 → IV ‖ AES-256-CBC → PKCS#7-unpadded plaintext. Call it only after the signature verified
// (when one is sent): an unsigned ciphertext reaching the padding check is a padding oracle.
std::expected<std::string, Error> decrypt(const EncryptKey& key, std::string_view encrypt);

// The inverse, what Feishu does before it sends (the official SDK has no encrypt): for tests and
// the fake Feishu server, with the IV passed in so vectors are reproducible.
std::expected<std::string, Error> encrypt(const EncryptKey& key, std::string_view plaintext, const Iv16& iv);

// A custom group bot's `sign` for {"timestamp","sign",…}: base64(HMAC-SHA256(key = timestamp +
// "\n" + secret, message = "")), timestamp in seconds as its digits.
std::string custom_bot_sign(std::string_view secret, std::string_view timestamp);

// Canonical base64 only: length a multiple of 4, the standard alphabet, '=' only at the end.
std::expected<std::string, Error> base64_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);

}  // namespace gridbot::feishu
