// The official vectors of PROTOCOLS.md §1.3, reproduced byte for byte, and every way a forged,
// stale or damaged callback must be refused.
#include <memory>

#include <doctest/doctest.h>
#include <openssl/evp.h>

#include "tests/platforms/wecom/vectors.hpp"

namespace gridbot::wecom {
namespace {

using namespace vectors;

std::string app_xml_body(std::string_view to, std::string_view encrypt) {
  return "<xml><ToUserName><![CDATA[" + std::string(to) + "]]></ToUserName><Encrypt><![CDATA[" +
         std::string(encrypt) + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
}

// AES-256-CBC without any padding, so a test can put whatever it likes in the last block.
std::string encrypt_raw(std::string_view encoding_aes_key, std::string_view plain) {
  auto key = parse_encoding_aes_key(encoding_aes_key).value();
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.bytes().data(), key.bytes().data());
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  std::string out(plain.size(), '\0');
  int n = 0, tail = 0;
  EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n,
                    reinterpret_cast<const unsigned char*>(plain.data()), static_cast<int>(plain.size()));
  EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &tail);
  return base64_encode(out);
}

// random ‖ len ‖ msg ‖ receiveid, then the caller's own tail bytes to fill 64 bytes.
std::string layout(std::uint32_t len_field, std::string_view msg_and_id, std::string_view tail) {
  std::string p = "0123456789abcdef";
  p += static_cast<char>(len_field >> 24);
  p += static_cast<char>(len_field >> 16);
  p += static_cast<char>(len_field >> 8);
  p += static_cast<char>(len_field);
  p += msg_and_id;
  p += tail;
  REQUIRE(p.size() % 32 == 0);
  return p;
}

CallbackQuery signed_query(std::string_view token, std::string_view encrypt) {
  return {msg_signature(token, gen_ts, gen_nonce, encrypt), std::string(gen_ts), std::string(gen_nonce), ""};
}

TEST_CASE("A1 and B1: URL verification answers the official echostr plaintext") {
  CallbackQuery a1{"012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", "1476416373", "47744683",
                   "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=="};
  CHECK(verify_url(keys_a(), a1, at(a1.timestamp)).value() == "1288432023552776189");
  CallbackQuery b1{"5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780",
                   "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="};
  CHECK(verify_url(keys_b(), b1, at(b1.timestamp)).value() == "1616140317555161061");
}

TEST_CASE("A2 and B2: a self-built app's POST decrypts to the official XML, in XML or JSON envelope") {
  CallbackQuery a2{"0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422779", "1597212914", ""};
  CHECK(open_app_callback(keys_a(), a2, app_xml_body(a_corpid, a2_encrypt), at(a2.timestamp)).value() == a2_plain);
  std::string json_body = R"({"tousername":"ww1436e0e65a779aee","encrypt":")" + std::string(a2_encrypt) +
                          R"(","agentid":"1000002"})";
  CHECK(open_app_callback(keys_a(), a2, json_body, at(a2.timestamp)).value() == a2_plain);

  CallbackQuery b2{"477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", ""};
  CHECK(open_app_callback(keys_b(), b2, app_xml_body(b_corpid, b2_encrypt), at(b2.timestamp)).value() == b2_plain);
}

TEST_CASE("generated vectors: 'hello', '' and the echostr encrypt and sign byte for byte") {
  auto key = parse_encoding_aes_key(a_key).value();
  auto random = ascii_random("0123456789abcdef");
  CHECK(encrypt_message(key, "hello", a_corpid, random).value() == hello_encrypt);  // pad byte 21
  CHECK(msg_signature(a_token, gen_ts, gen_nonce, hello_encrypt) == "9d48529da5bb29170e7140180ac4153690e57934");
  CHECK(encrypt_message(key, "", a_corpid, random).value() == empty_encrypt);  // pad 26, length 0
  CHECK(msg_signature(a_token, gen_ts, gen_nonce, empty_encrypt) == "5ec2df3ba37dfcdc6243f6211706ab4e0157c5f3");
  CHECK(decrypt_message(key, hello_encrypt, a_corpid).value() == "hello");
  CHECK(decrypt_message(key, empty_encrypt, a_corpid).value() == "");

  CHECK(encrypt_message(key, "4589215744536171278", a_corpid, ascii_random("fedcba9876543210")).value() ==
        echostr_encrypt);
  CallbackQuery get{"f190b4b027ba1ccd8fe17923bcf11f995d4fa5b8", std::string(gen_ts), std::string(gen_nonce),
                    std::string(echostr_encrypt)};
  CHECK(verify_url(keys_a(), get, at(gen_ts)).value() == "4589215744536171278");
}

