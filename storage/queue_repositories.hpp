// The three durable queues of the pipeline: inbox (dedupe of deliveries), outbox (every message
// before it is sent) and timers (everything that must happen later).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/actions.hpp"
#include "handlers/events.hpp"

namespace gridbot::storage {

// Platforms number messages per conversation (a chat, or a user's direct chat with the bot), so
// a delivery id is only unique there: two users' client_msg_id "1" are two messages.
class InboxRepository {
 public:
  explicit InboxRepository(SQLite::Database& db);
  // "group:CHAT" for a group message, "user:SENDER" for a direct one.
  static std::string conversation(std::string_view chat_id, std::string_view sender);
  // The reference recorded with an earlier delivery of the same id, if there was one.
  std::optional<std::string> find(std::string_view platform, std::string_view conversation,
                                  std::string_view delivery_id) const;
  void insert(std::string_view platform, std::string_view conversation, std::string_view delivery_id, Time at,
              std::string_view ref);

 private:
  mutable SQLite::Statement find_;
  SQLite::Statement insert_;
};

struct OutboxRow {
  std::int64_t id = 0;
  SendMessage message;
  int attempts = 0;
};

class OutboxRepository {
 public:
  explicit OutboxRepository(SQLite::Database& db);
  void enqueue(const SendMessage& m, Time now);
  // The pending rows that may go now, most important first, then those due longest: one index
  // range per priority, so rows held for quiet hours or backing off cost nothing until due.
  std::vector<OutboxRow> due(Time now, int limit) const;
  std::optional<OutboxRow> next_due(Time now) const;
  void mark_sent(std::int64_t id, std::string_view platform_message_id, Time now);
  void mark_retry(std::int64_t id, Time next_attempt, std::string_view error);
  void mark_dead(std::int64_t id, std::string_view error);
  std::int64_t count(std::string_view status) const;
  // When the oldest row still waiting to be sent was queued; nothing when none is waiting.
  std::optional<Time> oldest_pending() const;

 private:
  mutable SQLite::Statement due_, count_, oldest_;
  SQLite::Statement enqueue_, sent_, retry_, dead_;
};

class TimerRepository {
 public:
  explicit TimerRepository(SQLite::Database& db);
  void schedule(const ScheduleTimer& t);
  void cancel(std::int64_t ticket, std::string_view kind);
  // Pending timers due at `now`, oldest first.
  std::vector<TimerDue> due(Time now, int limit) const;
  // Marks a timer fired; false when it was no longer pending (fired or cancelled meanwhile).
  bool mark_fired(std::int64_t id, Time now);
  std::int64_t count_pending() const;

 private:
  mutable SQLite::Statement due_, count_;
  SQLite::Statement schedule_, cancel_, fired_;
};

}  // namespace gridbot::storage
