// What WeCom POSTs to gridbot, built for tests and benches (PROTOCOLS.md §1.2, §1.5): the plaintext
// of a text message (AI-bot JSON, self-built app XML), and that plaintext encrypted and signed as a
// callback: the request target with msg_signature/timestamp/nonce, and the body. Sealed with the
// repo's own codec (seal_reply), which the official-peer test holds to @wecom/crypto.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/platforms/wecom/callback.hpp"

namespace gridbot::testing::fake_wecom {

// The console's Token and EncodingAESKey of one callback URL, and the receiveid WeCom seals with:
// "" for an AI bot, the corpid for a self-built app.
struct CallbackSigner {
  std::string token;
  std::string encoding_aes_key;
  std::string receiveid;
};

struct SignedCallback {
  std::string target;          // path?msg_signature=…&timestamp=…&nonce=…[&echostr=…], percent-encoded
  std::string body;            // empty for URL verification
  wecom::CallbackQuery query;  // the same values, decoded
};

// POST /wecom/{account}/aibot: body {"encrypt": …}.
SignedCallback aibot_callback(const CallbackSigner& signer, std::string_view path, std::string_view plaintext_json,
                              std::int64_t timestamp, std::string_view nonce);
// POST /wecom/{account}/app: body <xml><ToUserName/><Encrypt/><AgentID/></xml>, ToUserName the receiveid.
SignedCallback app_callback(const CallbackSigner& signer, std::string_view path, std::string_view plaintext_xml,
                            std::int64_t agent_id, std::int64_t timestamp, std::string_view nonce);
// GET path?msg_signature&timestamp&nonce&echostr: the answer must be `echo` itself.
SignedCallback url_verification(const CallbackSigner& signer, std::string_view path, std::string_view echo,
                                std::int64_t timestamp, std::string_view nonce);

// An AI bot's text message (§1.5). A group chat when chatid is set (chattype "group"), else a
// single chat. content is "@bot_name text" when mention_bot, as WeCom writes it.
struct AibotText {
  std::string msgid = "fake-msg-1";
  std::string aibotid = "fakebot";
  std::string chatid;             // empty: single chat
  std::string from = "zhangsan";
  std::string bot_name = "网格助手";
  bool mention_bot = true;
  std::string text;
  std::optional<std::string> quote_text;  // quote {msgtype:text, text:{content}}
  std::string response_url;       // empty: none (as on the long connection)
};

nlohmann::json aibot_text_message(const AibotText& message);  // the JSON value (a frame's body)
std::string aibot_text_json(const AibotText& message);        // the same, raw UTF-8 text

// An AI bot's event (§1.5): enter_chat, feedback_event, or template_card_event with the clicked
// button's event_key and the card's task_id (nested in event.template_card_event, as the doc has it).
struct AibotEvent {
  std::string msgid = "fake-ev-1";
  std::string aibotid = "fakebot";
  std::string chatid;  // empty: single chat
  std::string from = "zhangsan";
  std::string eventtype = "enter_chat";
  std::int64_t create_time = 1700000000;
  std::string event_key, task_id;  // template_card_event only
};

nlohmann::json aibot_event_message(const AibotEvent& event);

// A self-built app's text message (path/96467).
struct AppText {
  std::string to_user = "wwfakecorp0001";  // the corpid
  std::string from = "zhangsan";
  std::int64_t create_time = 1700000000;
  std::string content;
  std::string msgid = "1000000001";
  std::int64_t agent_id = 1000002;
};

std::string app_text_xml(const AppText& message);

// Query values as WeCom sends them: unreserved characters as they are, the rest %XX.
std::string percent_encode(std::string_view value);

}  // namespace gridbot::testing::fake_wecom