TEST_CASE("the generated 304-byte XML vector: the published prefix is reproduced") {
  // §1.3 gives only the first 28 base64 characters (21 bytes). In CBC they depend on the random
  // (block 1) and on the length field and the first 12 message bytes (block 2), so any 304-byte
  // message opening with "<xml><ToUser" must reproduce them; the rest cannot be checked.
  std::string msg = "<xml><ToUserName>";
  msg.resize(304, 'x');
  auto key = parse_encoding_aes_key(a_key).value();
  auto encrypt = encrypt_message(key, msg, a_corpid, ascii_random("0123456789abcdef")).value();
  CHECK(encrypt.starts_with("scEag1243Fmy/fYz4Ux8D/r9mPne"));
  msg.resize(303);  // one byte less changes the length field, and so block 2
  CHECK_FALSE(encrypt_message(key, msg, a_corpid, ascii_random("0123456789abcdef")).value().starts_with(
      "scEag1243Fmy/fYz4Ux8D/r9mPne"));
}

TEST_CASE("a passive reply is sealed as the official library seals it") {
  auto sealed = seal_reply(keys_a(), "hello", std::string(gen_ts), std::string(gen_nonce),
                           ascii_random("0123456789abcdef"))
                    .value();
  CHECK(sealed.encrypt == hello_encrypt);
  CHECK(sealed.msg_signature == "9d48529da5bb29170e7140180ac4153690e57934");
  CHECK(reply_xml(sealed) == "<xml>\n<Encrypt><![CDATA[" + std::string(hello_encrypt) +
                                 "]]></Encrypt>\n<MsgSignature><![CDATA[9d48529da5bb29170e7140180ac4153690e57934]]>"
                                 "</MsgSignature>\n<TimeStamp>1700000000</TimeStamp>\n<Nonce><![CDATA[1234567890]]>"
                                 "</Nonce>\n</xml>");
  CHECK(reply_json(sealed) == R"({"encrypt":")" + std::string(hello_encrypt) +
                                  R"(","msgsignature":"9d48529da5bb29170e7140180ac4153690e57934",)"
                                  R"("nonce":"1234567890","timestamp":"1700000000"})");
  // The reply, posted back as a callback, opens again: the two halves agree.
  CHECK(open_app_callback(keys_a(), signed_query(a_token, sealed.encrypt), reply_xml(sealed), at(gen_ts)).value() ==
        "hello");
}

TEST_CASE("an AI bot's POST: receiveid \"\", {\"encrypt\"} and {\"Encrypt\"} both read") {
  auto bot = keys_a("");
  auto sealed = seal_reply(bot, R"({"msgid":"M1"})", std::string(gen_ts), std::string(gen_nonce),
                           ascii_random("0123456789abcdef"))
                    .value();
  auto query = signed_query(a_token, sealed.encrypt);
  CHECK(open_aibot_callback(bot, query, R"({"encrypt":")" + sealed.encrypt + "\"}", at(gen_ts)).value() ==
        R"({"msgid":"M1"})");
  CHECK(open_aibot_callback(bot, query, R"({"Encrypt":")" + sealed.encrypt + "\"}", at(gen_ts)).value() ==
        R"({"msgid":"M1"})");
  CHECK(open_aibot_callback(bot, query, R"({"encrypted":"x"})", at(gen_ts)).error() == Error::missing_field);
  CHECK(open_aibot_callback(bot, query, R"({"encrypt":7})", at(gen_ts)).error() == Error::missing_field);
  CHECK(open_aibot_callback(bot, query, R"(["encrypt"])", at(gen_ts)).error() == Error::malformed_json);
  CHECK(open_aibot_callback(bot, query, "not json", at(gen_ts)).error() == Error::malformed_json);
  // A self-built app's message (receiveid = corpid) is not the bot's.
  CHECK(open_aibot_callback(bot, signed_query(a_token, hello_encrypt), R"({"encrypt":")" + std::string(hello_encrypt) + "\"}",
                            at(gen_ts))
            .error() == Error::wrong_receiveid);
}

