#include "bot/platforms/feishu/webhook.hpp"

#include <openssl/crypto.h>

#include "bot/platforms/feishu/json_fields.hpp"

namespace gridbot::feishu {

using nlohmann::json;

namespace {

bool same_secret(std::string_view ours, std::string_view theirs) {
  return ours.size() == theirs.size() && CRYPTO_memcmp(ours.data(), theirs.data(), ours.size()) == 0;
}

std::expected<json, Error> parse_object(std::string_view text) {
  auto doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::unexpected(Error::malformed_json);
  return doc;
}

bool is_challenge(const json& doc) { return text_of(doc, "type") == "url_verification"; }

// The envelope of a decrypted or plaintext event; `token` empty means "not checked" (the long
// connection, which the app secret already authenticated).
std::expected<EventEnvelope, Error> envelope(const json& doc, std::string_view token, bool check_token) {
  EventEnvelope e;
  std::string their_token;
  if (auto header = doc.find("header"); header != doc.end() && header->is_object()) {
    e.schema = text_of(doc, "schema");
    e.event_id = text_of(*header, "event_id");
    e.event_type = text_of(*header, "event_type");
    e.create_time = text_of(*header, "create_time");
    e.app_id = text_of(*header, "app_id");
    e.tenant_key = text_of(*header, "tenant_key");
    their_token = text_of(*header, "token");
  } else {  // v1
    e.event_id = text_of(doc, "uuid");
    e.create_time = text_of(doc, "ts");
    their_token = text_of(doc, "token");
  }
  auto event = doc.find("event");
  if (event == doc.end() || !event->is_object()) return std::unexpected(Error::missing_field);
  e.event = *event;
  if (e.schema.empty()) {
    e.event_type = text_of(e.event, "type");
    e.app_id = text_of(e.event, "app_id");
    e.tenant_key = text_of(e.event, "tenant_key");
  }
  if (e.event_id.empty() || e.event_type.empty()) return std::unexpected(Error::missing_field);
  if (check_token && !same_secret(token, their_token)) return std::unexpected(Error::wrong_token);
  return e;
}

// A url_verification's or event's plaintext, checked for the token.
std::expected<Webhook, Error> read_plaintext(const WebhookKeys& keys, const json& doc) {
  if (is_challenge(doc)) {
    // An empty configured token matches nothing: without it a plaintext endpoint has no check at all.
    if (keys.verification_token.empty() || !same_secret(keys.verification_token, text_of(doc, "token")))
      return std::unexpected(Error::wrong_token);
    auto challenge = text_of(doc, "challenge");
    if (challenge.empty()) return std::unexpected(Error::missing_field);
    return Challenge{std::move(challenge)};
  }
  if (keys.verification_token.empty()) return std::unexpected(Error::wrong_token);
  auto e = envelope(doc, keys.verification_token, true);
  if (!e) return std::unexpected(e.error());
  return std::move(*e);
}

}  // namespace

std::expected<Webhook, Error> open_webhook(const WebhookKeys& keys, const WebhookHeaders& headers,
                                           std::string_view raw_body) {
  auto doc = parse_object(raw_body);
  if (!doc) return std::unexpected(doc.error());
  auto encrypted = doc->find("encrypt");
  if (!keys.encrypt_key) {
    if (encrypted != doc->end()) return std::unexpected(Error::no_encrypt_key);
    return read_plaintext(keys, *doc);
  }
  if (encrypted == doc->end()) return std::unexpected(Error::not_encrypted);
  if (!encrypted->is_string()) return std::unexpected(Error::missing_field);
  const auto& ciphertext = encrypted->get_ref<const std::string&>();

  bool is_signed = !headers.timestamp.empty() && !headers.nonce.empty() && !headers.signature.empty();
  if (is_signed) {
    // Over the raw bytes (§5), before any decryption.
    auto ours = event_signature(headers.timestamp, headers.nonce, *keys.encrypt_key, raw_body);
    if (!signatures_equal(ours, headers.signature)) return std::unexpected(Error::bad_signature);
  }
  auto plain = decrypt(*keys.encrypt_key, ciphertext);
  std::expected<json, Error> inner = std::unexpected(plain ? Error::malformed_json : plain.error());
  if (plain) inner = parse_object(*plain);
  if (!is_signed) {
    // Only a challenge may come unsigned; every other outcome answers the same.
    if (!inner || !is_challenge(*inner)) return std::unexpected(Error::missing_signature);
  }
  if (!inner) return std::unexpected(inner.error());
  return read_plaintext(keys, *inner);
}

std::expected<EventEnvelope, Error> parse_event_payload(std::string_view text, std::string_view verification_token) {
  auto doc = parse_object(text);
  if (!doc) return std::unexpected(doc.error());
  return envelope(*doc, verification_token, !verification_token.empty());
}

std::string challenge_answer(const Challenge& challenge) {
  return json{{"challenge", challenge.challenge}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gridbot::feishu
