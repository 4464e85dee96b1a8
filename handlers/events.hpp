// What handlers react to: a message that arrived, or a timer that fell due.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "handlers/message_reading.hpp"
#include "handlers/organization.hpp"
#include "handlers/time.hpp"
#include "handlers/understand/understand.hpp"

namespace gridbot {

// Platform-neutral inbound message, as an adapter parses it.
struct Inbound {
  std::string platform;
  std::string message_id;  // the platform's id, unique within its conversation: the inbox's key
  std::string chat_id;     // empty for a direct message to the bot
  std::string sender;      // the platform user id
  std::string text;        // the bot's own @-mention already removed by the adapter
  std::optional<std::string> quote;  // id of the quoted message, if any (local, DingTalk, Feishu)
  Time received_at{};
  // understand(text), when the caller computed it before the handler runs: the pipeline does it on
  // the HTTP thread so the writer thread does not pay for it. It describes `text` as it is now, so
  // whoever changes `text` resets it. Absent, the handler computes it itself.
  std::optional<understand::Understanding> understood;
  // read_message(text), likewise (handlers/message_reading.hpp): computed beside `understood`,
  // reset with it. Absent, handle() reads it before any handler runs.
  std::optional<MessageReading> read;
  // Which of the platform's bots/accounts received it (its config name); empty: the only one.
  std::string account;
  // WeCom quotes content, not an id: what the quoted message said, when the platform gives only that.
  std::optional<std::string> quoted_text;
  std::vector<std::string> mentions;  // platform user ids (or names where that is all there is) @-mentioned, not the bot
  bool bot_mentioned = false;
  // How to answer this very message where the platform has a handle for it (WeCom's response_url,
  // a long connection's req_id, DingTalk's sessionWebhook); opaque to handlers, copied into the
  // SendMessage::reply_to of a direct answer. Empty: answer proactively.
  std::string reply_handle;
};

// The understanding of a message's text: the precomputed one when present, else computed now.
inline understand::Understanding understanding_of(const Inbound& message) {
  return message.understood ? *message.understood : understand::understand(message.text);
}

// An inbound message with what the organization knows of its group and sender.
struct MessageReceived {
  Inbound message;
  const Group* group = nullptr;  // null for a direct message or an unbound chat
  Person sender;
};

struct TimerDue {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t ticket = 0;
  Time due_at{};
  std::string payload;
};

using Event = std::variant<MessageReceived, TimerDue>;

}  // namespace gridbot
