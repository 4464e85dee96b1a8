// im.message.receive_v1 (PROTOCOLS.md §2.1) as a platform-neutral value: the content is a JSON
// string inside the event's JSON; mentions are @_user_N placeholders in the text, resolved through
// mentions[]. Only the bot's own mention is removed (§0 item 8): the others become "@name" in the
// text, where they mean something to the reader, and are listed by id.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/platforms/feishu/error.hpp"
#include "bot/platforms/feishu/webhook.hpp"
#include "handlers/events.hpp"

namespace gridbot::feishu {

enum class ChatKind { direct, group };  // chat_type p2p and group

// How the bot recognises its own mention: by its open_id (from bot/v3/info) when known, else by its
// display name; with neither, a mention whose mentioned_type is "bot" is taken to be this bot's.
struct BotIdentity {
  std::string open_id;
  std::string name;
};

struct ReceivedMessage {
  std::string event_id;     // header.event_id: Feishu pushes one event again and again…
  std::string message_id;   // …and sometimes one message as two events: dedupe on both
  std::string root_id;      // the thread's first message, when this one answers inside a thread
  std::string parent_id;    // the message this one replies to (引用回复)
  std::string chat_id;      // oc_…; a p2p chat has one too
  ChatKind chat_kind = ChatKind::direct;
  std::string message_type; // text, post, image, …
  std::string sender;       // user_id when the app may see it (stable in the tenant), else open_id
  std::string sender_open_id;
  std::string sender_type;  // user, app
  std::string text;         // text, or post's title and paragraphs as lines; "" for media
  bool bot_mentioned = false;
  std::vector<std::string> mentions;  // the others' ids (user_id, else open_id), in order of mentions[]
  std::string create_time;  // ms since the epoch, as Feishu writes it
};

// The envelope of an im.message.receive_v1 (open_webhook or parse_event_payload). A content that
// is not JSON, or a message without message_id, chat_id or chat_type, is refused.
std::expected<ReceivedMessage, Error> parse_message_receive(const EventEnvelope& envelope, const BotIdentity& bot);

// The Inbound the pipeline takes; the text still to be capped by the adapter. The quote is
// parent_id (else root_id); the reply handle is the message_id, which
// POST /open-apis/im/v1/messages/{message_id}/reply answers.
Inbound to_inbound(const ReceivedMessage& message, std::string account, Time received_at);

}  // namespace gridbot::feishu
