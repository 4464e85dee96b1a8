#include "storage/queue_repositories.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

InboxRepository::InboxRepository(SQLite::Database& db)
    : find_(db, "SELECT ref FROM inbox WHERE platform = ? AND conversation = ? AND delivery_id = ?"),
      insert_(db, "INSERT INTO inbox(platform, conversation, delivery_id, received_at, ref) VALUES(?,?,?,?,?)") {}

std::string InboxRepository::conversation(std::string_view chat_id, std::string_view sender) {
  return chat_id.empty() ? "user:" + std::string(sender) : "group:" + std::string(chat_id);
}

std::optional<std::string> InboxRepository::find(std::string_view platform, std::string_view conversation,
                                                  std::string_view delivery_id) const {
  Reset guard(find_);
  bind_text(find_, 1, platform);
  bind_text(find_, 2, conversation);
  bind_text(find_, 3, delivery_id);
  if (!find_.executeStep()) return std::nullopt;
  return find_.getColumn(0).getString();
}

void InboxRepository::insert(std::string_view platform, std::string_view conversation, std::string_view delivery_id,
                             Time at, std::string_view ref) {
  Reset guard(insert_);
  bind_text(insert_, 1, platform);
  bind_text(insert_, 2, conversation);
  bind_text(insert_, 3, delivery_id);
  bind_time(insert_, 4, at);
  bind_text(insert_, 5, ref);
  insert_.exec();
}

namespace {
constexpr const char* outbox_columns =
    "id, platform, chat_id, user_id, text, mentions, priority, ticket, not_before, attempts, account, format, reply_to,"
    " part_of";

OutboxRow read_row(SQLite::Statement& s) {
  OutboxRow row;
  row.id = s.getColumn(0).getInt64();
  row.message.platform = s.getColumn(1).getString();
  row.message.chat_id = s.getColumn(2).getString();
  row.message.user_id = s.getColumn(3).getString();
  row.message.text = s.getColumn(4).getString();
  row.message.mentions = nlohmann::json::parse(s.getColumn(5).getString()).get<std::vector<std::string>>();
  row.message.priority = static_cast<Priority>(s.getColumn(6).getInt());
  if (!s.getColumn(7).isNull()) row.message.ticket = s.getColumn(7).getInt64();
  row.message.not_before = to_time(s.getColumn(8));
  row.attempts = s.getColumn(9).getInt();
  row.message.account = s.getColumn(10).getString();
  row.message.format = static_cast<Format>(s.getColumn(11).getInt());
  row.message.reply_to = s.getColumn(12).getString();
  if (!s.getColumn(13).isNull()) row.part_of = s.getColumn(13).getInt64();
  return row;
}
}  // namespace

OutboxRepository::OutboxRepository(SQLite::Database& db, Counters& counters)
    : due_(db, std::string("SELECT ") + outbox_columns +
                   " FROM outbox WHERE status = 'pending' AND priority = ?1 AND due_at <= ?2 ORDER BY due_at, id LIMIT ?3"),
      count_(db, "SELECT COALESCE((SELECT value FROM counters WHERE name = 'outbox_' || ?), 0)"),
      oldest_(db, "SELECT MIN(created_at) FROM outbox WHERE status = 'pending'"),
      error_(db, "SELECT errcode, last_error FROM outbox WHERE id = ?"),
      enqueue_(db, "INSERT INTO outbox(platform, chat_id, user_id, text, mentions, priority, ticket, not_before,"
                   " next_attempt_at, created_at, due_at, account, format, reply_to)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,MAX(?8,?9),?11,?12,?13)"),
      sent_(db, "UPDATE outbox SET status = 'sent', attempts = attempts + 1, platform_message_id = ?, sent_at = ?"
                " WHERE id = ?"),
      retry_(db, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?1, due_at = MAX(not_before, ?1),"
                 " last_error = ?2 WHERE id = ?3"),
      dead_(db, "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, errcode = ? WHERE id = ?"),
      defer_(db, "UPDATE outbox SET next_attempt_at = ?1, due_at = MAX(not_before, ?1),"
                 " last_error = CASE WHEN ?2 = '' THEN last_error ELSE ?2 END WHERE id = ?3"),
      keep_part_(db, "UPDATE outbox SET text = ?1, part_of = id WHERE id = ?2"),
      add_part_(db, "INSERT INTO outbox(platform, chat_id, user_id, text, mentions, priority, ticket, not_before,"
                    " next_attempt_at, created_at, due_at, account, format, reply_to, part_of)"
                    " SELECT platform, chat_id, user_id, ?1, '[]', priority, ticket, not_before, next_attempt_at,"
                    " created_at, due_at, account, format, reply_to, id FROM outbox WHERE id = ?2"),
      db_(db),
      counters_(counters) {}

