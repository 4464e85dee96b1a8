// Decrypted WeCom callbacks as platform-neutral values (PROTOCOLS.md §1.2, §1.5): what the
// connection part needs to build an Inbound, to deduplicate, and to answer on the right channel.
// Same shapes for the HTTP callback and the long connection, which carry the same JSON.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/platforms/wecom/error.hpp"
#include "handlers/time.hpp"

namespace gridbot::wecom {

enum class ChatKind { group, direct };

// WeCom quotes content, not an id: what the quoted message said (text, or a media url).
struct QuotedMessage {
  std::string msgtype;  // text, image, mixed, voice, file, video
  std::string text;     // text and voice content, mixed's text items joined by '\n'
  std::string url;      // image, file, video
};

// How to answer this message later. An AI-bot HTTP callback gives a one-use response_url (valid
// 1 h); the long connection answers on the inbound frame's req_id (filled in by the frame parser).
// A self-built app's message has neither: it is answered with message/send.
struct ReplyHandle {
  std::string response_url;
  std::string req_id;
};

struct IncomingMessage {
  std::string account;     // who received it: the corpid (self-built app) or the aibotid (AI bot)
  std::string agent_id;    // self-built app only
  std::string message_id;  // MsgId / msgid: the inbox deduplicates on it
  std::string sender;      // the member's userid (an AI bot may give an encrypted open_userid)
  std::string chat_id;     // the chatid as WeCom gives it: always in a group, absent (empty) in a single chat
  ChatKind chat_kind = ChatKind::direct;  // what decides group or direct, not whether chat_id is empty
  std::string msgtype;     // text, mixed, voice, image, file, video
  std::string text;        // the bot's own @-mention removed; empty for media
  bool bot_mentioned = false;
  std::vector<std::string> mentions;  // other @names, as WeCom gives them
  std::optional<QuotedMessage> quote;
  std::string media_url;   // image, file, video: valid 5 min, encrypted with its own aeskey
  ReplyHandle reply;
  std::optional<Time> created_at;  // CreateTime of a self-built app's message
};

// enter_chat, template_card_event, feedback_event, disconnected_event (AI bot); subscribe,
// enter_agent, … (self-built app).
struct IncomingEvent {
  std::string account;
  std::string event_id;    // msgid (AI bot), or FromUserName + CreateTime (app events have no id)
  std::string event_type;
  std::string sender;      // empty for disconnected_event
  std::string chat_id;
  ChatKind chat_kind = ChatKind::direct;
  std::optional<Time> created_at;
  std::string event_key;   // template_card_event: the button's key
  std::string task_id;     // template_card_event: the card's task id
  ReplyHandle reply;
};

// HTTP-callback mode only: WeCom asks for a stream's current state until it is finished.
struct StreamRefresh {
  std::string account;
  std::string message_id;
  std::string stream_id;
  std::string sender;
  std::string chat_id;
  ReplyHandle reply;
};

using AibotCallback = std::variant<IncomingMessage, IncomingEvent, StreamRefresh>;
using AppCallback = std::variant<IncomingMessage, IncomingEvent>;

// A self-built app's decrypted XML (path/96467).
std::expected<AppCallback, Error> parse_app_callback(std::string_view xml);

// An AI bot's decrypted JSON, or the body of an aibot_msg_callback / aibot_event_callback frame.
// `bot_name` is the bot's display name, whose @-mention is removed from the text (see mentions.hpp
// for what happens when it is empty).
std::expected<AibotCallback, Error> parse_aibot_callback(std::string_view json, std::string_view bot_name);
// The same, for a body the frame parser has already parsed.
std::expected<AibotCallback, Error> parse_aibot_callback(const nlohmann::json& body, std::string_view bot_name);

}  // namespace gridbot::wecom
