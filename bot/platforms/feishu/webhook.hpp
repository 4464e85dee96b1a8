// A Feishu event-subscription POST from raw bytes to a verified envelope (PROTOCOLS.md §2.1):
// signature, decryption, url_verification (plain or encrypted), the v2.0 envelope and the older
// v1 one. Pure: the connection part hands in the three X-Lark-* headers and the raw body, answers
// 4xx with describe(error) on any error here, and stores nothing.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/crypto.hpp"
#include "bot/platforms/feishu/error.hpp"

namespace gridbot::feishu {

// What one app's endpoint checks against (the developer console's 事件与回调 → 加密策略). Both are
// secrets: never logged. Without an Encrypt Key, bodies are plaintext and only the token vouches.
struct WebhookKeys {
  std::string verification_token;
  std::optional<EncryptKey> encrypt_key;
};

// X-Lark-Request-Timestamp, X-Lark-Request-Nonce, X-Lark-Signature; empty when absent.
struct WebhookHeaders {
  std::string timestamp;
  std::string nonce;
  std::string signature;
};

// url_verification: answer {"challenge": <same>} (challenge_answer) within a second.
struct Challenge {
  std::string challenge;
};

// An event, v2.0 ({"schema":"2.0","header":{…},"event":{…}}) or v1 ({"uuid","token","ts",
// "type":"event_callback","event":{"type",…}}), as one shape.
struct EventEnvelope {
  std::string schema;      // "2.0", or "" for v1
  std::string event_id;    // header.event_id (v1: uuid): one dedupe key; the message's own id is the other
  std::string event_type;  // header.event_type (v1: event.type), e.g. im.message.receive_v1
  std::string create_time; // header.create_time, ms as a string (v1: ts, seconds with a fraction)
  std::string app_id;
  std::string tenant_key;
  nlohmann::json event;
};

using Webhook = std::variant<Challenge, EventEnvelope>;

// With an Encrypt Key: the body must be {"encrypt":…}; a signed one is verified before it is
// decrypted; an unsigned one is accepted only if it decrypts to a url_verification, which Feishu
// does not sign (every other failure on that path answers missing_signature, so the answer tells
// a forger nothing about the padding). Without one: plaintext only. The token is checked on
// challenges and events alike, in constant time. No timestamp window: Feishu redelivers the same
// signed request for hours (§2.1), and the inbox's dedupe makes a replay harmless.
std::expected<Webhook, Error> open_webhook(const WebhookKeys& keys, const WebhookHeaders& headers,
                                           std::string_view raw_body);

// The same for a long connection's event payload: plaintext, unsigned, token-checked.
std::expected<EventEnvelope, Error> parse_event_payload(std::string_view json, std::string_view verification_token);

// {"challenge":"<same>"}
std::string challenge_answer(const Challenge& challenge);

}  // namespace gridbot::feishu
