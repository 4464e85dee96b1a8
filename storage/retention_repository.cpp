#include "storage/retention_repository.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

namespace {

int delete_batch(SQLite::Statement& s, Time before, int limit) {
  Reset guard(s);
  bind_time(s, 1, before);
  s.bind(2, limit);
  return s.exec();
}

// Every column of the current row, by name, as its SQLite type.
nlohmann::json row_json(SQLite::Statement& s) {
  nlohmann::json row = nlohmann::json::object();
  for (int i = 0; i < s.getColumnCount(); ++i) {
    const SQLite::Column c = s.getColumn(i);
    if (c.isNull()) row[c.getName()] = nullptr;
    else if (c.isInteger()) row[c.getName()] = c.getInt64();
    else if (c.isFloat()) row[c.getName()] = c.getDouble();
    else row[c.getName()] = c.getString();
  }
  return row;
}

}  // namespace

RetentionRepository::RetentionRepository(SQLite::Database& db)
    : db_(db),
      inbox_(db, "DELETE FROM inbox WHERE (platform, conversation, delivery_id) IN (SELECT platform, conversation,"
                 " delivery_id FROM inbox WHERE received_at < ? ORDER BY received_at LIMIT ?)"),
      outbox_(db, "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'sent' AND sent_at < ?"
                  " ORDER BY sent_at LIMIT ?)"),
      timers_(db, "DELETE FROM timers WHERE id IN (SELECT id FROM timers WHERE status IN ('fired', 'cancelled')"
                  " AND due_at < ? ORDER BY due_at LIMIT ?)"),
      local_(db, "DELETE FROM local_messages WHERE id IN (SELECT id FROM local_messages WHERE at < ? ORDER BY id LIMIT ?)"),
      // The archive keeps each ticket's "+1" subscribers as the JSON text the tickets row once held.
      closed_(db, "SELECT *, (SELECT json_group_array(json_object('person', person, 'platform', platform, 'user', user_id))"
                  " FROM (SELECT * FROM ticket_subscribers s WHERE s.ticket = tickets.number ORDER BY s.id)) AS subscribers"
                  " FROM tickets WHERE state IN ('closed', 'cancelled') AND updated_at < ?"
                  " AND number < (SELECT MAX(number) FROM tickets) ORDER BY updated_at, number LIMIT ?"),
      events_(db, "SELECT kind, actor, detail, at FROM ticket_events WHERE ticket = ? ORDER BY id"),
      drop_events_(db, "DELETE FROM ticket_events WHERE ticket = ?"),
      drop_links_(db, "DELETE FROM message_links WHERE ticket = ?"),
      drop_timers_(db, "DELETE FROM timers WHERE ticket = ?"),
      drop_ticket_(db, "DELETE FROM tickets WHERE number = ?") {}

int RetentionRepository::delete_inbox(Time before, int limit) { return delete_batch(inbox_, before, limit); }
int RetentionRepository::delete_sent_outbox(Time before, int limit) { return delete_batch(outbox_, before, limit); }
int RetentionRepository::delete_finished_timers(Time before, int limit) { return delete_batch(timers_, before, limit); }
int RetentionRepository::delete_local_messages(Time before, int limit) { return delete_batch(local_, before, limit); }

std::vector<std::string> RetentionRepository::closed_tickets_json(Time before, int limit) {
  std::vector<nlohmann::json> tickets;
  {
    Reset guard(closed_);
    bind_time(closed_, 1, before);
    closed_.bind(2, limit);
    while (closed_.executeStep()) tickets.push_back(row_json(closed_));
  }
  std::vector<std::string> out;
  for (auto& ticket : tickets) {
    Reset guard(events_);
    events_.bind(1, ticket["number"].get<std::int64_t>());
    ticket["events"] = nlohmann::json::array();
    while (events_.executeStep()) ticket["events"].push_back(row_json(events_));
    out.push_back(ticket.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return out;
}

void RetentionRepository::delete_ticket(std::int64_t number) {
  // Events first: they reference the ticket.
  for (SQLite::Statement* s : {&drop_events_, &drop_links_, &drop_timers_, &drop_ticket_}) {
    Reset guard(*s);
    s->bind(1, number);
    s->exec();
  }
}

std::int64_t RetentionRepository::incremental_vacuum(int pages) {
  const std::int64_t free_pages = db_.execAndGet("PRAGMA freelist_count").getInt64();
  if (free_pages > 0) db_.exec("PRAGMA incremental_vacuum(" + std::to_string(pages) + ")");
  return free_pages;
}

}  // namespace gridbot::storage