TEST_CASE("a bad signature is refused before anything is decrypted") {
  CallbackQuery a1{"012bc692d0a58dd4b10f8dfe5c4ac00ae211ebec", "1476416373", "47744683",
                   "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=="};
  CHECK(verify_url(keys_a(), a1, at(a1.timestamp)).error() == Error::bad_signature);
  a1.msg_signature = "012BC692D0A58DD4B10F8DFE5C4AC00AE211EBEB";  // WeCom signs in lowercase hex
  CHECK(verify_url(keys_a(), a1, at(a1.timestamp)).error() == Error::bad_signature);
  a1.msg_signature = "";
  CHECK(verify_url(keys_a(), a1, at(a1.timestamp)).error() == Error::bad_signature);
  a1.msg_signature = "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb";
  a1.nonce = "47744684";  // a signed parameter changed in transit
  CHECK(verify_url(keys_a(), a1, at(a1.timestamp)).error() == Error::bad_signature);
  // The wrong token (another account's) cannot verify either.
  CHECK(verify_url(make_callback_keys("other", a_key, std::string(a_corpid)).value(), a1, at(a1.timestamp)).error() ==
        Error::bad_signature);
  CHECK(signatures_equal("abc", "abc"));
  CHECK_FALSE(signatures_equal("abc", "abd"));
  CHECK_FALSE(signatures_equal("abc", "abcd"));
}

TEST_CASE("the timestamp must be within 300 seconds either way") {
  CallbackQuery a2{"0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422779", "1597212914", ""};
  auto body = app_xml_body(a_corpid, a2_encrypt);
  auto ts = at(a2.timestamp);
  CHECK(open_app_callback(keys_a(), a2, body, ts + Seconds(300)).has_value());
  CHECK(open_app_callback(keys_a(), a2, body, ts - Seconds(300)).has_value());
  CHECK(open_app_callback(keys_a(), a2, body, ts + Seconds(301)).error() == Error::stale_timestamp);
  CHECK(open_app_callback(keys_a(), a2, body, ts - Seconds(301)).error() == Error::stale_timestamp);
  for (const char* bad : {"", "abc", "1476422779x", " 1476422779", "99999999999999999999999"}) {
    auto q = a2;
    q.timestamp = bad;
    CHECK(open_app_callback(keys_a(), q, body, ts).error() == Error::malformed_timestamp);
  }
}

TEST_CASE("a message for another corp or for the AI bot is refused: wrong receiveid") {
  CallbackQuery a2{"0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422779", "1597212914", ""};
  auto body = app_xml_body(a_corpid, a2_encrypt);
  CHECK(open_app_callback(keys_a("ww0000000000000000"), a2, body, at(a2.timestamp)).error() == Error::wrong_receiveid);
  CHECK(open_app_callback(keys_a(""), a2, body, at(a2.timestamp)).error() == Error::wrong_receiveid);
  CHECK(open_app_callback(keys_a("ww1436e0e65a779ae"), a2, body, at(a2.timestamp)).error() == Error::wrong_receiveid);
}

TEST_CASE("bad 32-byte padding is refused, as the aibot SDK refuses it") {
  auto key = parse_encoding_aes_key(a_key).value();
  std::string msg = "hello" + std::string(a_corpid);  // 23 bytes: 16 + 4 + 23 = 43, 21 left to 64
  CHECK(decrypt_message(key, encrypt_raw(a_key, layout(5, msg, std::string(21, '\x15'))), a_corpid).value() == "hello");
  CHECK(decrypt_message(key, encrypt_raw(a_key, layout(5, msg, std::string(21, '\0'))), a_corpid).error() ==
        Error::bad_padding);  // pad byte 0
  CHECK(decrypt_message(key, encrypt_raw(a_key, layout(5, msg, std::string(20, 'x') + "\x21")), a_corpid).error() ==
        Error::bad_padding);  // 33: more than a block
  CHECK(decrypt_message(key, encrypt_raw(a_key, layout(5, msg, std::string(18, 'x') + "\x03\x04\x03")), a_corpid)
            .error() == Error::bad_padding);  // pad bytes that disagree
  // Through the callback too, signed, so it is the padding and not the signature that fails.
  auto damaged = encrypt_raw(a_key, layout(5, msg, std::string(21, '\0')));
  CHECK(open_app_callback(keys_a(), signed_query(a_token, damaged), app_xml_body(a_corpid, damaged), at(gen_ts))
            .error() == Error::bad_padding);
  // A key that is not the sender's decrypts to noise, whose padding is not intact.
  auto other = parse_encoding_aes_key(b_key).value();
  CHECK(decrypt_message(other, hello_encrypt, a_corpid).error() == Error::bad_padding);
}

