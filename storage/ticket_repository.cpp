#include "storage/ticket_repository.hpp"

#include "storage/sql_values.hpp"

namespace gridbot::storage {

namespace {
constexpr const char* columns =
    "number, state, category, urgent, text, grid, community, building, unit, room, reporter_id, reporter_name, "
    "source_platform, reporter_user, group_id, owner, claimed_by, created_at, claim_due_at, resolve_due_at, updated_at";
}

TicketRepository::TicketRepository(SQLite::Database& db)
    : find_(db, std::string("SELECT ") + columns + " FROM tickets WHERE number = ?"),
      next_(db, "SELECT COALESCE(MAX(number), 1000) + 1 FROM tickets"),
      of_message_(db, "SELECT ticket FROM message_links WHERE platform = ? AND message_id = ?"),
      count_(db, "SELECT COUNT(*) FROM tickets"),
      timeline_(db, "SELECT ticket, kind, actor, detail, at FROM ticket_events WHERE ticket = ? ORDER BY id"),
      save_(db, std::string("INSERT INTO tickets(") + columns +
                    ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(number) DO UPDATE SET "
                    "state=excluded.state, category=excluded.category, urgent=excluded.urgent, text=excluded.text, "
                    "grid=excluded.grid, community=excluded.community, building=excluded.building, unit=excluded.unit, "
                    "room=excluded.room, owner=excluded.owner, claimed_by=excluded.claimed_by, "
                    "claim_due_at=excluded.claim_due_at, resolve_due_at=excluded.resolve_due_at, "
                    "updated_at=excluded.updated_at"),
      record_(db, "INSERT INTO ticket_events(ticket, kind, actor, detail, at) VALUES(?,?,?,?,?)"),
      link_(db, "INSERT OR IGNORE INTO message_links(platform, message_id, ticket) VALUES(?,?,?)") {}

std::optional<Ticket> TicketRepository::find(std::int64_t number) const {
  Reset guard(find_);
  find_.bind(1, number);
  if (!find_.executeStep()) return std::nullopt;
  Ticket t;
  t.number = find_.getColumn(0).getInt64();
  t.state = ticket_state_from_string(find_.getColumn(1).getString()).value_or(TicketState::accepted);
  t.category = find_.getColumn(2).getString();
  t.urgent = find_.getColumn(3).getInt() != 0;
  t.text = find_.getColumn(4).getString();
  t.grid = find_.getColumn(5).getString();
  t.community = find_.getColumn(6).getString();
  t.building = optional_text(find_.getColumn(7));
  t.unit = optional_text(find_.getColumn(8));
  t.room = optional_text(find_.getColumn(9));
  t.reporter_id = find_.getColumn(10).getString();
  t.reporter_name = find_.getColumn(11).getString();
  t.source_platform = find_.getColumn(12).getString();
  t.reporter_user = find_.getColumn(13).getString();
  t.group_id = find_.getColumn(14).getString();
  t.owner = find_.getColumn(15).getString();
  t.claimed_by = find_.getColumn(16).getString();
  t.created_at = to_time(find_.getColumn(17));
  t.claim_due_at = to_time(find_.getColumn(18));
  t.resolve_due_at = to_time(find_.getColumn(19));
  t.updated_at = to_time(find_.getColumn(20));
  return t;
}

std::int64_t TicketRepository::next_number() const {
  Reset guard(next_);
  next_.executeStep();
  return next_.getColumn(0).getInt64();
}

std::optional<std::int64_t> TicketRepository::ticket_of_message(std::string_view platform,
                                                                std::string_view message_id) const {
  Reset guard(of_message_);
  bind_text(of_message_, 1, platform);
  bind_text(of_message_, 2, message_id);
  if (!of_message_.executeStep()) return std::nullopt;
  return of_message_.getColumn(0).getInt64();
}

std::int64_t TicketRepository::count() const {
  Reset guard(count_);
  count_.executeStep();
  return count_.getColumn(0).getInt64();
}

void TicketRepository::save(const Ticket& t) {
  Reset guard(save_);
  int i = 0;
  save_.bind(++i, t.number);
  bind_text(save_, ++i, to_string(t.state));
  bind_text(save_, ++i, t.category);
  save_.bind(++i, t.urgent ? 1 : 0);
  bind_text(save_, ++i, t.text);
  bind_text(save_, ++i, t.grid);
  bind_text(save_, ++i, t.community);
  bind_optional(save_, ++i, t.building);
  bind_optional(save_, ++i, t.unit);
  bind_optional(save_, ++i, t.room);
  bind_text(save_, ++i, t.reporter_id);
  bind_text(save_, ++i, t.reporter_name);
  bind_text(save_, ++i, t.source_platform);
  bind_text(save_, ++i, t.reporter_user);
  bind_text(save_, ++i, t.group_id);
  bind_text(save_, ++i, t.owner);
  bind_text(save_, ++i, t.claimed_by);
  bind_time(save_, ++i, t.created_at);
  bind_time(save_, ++i, t.claim_due_at);
  bind_time(save_, ++i, t.resolve_due_at);
  bind_time(save_, ++i, t.updated_at);
  save_.exec();
}

void TicketRepository::record(const RecordEvent& e) {
  Reset guard(record_);
  record_.bind(1, e.ticket);
  bind_text(record_, 2, e.kind);
  bind_text(record_, 3, e.actor);
  bind_text(record_, 4, e.detail);
  bind_time(record_, 5, e.at);
  record_.exec();
}

void TicketRepository::link(std::string_view platform, std::string_view message_id, std::int64_t ticket) {
  Reset guard(link_);
  bind_text(link_, 1, platform);
  bind_text(link_, 2, message_id);
  link_.bind(3, ticket);
  link_.exec();
}

std::vector<RecordEvent> TicketRepository::timeline(std::int64_t number) const {
  Reset guard(timeline_);
  timeline_.bind(1, number);
  std::vector<RecordEvent> out;
  while (timeline_.executeStep())
    out.push_back(RecordEvent{timeline_.getColumn(0).getInt64(), timeline_.getColumn(1).getString(),
                              timeline_.getColumn(2).getString(), timeline_.getColumn(3).getString(),
                              to_time(timeline_.getColumn(4))});
  return out;
}

}  // namespace gridbot::storage
