// §2.1 and §2.2's official vectors byte for byte, and every way a damaged ciphertext is refused.
#include <doctest/doctest.h>

#include "tests/platforms/feishu/vectors.hpp"

namespace gridbot::feishu {
namespace {

using namespace vectors;

TEST_CASE("the AES key is SHA-256 of the Encrypt Key") {
  EncryptKey key(test_key);
  CHECK(hex(std::string_view(reinterpret_cast<const char*>(key.aes_key().data()), 32)) == test_key_sha256);
  CHECK(key.text() == "test key");
}

TEST_CASE("the official vector decrypts to 'hello world', its IV the first 16 bytes") {
  EncryptKey key(test_key);
  CHECK(decrypt(key, hello_encrypt).value() == "hello world");
  CHECK(hex(base64_decode(hello_encrypt).value().substr(0, 16)) == hello_iv_hex);
  Iv16 iv{};
  auto raw_iv = unhex(hello_iv_hex);
  std::copy(raw_iv.begin(), raw_iv.end(), iv.begin());
  CHECK(encrypt(key, "hello world", iv).value() == hello_encrypt);  // and back, byte for byte
}

TEST_CASE("encrypt and decrypt agree at every padding length, Chinese included") {
  EncryptKey key("another key");
  for (std::size_t n = 0; n <= 33; ++n) {
    std::string m(n, 'x');
    CHECK(decrypt(key, encrypt(key, m, counting_iv()).value()).value() == m);
  }
  CHECK(decrypt(key, encrypt(key, "幸福里3号楼", counting_iv()).value()).value() == "幸福里3号楼");
}

TEST_CASE("bad base64, a short or ragged ciphertext and a wrong key are refused") {
  EncryptKey key(test_key);
  CHECK(decrypt(key, "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk").error() == Error::bad_base64);
  CHECK(decrypt(key, "P37w VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=").error() == Error::bad_base64);
  CHECK(decrypt(key, base64_encode(std::string(16, 'a'))).error() == Error::bad_ciphertext_length);
  CHECK(decrypt(key, base64_encode(std::string(40, 'a'))).error() == Error::bad_ciphertext_length);
  // A wrong key almost always breaks the padding; this one does (checked), and so would a forger's.
  CHECK(decrypt(EncryptKey("wrong key"), hello_encrypt).error() == Error::bad_padding);
  auto raw = base64_decode(hello_encrypt).value();
  raw.back() ^= 0x01;  // the last block's plaintext changes, its padding with it
  CHECK(decrypt(key, base64_encode(raw)).error() == Error::bad_padding);
}

TEST_CASE("the event signature hashes timestamp, nonce, key and the raw body; compared in constant time") {
  EncryptKey key(test_key);
  auto sig = event_signature(ts, nonce, key, R"({"encrypt":"abc"})");
  CHECK(sig.size() == 64);
  CHECK(sig == event_signature(ts, nonce, key, R"({"encrypt":"abc"})"));
  CHECK(sig != event_signature(ts, nonce, key, R"({"encrypt": "abc"})"));  // one space: another body
  CHECK(sig != event_signature("1700000001", nonce, key, R"({"encrypt":"abc"})"));
  CHECK(signatures_equal(sig, sig));
  CHECK_FALSE(signatures_equal(sig, sig.substr(0, 63)));
  std::string upper = sig;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  CHECK_FALSE(signatures_equal(sig, upper));
}

TEST_CASE("§2.2 vector: the custom bot's sign has the secret in the HMAC key and an empty message") {
  CHECK(custom_bot_sign(bot_secret, bot_timestamp) == bot_sign);
  CHECK(custom_bot_sign(bot_secret, "1700000001") != bot_sign);
}

}  // namespace
}  // namespace gridbot::feishu
