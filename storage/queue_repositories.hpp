// The three durable queues of the pipeline: inbox (dedupe of deliveries), outbox (every message
// before it is sent) and timers (everything that must happen later).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "storage/counters.hpp"

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
  // A part of a split text: the row it was split from (the first part is that row); 0 otherwise.
  // Rows of one bucket go in order of (part_of or id, id), so a text's parts stay together.
  std::int64_t part_of = 0;
  std::int64_t position() const { return part_of ? part_of : id; }
};

class OutboxRepository {
 public:
  OutboxRepository(SQLite::Database& db, Counters& counters);
  void enqueue(const SendMessage& m, Time now);
  // The pending rows that may go now, most important first, then those due longest: one index
  // range per priority, so rows held for quiet hours or backing off cost nothing until due.
  std::vector<OutboxRow> due(Time now, int limit) const;
  std::optional<OutboxRow> next_due(Time now) const;
  void mark_sent(std::int64_t id, std::string_view platform_message_id, Time now);
  void mark_retry(std::int64_t id, Time next_attempt, std::string_view error);
  void mark_dead(std::int64_t id, std::string_view error, int errcode = 0);
  // Not before `until`, without spending an attempt: pacing, or a platform's "rate limited until".
  // An empty `reason` keeps the row's last error.
  void defer(std::int64_t id, Time until, std::string_view reason = {});
  // Replaces `row`'s text by `parts` (at least two): the row keeps the first, a new row per further
  // part (same destination, priority and due time, no mentions) follows; returns all the parts' rows.
  std::vector<OutboxRow> split(const OutboxRow& row, const std::vector<std::string>& parts);
  // The platform's code and the error of a row (dead-letter view, tests).
  std::pair<int, std::string> last_error(std::int64_t id) const;
  std::int64_t count(std::string_view status) const;
  // When the oldest row still waiting to be sent was queued; nothing when none is waiting.
  std::optional<Time> oldest_pending() const;

 private:
  mutable SQLite::Statement due_, count_, oldest_, error_;
  SQLite::Statement enqueue_, sent_, retry_, dead_, defer_, keep_part_, add_part_;
  SQLite::Database& db_;
  Counters& counters_;
};

class TimerRepository {
 public:
  TimerRepository(SQLite::Database& db, Counters& counters);
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
  Counters& counters_;
};

}  // namespace gridbot::storage