TEST_CASE("a length field past the end is refused") {
  auto key = parse_encoding_aes_key(a_key).value();
  std::string msg = "hello" + std::string(a_corpid);
  CHECK(decrypt_message(key, encrypt_raw(a_key, layout(1000, msg, std::string(21, '\x15'))), a_corpid).error() ==
        Error::bad_length_field);
  CHECK(decrypt_message(key, encrypt_raw(a_key, layout(0xffffffff, msg, std::string(21, '\x15'))), a_corpid).error() ==
        Error::bad_length_field);
  // All padding: nothing left for random and the length field.
  CHECK(decrypt_message(key, encrypt_raw(a_key, std::string(32, '\x20')), a_corpid).error() ==
        Error::bad_length_field);
}

TEST_CASE("truncated or garbled base64 is refused") {
  auto key = parse_encoding_aes_key(a_key).value();
  std::string_view a2 = a2_encrypt;
  CHECK(decrypt_message(key, a2.substr(0, a2.size() - 1), a_corpid).error() == Error::bad_base64);
  CHECK(decrypt_message(key, a2.substr(0, a2.size() - 4), a_corpid).error() == Error::bad_ciphertext_length);
  CHECK(decrypt_message(key, "", a_corpid).error() == Error::bad_ciphertext_length);
  CHECK(decrypt_message(key, "Kl7k jo==", a_corpid).error() == Error::bad_base64);
  CHECK(decrypt_message(key, "Kl7k=joS", a_corpid).error() == Error::bad_base64);
  CHECK(decrypt_message(key, "Kl7k-joS", a_corpid).error() == Error::bad_base64);  // base64url is not WeCom's
  // Through the callback, signed, so it is the base64 and not the signature that fails.
  auto cut = std::string(a2.substr(0, a2.size() - 1));
  CHECK(open_app_callback(keys_a(), signed_query(a_token, cut), app_xml_body(a_corpid, cut), at(gen_ts)).error() ==
        Error::bad_base64);
  CHECK(base64_decode("aGVsbG8=").value() == "hello");
  CHECK(base64_decode("aGk=").value() == "hi");
  CHECK(base64_encode("hi") == "aGk=");
}

TEST_CASE("an EncodingAESKey must be 43 base64 characters") {
  CHECK(parse_encoding_aes_key(a_key).has_value());
  CHECK(parse_encoding_aes_key(a_key.substr(0, 42)).error() == Error::bad_aes_key);
  CHECK(parse_encoding_aes_key(std::string(a_key) + "=").error() == Error::bad_aes_key);
  CHECK(parse_encoding_aes_key("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhU!").error() == Error::bad_aes_key);
  CHECK(make_callback_keys("t", "short", "").error() == Error::bad_aes_key);
}

TEST_CASE("the envelope: XML without Encrypt, broken XML, and a DOCTYPE are refused") {
  CallbackQuery q = signed_query(a_token, hello_encrypt);
  CHECK(open_app_callback(keys_a(), q, "<xml><ToUserName>x</ToUserName></xml>", at(gen_ts)).error() ==
        Error::missing_field);
  CHECK(open_app_callback(keys_a(), q, "<xml><Encrypt>", at(gen_ts)).error() == Error::malformed_xml);
  CHECK(open_app_callback(keys_a(), q, "<notxml><Encrypt>a</Encrypt></notxml>", at(gen_ts)).error() ==
        Error::malformed_xml);
  // An entity declared in a DOCTYPE is never expanded: the whole document is refused.
  std::string evil = "<!DOCTYPE xml [<!ENTITY e \"" + std::string(hello_encrypt) + "\">]><xml><Encrypt>&e;</Encrypt></xml>";
  CHECK(open_app_callback(keys_a(), q, evil, at(gen_ts)).error() == Error::malformed_xml);
}

TEST_CASE("every error has a sentence and WeCom's own code where it has one") {
  for (auto e : {Error::bad_aes_key, Error::malformed_timestamp, Error::stale_timestamp, Error::bad_signature,
                 Error::bad_base64, Error::bad_ciphertext_length, Error::bad_padding, Error::bad_length_field,
                 Error::wrong_receiveid, Error::malformed_xml, Error::malformed_json, Error::missing_field,
                 Error::invalid_utf8, Error::mention_in_markdown, Error::crypto_failure})
    CHECK(describe(e).size() > 20);
  CHECK(official_code(Error::bad_signature) == -40001);
  CHECK(official_code(Error::wrong_receiveid) == -40005);
  CHECK(official_code(Error::stale_timestamp) == 0);
}

}  // namespace
}  // namespace gridbot::wecom
