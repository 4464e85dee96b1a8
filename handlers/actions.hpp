// What a handler decides, as values. storage/ applies a handler's Actions in one transaction
// together with the inbox row or the fired timer that caused them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "handlers/early_warning_alert.hpp"
#include "handlers/notices/notice.hpp"
#include "handlers/ticket.hpp"
#include "handlers/time.hpp"

namespace gridbot {

// Insert or update the whole ticket row.
struct SaveTicket {
  Ticket ticket;
};

// A resident follows a ticket as a "+1" (its subscribers are rows of their own, never part of the
// ticket's row: a ticket many residents "+1" has hundreds). Nothing if already subscribed.
struct AddSubscriber {
  std::int64_t ticket = 0;
  Subscriber subscriber;
};

// One line of a ticket's audit trail.
struct RecordEvent {
  std::int64_t ticket = 0;
  std::string kind;    // "created", "assigned", "claimed", "claim_overdue", ...
  std::string actor;   // person id, or "system"
  std::string detail;  // free text for the timeline
  Time at{};
};

// Lower numbers go first: escalations before replies before notices.
enum class Priority : int { urgent = 0, reply = 1, notice = 2 };

enum class Format : int { text = 0, markdown = 1 };

// An outgoing message: to a group chat (chat_id) or to one user directly (user_id). Platform-
// neutral: each adapter renders format and mentions its own way (no "@name" inside the text).
struct SendMessage {
  std::string platform;
  std::string chat_id;
  std::string user_id;
  std::string text;
  std::vector<std::string> mentions;  // platform user ids to @
  Priority priority = Priority::reply;
  std::optional<std::int64_t> ticket;  // so a reply quoting this message finds its ticket
  Time not_before{};                   // quiet hours: held until then
  std::string account;                 // which bot/account sends it (config name); empty: the platform's first
  Format format = Format::text;
  std::string reply_to;  // Inbound::reply_handle of the message this answers; empty: proactive
};

// Something that must happen later, kept as a row so a restart loses nothing.
struct ScheduleTimer {
  std::string kind;  // "claim_limit", ... (handlers/schedule.hpp)
  std::int64_t ticket = 0;
  Time due_at{};
  std::string payload;  // JSON, kind-specific
};

// Cancels a ticket's pending timers of one kind, or of every kind when `kind` is empty.
struct CancelTimers {
  std::int64_t ticket = 0;
  std::string kind;
};

// Remembers that a platform message belongs to a ticket (the resident's original report).
struct LinkMessage {
  std::string platform, message_id;
  std::int64_t ticket = 0;
};

// What the bot is waiting to hear from a user (a multi-turn question); empty `state` forgets it.
struct SaveConversation {
  std::string platform, user_id;
  std::string state;  // JSON
};

// Insert or update a notice (draft, scheduled, sent, cancelled).
struct SaveNotice {
  Notice notice;
};

// One group's copy of a notice: an outbox row, remembered as the notice's delivery to that group
// so the report reads its status and a reply quoting it finds the notice.
struct DeliverNotice {
  std::int64_t notice = 0;
  std::string group_id;
  SendMessage message;
};

// A member's acknowledgement (收到) of a notice in a group; `message_id` is the message that gave it.
struct RecordAck {
  std::int64_t notice = 0;
  std::string group_id, person, message_id;
  Time at{};
};

using Action = std::variant<SaveTicket, AddSubscriber, RecordEvent, SendMessage, ScheduleTimer, CancelTimers, LinkMessage, SaveConversation,
                            SaveNotice, DeliverNotice, RecordAck, SaveAlert, RecordReport>;
using Actions = std::vector<Action>;

}  // namespace gridbot
