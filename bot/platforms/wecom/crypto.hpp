// WeCom's message crypto (PROTOCOLS.md §1.1): the SHA-1 msg_signature, and AES-256-CBC over
// random(16) ‖ uint32_be(len) ‖ msg ‖ receiveid with PKCS#7 padding to 32 bytes. Pure: the
// 16 random bytes are passed in, so the official vectors can be reproduced exactly.
#pragma once

#include <array>
#include <expected>
#include <string>
#include <string_view>

#include "bot/platforms/wecom/error.hpp"

namespace gridbot::wecom {

using Random16 = std::array<unsigned char, 16>;

// The 32-byte key behind an EncodingAESKey. Wiped when destroyed, so it does not linger in freed
// memory; never logged.
class AesKey {
 public:
  explicit AesKey(const std::array<unsigned char, 32>& bytes) : bytes_(bytes) {}
  AesKey(const AesKey&) = default;
  AesKey& operator=(const AesKey&) = default;
  ~AesKey();
  const std::array<unsigned char, 32>& bytes() const { return bytes_; }

 private:
  std::array<unsigned char, 32> bytes_;
};

// AESKey = Base64_Decode(EncodingAESKey + "="); the EncodingAESKey has exactly 43 characters.
std::expected<AesKey, Error> parse_encoding_aes_key(std::string_view encoding_aes_key);

// hex(sha1(concat(sort_bytewise([token, timestamp, nonce, encrypt])))), lowercase.
std::string msg_signature(std::string_view token, std::string_view timestamp, std::string_view nonce,
                          std::string_view encrypt);

// Constant-time (CRYPTO_memcmp), so a forger learns nothing from how long a rejection took.
bool signatures_equal(std::string_view ours, std::string_view theirs);

// base64(AES-256-CBC(key, iv = key[0:16], random ‖ len ‖ message ‖ receiveid ‖ pad32)).
std::expected<std::string, Error> encrypt_message(const AesKey& key, std::string_view message,
                                                  std::string_view receiveid, const Random16& random);

// The inverse; rejects bad base64, a ciphertext that is not whole blocks, padding that is not
// 1..32 copies of its own length (as the aibot SDK does, unlike the older libraries, which strip
// nothing), a length field past the end, and a receiveid other than `expected_receiveid` (the corpid
// for a self-built app, "" for an AI bot). Call it only after the signature verified: an unsigned
// ciphertext must never reach the padding check, or the answer becomes a padding oracle.
std::expected<std::string, Error> decrypt_message(const AesKey& key, std::string_view msg_encrypt,
                                                  std::string_view expected_receiveid);

// Fresh random bytes from OpenSSL's CSPRNG, for encrypt_message outside tests.
std::expected<Random16, Error> fresh_random16();

// Canonical base64 only: length a multiple of 4, the standard alphabet, '=' only as the last one or
// two characters; no whitespace.
std::expected<std::string, Error> base64_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);

}  // namespace gridbot::wecom