void OutboxRepository::enqueue(const SendMessage& m, Time now) {
  Reset guard(enqueue_);
  bind_text(enqueue_, 1, m.platform);
  bind_text(enqueue_, 2, m.chat_id);
  bind_text(enqueue_, 3, m.user_id);
  bind_text(enqueue_, 4, m.text);
  bind_text(enqueue_, 5, nlohmann::json(m.mentions).dump());
  enqueue_.bind(6, static_cast<int>(m.priority));
  if (m.ticket) enqueue_.bind(7, *m.ticket);
  else enqueue_.bind(7);
  bind_time(enqueue_, 8, m.not_before);
  bind_time(enqueue_, 9, now);
  bind_time(enqueue_, 10, now);
  bind_text(enqueue_, 11, m.account);
  enqueue_.bind(12, static_cast<int>(m.format));
  bind_text(enqueue_, 13, m.reply_to);
  enqueue_.exec();
  counters_.add(Counter::outbox_pending, 1);
}

std::vector<OutboxRow> OutboxRepository::due(Time now, int limit) const {
  std::vector<OutboxRow> out;
  for (Priority p : {Priority::urgent, Priority::reply, Priority::notice}) {
    if (static_cast<int>(out.size()) >= limit) break;
    Reset guard(due_);
    due_.bind(1, static_cast<int>(p));
    bind_time(due_, 2, now);
    due_.bind(3, limit - static_cast<int>(out.size()));
    while (due_.executeStep()) out.push_back(read_row(due_));
  }
  return out;
}

std::optional<OutboxRow> OutboxRepository::next_due(Time now) const {
  auto rows = due(now, 1);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

void OutboxRepository::mark_sent(std::int64_t id, std::string_view platform_message_id, Time now) {
  Reset guard(sent_);
  bind_text(sent_, 1, platform_message_id);
  bind_time(sent_, 2, now);
  sent_.bind(3, id);
  sent_.exec();
}

void OutboxRepository::mark_retry(std::int64_t id, Time next_attempt, std::string_view error) {
  Reset guard(retry_);
  bind_time(retry_, 1, next_attempt);
  bind_text(retry_, 2, error);
  retry_.bind(3, id);
  retry_.exec();
}

void OutboxRepository::mark_dead(std::int64_t id, std::string_view error, int errcode) {
  Reset guard(dead_);
  bind_text(dead_, 1, error);
  dead_.bind(2, errcode);
  dead_.bind(3, id);
  dead_.exec();
}

void OutboxRepository::defer(std::int64_t id, Time until, std::string_view reason) {
  Reset guard(defer_);
  bind_time(defer_, 1, until);
  bind_text(defer_, 2, reason);
  defer_.bind(3, id);
  defer_.exec();
}

std::vector<OutboxRow> OutboxRepository::split(const OutboxRow& row, const std::vector<std::string>& parts) {
  std::vector<OutboxRow> out;
  if (parts.empty()) return out;
  {
    Reset guard(keep_part_);
    bind_text(keep_part_, 1, parts[0]);
    keep_part_.bind(2, row.id);
    keep_part_.exec();
  }
  out.push_back(row);
  out.back().message.text = parts[0];
  out.back().part_of = row.id;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    Reset guard(add_part_);
    bind_text(add_part_, 1, parts[i]);
    add_part_.bind(2, row.id);
    counters_.add(Counter::outbox_pending, add_part_.exec());
    OutboxRow part = out.front();
    part.id = db_.getLastInsertRowid();
    part.message.text = parts[i];
    part.message.mentions.clear();
    part.attempts = 0;
    out.push_back(std::move(part));
  }
  return out;
}

