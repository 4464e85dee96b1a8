// What handlers react to: a message that arrived, or a timer that fell due.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

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
  std::string text;
  std::optional<std::string> quote;  // id of the quoted message, if any
  Time received_at{};
  // understand(text), when the caller computed it before the handler runs: the pipeline does it on
  // the HTTP thread so the writer thread does not pay for it. It describes `text` as it is now, so
  // whoever changes `text` resets it. Absent, the handler computes it itself.
  std::optional<understand::Understanding> understood;
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
