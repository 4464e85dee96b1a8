// A webhook POST from raw bytes to a verified envelope: challenges plain and encrypted, signed
// events, and every forged, unsigned, wrong-token or garbled request refused with a clear error.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/webhook.hpp"
#include "tests/platforms/feishu/vectors.hpp"

namespace gridbot::feishu {
namespace {

using namespace vectors;
using nlohmann::json;

WebhookKeys encrypted_keys() { return {std::string(token), EncryptKey(test_key)}; }
WebhookKeys plain_keys() { return {std::string(token), std::nullopt}; }

std::string sealed_body(std::string_view plaintext) {
  return R"({"encrypt":")" + encrypt(EncryptKey(test_key), plaintext, counting_iv()).value() + "\"}";
}

WebhookHeaders signed_for(std::string_view body) {
  return {std::string(ts), std::string(nonce), event_signature(ts, nonce, EncryptKey(test_key), body)};
}

const std::string kChallenge = R"({"challenge":"ajls384kdjx98XX","token":"v-token-123","type":"url_verification"})";

TEST_CASE("a plaintext url_verification answers its challenge; a wrong token is refused") {
  auto hook = open_webhook(plain_keys(), {}, kChallenge).value();
  CHECK(challenge_answer(std::get<Challenge>(hook)) == R"({"challenge":"ajls384kdjx98XX"})");
  json wrong = json::parse(kChallenge);
  wrong["token"] = "v-token-124";
  CHECK(open_webhook(plain_keys(), {}, wrong.dump()).error() == Error::wrong_token);
  CHECK(open_webhook({"", std::nullopt}, {}, kChallenge).error() == Error::wrong_token);  // nothing configured
}

TEST_CASE("with an Encrypt Key the challenge arrives encrypted and unsigned, and is still token-checked") {
  auto hook = open_webhook(encrypted_keys(), {}, sealed_body(kChallenge)).value();
  CHECK(std::get<Challenge>(hook).challenge == "ajls384kdjx98XX");
  json wrong = json::parse(kChallenge);
  wrong["token"] = "stolen";
  CHECK(open_webhook(encrypted_keys(), {}, sealed_body(wrong.dump())).error() == Error::wrong_token);
  CHECK(open_webhook(encrypted_keys(), {}, kChallenge).error() == Error::not_encrypted);  // the Go SDK refuses it too
}

TEST_CASE("a signed, encrypted receive_v1 opens to its v2.0 envelope") {
  auto body = sealed_body(receive_event());
  auto e = std::get<EventEnvelope>(open_webhook(encrypted_keys(), signed_for(body), body).value());
  CHECK(e.schema == "2.0");
  CHECK(e.event_id == "ev-5e3702a84e847582be8db7fb73283c02");
  CHECK(e.event_type == "im.message.receive_v1");
  CHECK(e.create_time == "1700000000123");
  CHECK(e.app_id == "cli_a1b2c3");
  CHECK(e.tenant_key == "tk-1");
  CHECK(e.event["message"]["message_id"] == "om_msg1");
}

TEST_CASE("the signature covers the raw bytes: the same JSON with a space is another body") {
  auto body = sealed_body(receive_event());
  auto spaced = body;
  spaced.insert(1, " ");
  CHECK(open_webhook(encrypted_keys(), signed_for(body), spaced).error() == Error::bad_signature);
  CHECK(open_webhook(encrypted_keys(), signed_for(spaced), spaced).has_value());
}

TEST_CASE("forged, unsigned and wrong-token events are refused; an unsigned one says nothing about padding") {
  auto body = sealed_body(receive_event());
  auto headers = signed_for(body);
  headers.signature[10] = headers.signature[10] == 'a' ? 'b' : 'a';
  CHECK(open_webhook(encrypted_keys(), headers, body).error() == Error::bad_signature);
  CHECK(open_webhook(encrypted_keys(), {}, body).error() == Error::missing_signature);
  auto garbage = R"({"encrypt":")" + base64_encode(std::string(48, 'g')) + "\"}";
  CHECK(open_webhook(encrypted_keys(), {}, garbage).error() == Error::missing_signature);  // not bad_padding
  CHECK(open_webhook(encrypted_keys(), signed_for(garbage), garbage).error() == Error::bad_padding);
  auto wrong = sealed_body(receive_event("v-token-999"));
  CHECK(open_webhook(encrypted_keys(), signed_for(wrong), wrong).error() == Error::wrong_token);
  CHECK(open_webhook(plain_keys(), {}, body).error() == Error::no_encrypt_key);
}

TEST_CASE("without an Encrypt Key a plaintext event is read and its token checked") {
  auto e = std::get<EventEnvelope>(open_webhook(plain_keys(), {}, receive_event()).value());
  CHECK(e.event_type == "im.message.receive_v1");
  CHECK(open_webhook(plain_keys(), {}, receive_event("v-token-999")).error() == Error::wrong_token);
}

TEST_CASE("the v1 envelope: uuid, token and ts at the top, the type inside the event") {
  std::string v1 = R"({"uuid":"41b5f371157e3d5341b38b20396e77a3","token":"v-token-123","ts":"1550038209.428520",)"
                   R"("type":"event_callback","event":{"type":"message","app_id":"cli_a1","tenant_key":"tk-1",)"
                   R"("text":"hi"}})";
  auto e = std::get<EventEnvelope>(open_webhook(plain_keys(), {}, v1).value());
  CHECK(e.schema.empty());
  CHECK(e.event_id == "41b5f371157e3d5341b38b20396e77a3");
  CHECK(e.event_type == "message");
  CHECK(e.create_time == "1550038209.428520");
  CHECK(e.app_id == "cli_a1");
}

TEST_CASE("malformed JSON, a missing event or id, and a decrypted non-JSON are refused") {
  CHECK(open_webhook(plain_keys(), {}, "{\"schema\":").error() == Error::malformed_json);
  CHECK(open_webhook(plain_keys(), {}, R"({"schema":"2.0","header":{"event_id":"e","event_type":"t",)"
                                       R"("token":"v-token-123"}})").error() == Error::missing_field);
  CHECK(open_webhook(plain_keys(), {}, R"({"schema":"2.0","header":{"event_type":"t","token":"v-token-123"},)"
                                       R"("event":{}})").error() == Error::missing_field);
  auto not_json = sealed_body("hello world");
  CHECK(open_webhook(encrypted_keys(), signed_for(not_json), not_json).error() == Error::malformed_json);
  CHECK(open_webhook(encrypted_keys(), {}, R"({"encrypt":5})").error() == Error::missing_field);
  CHECK(describe(Error::wrong_token).find("Verification Token") != std::string_view::npos);
}

TEST_CASE("a long connection's payload: plaintext, token checked when one is configured") {
  CHECK(parse_event_payload(receive_event(), "").value().event_id == "ev-5e3702a84e847582be8db7fb73283c02");
  CHECK(parse_event_payload(receive_event(), token).has_value());
  CHECK(parse_event_payload(receive_event(), "other").error() == Error::wrong_token);
  CHECK(parse_event_payload("[]", "").error() == Error::malformed_json);
}

}  // namespace
}  // namespace gridbot::feishu