std::pair<int, std::string> OutboxRepository::last_error(std::int64_t id) const {
  Reset guard(error_);
  error_.bind(1, id);
  if (!error_.executeStep()) return {0, {}};
  return {error_.getColumn(0).getInt(), error_.getColumn(1).getString()};
}

std::int64_t OutboxRepository::count(std::string_view status) const {
  Reset guard(count_);
  bind_text(count_, 1, status);
  count_.executeStep();
  return count_.getColumn(0).getInt64() + (status == "pending" ? counters_.unwritten(Counter::outbox_pending) : 0);
}

std::optional<Time> OutboxRepository::oldest_pending() const {
  Reset guard(oldest_);
  oldest_.executeStep();
  if (oldest_.getColumn(0).isNull()) return std::nullopt;
  return to_time(oldest_.getColumn(0));
}

TimerRepository::TimerRepository(SQLite::Database& db, Counters& counters)
    : due_(db, "SELECT id, kind, ticket, due_at, payload FROM timers WHERE status = 'pending' AND due_at <= ?"
               " ORDER BY due_at, id LIMIT ?"),
      count_(db, "SELECT value FROM counters WHERE name = 'timers_pending'"),
      schedule_(db, "INSERT INTO timers(kind, ticket, due_at, payload) VALUES(?,?,?,?)"),
      cancel_(db, "UPDATE timers SET status = 'cancelled' WHERE ticket = ?1 AND (?2 = '' OR kind = ?2) AND status = 'pending'"),
      fired_(db, "UPDATE timers SET status = 'fired', fired_at = ? WHERE id = ? AND status = 'pending'"),
      counters_(counters) {}

void TimerRepository::schedule(const ScheduleTimer& t) {
  Reset guard(schedule_);
  bind_text(schedule_, 1, t.kind);
  schedule_.bind(2, t.ticket);
  bind_time(schedule_, 3, t.due_at);
  bind_text(schedule_, 4, t.payload);
  schedule_.exec();
  counters_.add(Counter::timers_pending, 1);
}

void TimerRepository::cancel(std::int64_t ticket, std::string_view kind) {
  Reset guard(cancel_);
  cancel_.bind(1, ticket);
  bind_text(cancel_, 2, kind);
  // Only pending rows change: that many leave pending for cancelled.
  const int cancelled = cancel_.exec();
  counters_.add(Counter::timers_pending, -cancelled);
  counters_.add(Counter::timers_cancelled, cancelled);
}

std::vector<TimerDue> TimerRepository::due(Time now, int limit) const {
  Reset guard(due_);
  bind_time(due_, 1, now);
  due_.bind(2, limit);
  std::vector<TimerDue> out;
  while (due_.executeStep())
    out.push_back(TimerDue{due_.getColumn(0).getInt64(), due_.getColumn(1).getString(), due_.getColumn(2).getInt64(),
                           to_time(due_.getColumn(3)), due_.getColumn(4).getString()});
  return out;
}

bool TimerRepository::mark_fired(std::int64_t id, Time now) {
  Reset guard(fired_);
  bind_time(fired_, 1, now);
  fired_.bind(2, id);
  if (fired_.exec() != 1) return false;
  counters_.add(Counter::timers_pending, -1);
  counters_.add(Counter::timers_fired, 1);
  return true;
}

std::int64_t TimerRepository::count_pending() const {
  Reset guard(count_);
  count_.executeStep();
  return count_.getColumn(0).getInt64() + counters_.unwritten(Counter::timers_pending);
}

}  // namespace gridbot::storage
