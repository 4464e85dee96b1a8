#include "bot/platforms/wecom/crypto.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace gridbot::wecom {

namespace {

constexpr std::size_t kBlock = 32;  // WeCom pads to 32 bytes, not AES's 16 (PROTOCOLS.md §0 item 1)
constexpr std::size_t kRandom = 16;
constexpr std::size_t kLengthField = 4;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

bool in_base64_alphabet(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// AES-256-CBC with OpenSSL's padding off: its PKCS#7 would reject WeCom's pad bytes 17..32, so
// the 32-byte padding is added and checked here instead.
std::expected<std::string, Error> aes_cbc(const AesKey& key, std::string_view input, bool encrypting) {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) return std::unexpected(Error::crypto_failure);
  const unsigned char* k = key.bytes().data();
  const unsigned char* iv = k;  // WeCom's IV is the key's first 16 bytes
  if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, k, iv, encrypting ? 1 : 0) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1)
    return std::unexpected(Error::crypto_failure);
  std::string out(input.size() + 16, '\0');
  int n = 0, tail = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (EVP_CipherUpdate(ctx.get(), o, &n, reinterpret_cast<const unsigned char*>(input.data()),
                       static_cast<int>(input.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), o + n, &tail) != 1)
    return std::unexpected(Error::crypto_failure);
  out.resize(static_cast<std::size_t>(n + tail));
  return out;
}

std::uint32_t read_be32(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

}  // namespace

AesKey::~AesKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::expected<std::string, Error> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::unexpected(Error::bad_base64);
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  for (std::size_t i = 0; i + pad < text.size(); ++i)
    if (!in_base64_alphabet(text[i])) return std::unexpected(Error::bad_base64);
  std::string out(text.size() / 4 * 3, '\0');
  // EVP_DecodeBlock counts the '=' as zero bytes, so the padding is taken off its length.
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0 || static_cast<std::size_t>(n) < pad) return std::unexpected(Error::bad_base64);
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::expected<AesKey, Error> parse_encoding_aes_key(std::string_view encoding_aes_key) {
  if (encoding_aes_key.size() != 43) return std::unexpected(Error::bad_aes_key);
  auto raw = base64_decode(std::string(encoding_aes_key) + "=");
  if (!raw || raw->size() != 32) return std::unexpected(Error::bad_aes_key);
  std::array<unsigned char, 32> bytes{};
  std::copy(raw->begin(), raw->end(), bytes.begin());
  OPENSSL_cleanse(raw->data(), raw->size());
  return AesKey(bytes);
}

std::string msg_signature(std::string_view token, std::string_view timestamp, std::string_view nonce,
                          std::string_view encrypt) {
  std::array<std::string_view, 4> parts{token, timestamp, nonce, encrypt};
  std::sort(parts.begin(), parts.end());  // string_view compares bytewise, as WeCom sorts
  std::string joined;
  for (auto p : parts) joined += p;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(joined.data(), joined.size(), digest, &len, EVP_sha1(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

bool signatures_equal(std::string_view ours, std::string_view theirs) {
  // The length of a SHA-1 hex digest is public; only the bytes need a constant-time compare.
  return ours.size() == theirs.size() && CRYPTO_memcmp(ours.data(), theirs.data(), ours.size()) == 0;
}

std::expected<std::string, Error> encrypt_message(const AesKey& key, std::string_view message,
                                                  std::string_view receiveid, const Random16& random) {
  std::string plain(reinterpret_cast<const char*>(random.data()), random.size());
  auto len = static_cast<std::uint32_t>(message.size());
  plain += static_cast<char>(len >> 24);
  plain += static_cast<char>(len >> 16);
  plain += static_cast<char>(len >> 8);
  plain += static_cast<char>(len);
  plain += message;
  plain += receiveid;
  std::size_t pad = kBlock - plain.size() % kBlock;  // 1..32, always added
  plain.append(pad, static_cast<char>(pad));
  auto cipher = aes_cbc(key, plain, true);
  if (!cipher) return std::unexpected(cipher.error());
  return base64_encode(*cipher);
}

std::expected<std::string, Error> decrypt_message(const AesKey& key, std::string_view msg_encrypt,
                                                  std::string_view expected_receiveid) {
  auto cipher = base64_decode(msg_encrypt);
  if (!cipher) return std::unexpected(cipher.error());
  if (cipher->empty() || cipher->size() % kBlock != 0) return std::unexpected(Error::bad_ciphertext_length);
  auto plain = aes_cbc(key, *cipher, false);
  if (!plain) return std::unexpected(plain.error());
  std::size_t pad = static_cast<unsigned char>(plain->back());
  if (pad < 1 || pad > kBlock) return std::unexpected(Error::bad_padding);
  for (std::size_t i = plain->size() - pad; i < plain->size(); ++i)
    if (static_cast<unsigned char>((*plain)[i]) != pad) return std::unexpected(Error::bad_padding);
  std::string_view body(plain->data(), plain->size() - pad);
  if (body.size() < kRandom + kLengthField) return std::unexpected(Error::bad_length_field);
  std::uint64_t len = read_be32(body.substr(kRandom, kLengthField));
  std::size_t start = kRandom + kLengthField;
  if (len > body.size() - start) return std::unexpected(Error::bad_length_field);
  if (body.substr(start + len) != expected_receiveid) return std::unexpected(Error::wrong_receiveid);
  return std::string(body.substr(start, len));
}

std::expected<Random16, Error> fresh_random16() {
  Random16 r{};
  if (RAND_bytes(r.data(), static_cast<int>(r.size())) != 1) return std::unexpected(Error::crypto_failure);
  return r;
}

}  // namespace gridbot::wecom
