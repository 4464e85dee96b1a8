// The WeCom fuzz targets: everything between a callback's bytes and an IncomingMessage
// (verify, decrypt, parse) and the long connection's frame parser. A forger controls the body and
// the query, but cannot sign, so random bytes would stop at the signature check: each input is
// also signed here with the target's own keys, to reach the ciphertext checks (base64, blocks,
// padding, length field, receiveid) and the parsers behind them. The sealed round trip doubles as
// an oracle: what seal_reply encrypts, open_* must give back byte for byte.
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "bot/platforms/wecom/callback.hpp"
#include "bot/platforms/wecom/flat_xml.hpp"
#include "bot/platforms/wecom/incoming.hpp"
#include "bot/platforms/wecom/long_connection_frames.hpp"
#include "fuzz/targets.hpp"

namespace gridbot::fuzz {

namespace {

std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// PROTOCOLS.md §1.3 vector A's keys; the AI bot's receiveid is "", the app's the corpid.
constexpr std::string_view kToken = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
constexpr std::string_view kAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
constexpr std::string_view kCorpId = "ww1436e0e65a779aee";
constexpr std::string_view kBotName = "网格助手";
const Time kNow{Seconds(1700000000)};

const wecom::CallbackKeys& keys(std::string_view receiveid) {
  static const auto aibot = wecom::make_callback_keys(std::string(kToken), kAesKey, "").value();
  static const auto app = wecom::make_callback_keys(std::string(kToken), kAesKey, std::string(kCorpId)).value();
  return receiveid.empty() ? aibot : app;
}

// A query that signs `encrypt` correctly, as a genuine WeCom request would.
wecom::CallbackQuery signed_query(std::string_view encrypt) {
  return {wecom::msg_signature(kToken, "1700000000", "fuzz", encrypt), "1700000000", "fuzz", ""};
}

// `plaintext` sealed as WeCom would: must open to exactly itself, and not at all with a wrong signature.
wecom::SealedReply seal(std::string_view plaintext, std::string_view receiveid) {
  const wecom::Random16 random{'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  auto sealed = wecom::seal_reply(keys(receiveid), plaintext, "1700000000", "fuzz", random);
  if (!sealed) std::abort();  // sealing any bytes must work
  return *sealed;
}

void check_round_trip(const std::expected<std::string, wecom::Error>& opened, std::string_view plaintext) {
  if (!opened || *opened != plaintext) std::abort();
}

}  // namespace

int wecom_aibot_callback(const std::uint8_t* data, std::size_t size) {
  const auto input = text(data, size);
  const auto& k = keys("");
  // 1. The input as the POST body, signed over its encrypt field when it has one.
  auto body = nlohmann::json::parse(input, nullptr, false);
  std::string encrypt;
  if (body.is_object())
    for (const char* name : {"encrypt", "Encrypt"})
      if (auto it = body.find(name); it != body.end() && it->is_string()) encrypt = *it;
  if (auto opened = wecom::open_aibot_callback(k, signed_query(encrypt), input, kNow))
    (void)wecom::parse_aibot_callback(std::string_view(*opened), kBotName);
  // 2. The input as the decrypted JSON: sealed, opened, parsed.
  const auto sealed = seal(input, "");
  const std::string sealed_body = nlohmann::json{{"encrypt", sealed.encrypt}}.dump();
  const wecom::CallbackQuery query{sealed.msg_signature, sealed.timestamp, sealed.nonce, ""};
  const auto opened = wecom::open_aibot_callback(k, query, sealed_body, kNow);
  check_round_trip(opened, input);
  (void)wecom::parse_aibot_callback(std::string_view(*opened), kBotName);
  (void)wecom::parse_aibot_callback(std::string_view(*opened), "");
  auto forged = query;
  forged.msg_signature[0] = forged.msg_signature[0] == '0' ? '1' : '0';
  if (wecom::open_aibot_callback(k, forged, sealed_body, kNow)) std::abort();
  return 0;
}

int wecom_app_callback(const std::uint8_t* data, std::size_t size) {
  const auto input = text(data, size);
  const auto& k = keys(kCorpId);
  // 1. The input as the POST body (XML, or JSON in some products), signed over its Encrypt.
  std::string encrypt;
  if (auto xml = wecom::parse_flat_xml(input)) {
    if (auto it = xml->find("Encrypt"); it != xml->end()) encrypt = it->second;
  } else if (auto json = nlohmann::json::parse(input, nullptr, false); json.is_object()) {
    if (auto it = json.find("encrypt"); it != json.end() && it->is_string()) encrypt = *it;
  }
  if (auto opened = wecom::open_app_callback(k, signed_query(encrypt), input, kNow))
    (void)wecom::parse_app_callback(*opened);
  // 2. The input as the decrypted XML.
  const auto sealed = seal(input, kCorpId);
  const std::string body = "<xml><ToUserName><![CDATA[" + std::string(kCorpId) + "]]></ToUserName><Encrypt><![CDATA[" +
                           sealed.encrypt + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
  const wecom::CallbackQuery query{sealed.msg_signature, sealed.timestamp, sealed.nonce, ""};
  const auto opened = wecom::open_app_callback(k, query, body, kNow);
  check_round_trip(opened, input);
  (void)wecom::parse_app_callback(*opened);
  // 3. The input as URL verification's echostr (undecoded ciphertext), then as its plaintext.
  wecom::CallbackQuery verify = signed_query(input);
  verify.echostr = std::string(input);
  (void)wecom::verify_url(k, verify, kNow);
  verify = {sealed.msg_signature, sealed.timestamp, sealed.nonce, sealed.encrypt};
  check_round_trip(wecom::verify_url(k, verify, kNow), input);
  return 0;
}

int wecom_decrypt(const std::uint8_t* data, std::size_t size) {
  // A ciphertext that decrypts to exactly the input (cut to whole AES blocks): arbitrary bytes
  // where random(16) ‖ len ‖ msg ‖ receiveid ‖ pad should be, which no signed body ever reaches
  // by chance, to exercise the padding, length-field and receiveid checks.
  const std::size_t whole = size - size % 16;
  if (whole == 0) return 0;
  static const auto key = wecom::parse_encoding_aes_key(kAesKey).value();
  std::string cipher(whole, '\0');
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int n = 0;
  const bool ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key.bytes().data(), key.bytes().data()) == 1 &&
                  EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
                  EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(cipher.data()), &n, data, static_cast<int>(whole)) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok || n != static_cast<int>(whole)) std::abort();
  const std::string encrypt = wecom::base64_encode(cipher);
  for (std::string_view receiveid : {std::string_view(), kCorpId}) {
    auto opened = wecom::decrypt_message(key, encrypt, receiveid);
    // What comes out lies inside what went in, after the random bytes and the length field.
    if (opened && opened->size() + 20 + receiveid.size() > whole) std::abort();
  }
  return 0;
}

int wecom_frame(const std::uint8_t* data, std::size_t size) {
  (void)wecom::parse_frame(text(data, size), kBotName);
  (void)wecom::parse_frame(text(data, size), "");
  return 0;
}

}  // namespace gridbot::fuzz
