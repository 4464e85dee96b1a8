#include "bot/platforms/feishu/crypto.hpp"

#include <memory>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace gridbot::feishu {

namespace {

constexpr std::size_t kBlock = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

bool in_alphabet(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

EncryptKey::EncryptKey(std::string_view encrypt_key) : text_(encrypt_key) {
  unsigned int len = 0;
  EVP_Digest(text_.data(), text_.size(), aes_.data(), &len, EVP_sha256(), nullptr);
}

EncryptKey::~EncryptKey() {
  OPENSSL_cleanse(text_.data(), text_.size());
  OPENSSL_cleanse(aes_.data(), aes_.size());
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(bytes), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::expected<std::string, Error> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::unexpected(Error::bad_base64);
  std::size_t pad = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  for (std::size_t i = 0; i + pad < text.size(); ++i)
    if (!in_alphabet(text[i])) return std::unexpected(Error::bad_base64);
  std::string out(text.size() / 4 * 3, '\0');
  // EVP_DecodeBlock counts each '=' as a zero byte, so the padding comes off its length.
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(text), static_cast<int>(text.size()));
  if (n < 0 || static_cast<std::size_t>(n) < pad) return std::unexpected(Error::bad_base64);
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::string event_signature(std::string_view timestamp, std::string_view nonce, const EncryptKey& key,
                            std::string_view body) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // Hashed in parts, so a large body is not copied once more to be signed.
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  for (std::string_view part : {timestamp, nonce, std::string_view(key.text()), body})
    EVP_DigestUpdate(ctx.get(), part.data(), part.size());
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  return hex(digest, len);
}

bool signatures_equal(std::string_view ours, std::string_view theirs) {
  // The length of a SHA-256 hex digest is public; only the bytes need a constant-time compare.
  return ours.size() == theirs.size() && CRYPTO_memcmp(ours.data(), theirs.data(), ours.size()) == 0;
}

std::expected<std::string, Error> decrypt(const EncryptKey& key, std::string_view encrypt) {
  auto raw = base64_decode(encrypt);
  if (!raw) return std::unexpected(raw.error());
  if (raw->size() < 2 * kBlock || raw->size() % kBlock != 0) return std::unexpected(Error::bad_ciphertext_length);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.aes_key().data(), bytes_of(*raw)) != 1)
    return std::unexpected(Error::crypto_failure);
  std::string_view cipher = std::string_view(*raw).substr(kBlock);
  std::string out(cipher.size() + kBlock, '\0');
  int n = 0, tail = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (EVP_DecryptUpdate(ctx.get(), o, &n, bytes_of(cipher), static_cast<int>(cipher.size())) != 1)
    return std::unexpected(Error::crypto_failure);
  // Feishu pads to AES's own 16 bytes, so OpenSSL's PKCS#7 check is the right one here (unlike WeCom).
  if (EVP_DecryptFinal_ex(ctx.get(), o + n, &tail) != 1) return std::unexpected(Error::bad_padding);
  out.resize(static_cast<std::size_t>(n + tail));
  return out;
}

std::expected<std::string, Error> encrypt(const EncryptKey& key, std::string_view plaintext, const Iv16& iv) {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.aes_key().data(), iv.data()) != 1)
    return std::unexpected(Error::crypto_failure);
  std::string out(reinterpret_cast<const char*>(iv.data()), iv.size());
  out.resize(kBlock + plaintext.size() + kBlock);
  int n = 0, tail = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data()) + kBlock;
  if (EVP_EncryptUpdate(ctx.get(), o, &n, bytes_of(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), o + n, &tail) != 1)
    return std::unexpected(Error::crypto_failure);
  out.resize(kBlock + static_cast<std::size_t>(n + tail));
  return base64_encode(out);
}

std::string custom_bot_sign(std::string_view secret, std::string_view timestamp) {
  std::string hmac_key = std::string(timestamp) + "\n" + std::string(secret);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  static const unsigned char nothing = 0;  // the message is empty: all of the secret is in the key
  HMAC(EVP_sha256(), hmac_key.data(), static_cast<int>(hmac_key.size()), &nothing, 0, mac, &len);
  OPENSSL_cleanse(hmac_key.data(), hmac_key.size());
  return base64_encode(std::string_view(reinterpret_cast<const char*>(mac), len));
}

}  // namespace gridbot::feishu
