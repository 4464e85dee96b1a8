// A WeCom HTTP callback from signature to plaintext (PROTOCOLS.md §1.2): URL verification (GET
// echostr), a POST of the self-built app (XML, or JSON in some products) or of the AI bot
// ({"encrypt"} or {"Encrypt"}), and the encrypted passive reply. Pure: the connection part hands in
// the URL-decoded query, the raw body and the time; it answers 4xx for any error here, stores
// nothing and never reaches a handler.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "bot/platforms/wecom/crypto.hpp"
#include "bot/platforms/wecom/error.hpp"
#include "handlers/time.hpp"

namespace gridbot::wecom {

// What one callback endpoint checks against: the Token and EncodingAESKey set in WeCom's console,
// and the receiveid a genuine message carries (the corpid for a self-built app, "" for an AI bot).
struct CallbackKeys {
  std::string token;
  AesKey aes_key;
  std::string receiveid;
};

std::expected<CallbackKeys, Error> make_callback_keys(std::string token, std::string_view encoding_aes_key,
                                                      std::string receiveid);

// The query parameters, percent-decoded only: a '+' must stay a '+' (base64 uses it), so not the
// form decoding that turns it into a space. echostr only for URL verification. The token and
// the key above are secrets: never logged.
struct CallbackQuery {
  std::string msg_signature;
  std::string timestamp;
  std::string nonce;
  std::string echostr;
};

// gridbot's rule, not WeCom's (PROTOCOLS.md "gridbot's own rules"): ±300 s, either direction.
inline constexpr Seconds kTimestampWindow{300};

// The plaintext to answer the GET with, as is: no quotes, no BOM, no newline.
std::expected<std::string, Error> verify_url(const CallbackKeys& keys, const CallbackQuery& query, Time now);

// The decrypted message of a self-built app's POST: XML (<xml><Encrypt>…</Encrypt>…</xml>) or JSON
// ({"encrypt": …}); which one is told by the body's first character.
std::expected<std::string, Error> open_app_callback(const CallbackKeys& keys, const CallbackQuery& query,
                                                    std::string_view body, Time now);

// The decrypted JSON of an AI bot's POST: {"encrypt": …}, or {"Encrypt": …} as some scenes send.
std::expected<std::string, Error> open_aibot_callback(const CallbackKeys& keys, const CallbackQuery& query,
                                                      std::string_view body, Time now);

// A passive reply, encrypted and signed with the caller's timestamp and nonce.
struct SealedReply {
  std::string encrypt;
  std::string msg_signature;
  std::string timestamp;
  std::string nonce;
};

std::expected<SealedReply, Error> seal_reply(const CallbackKeys& keys, std::string_view plaintext,
                                             std::string timestamp, std::string nonce, const Random16& random);

// The self-built app's reply body, WXBizMsgCrypt's template byte for byte.
std::string reply_xml(const SealedReply& reply);
// The JSON variant (AI bot, JSON products): {"encrypt","msgsignature","timestamp","nonce"}, the
// timestamp as a string as the official JSON library writes it.
std::string reply_json(const SealedReply& reply);

}  // namespace gridbot::wecom
