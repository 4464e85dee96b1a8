#include "storage/ticket_repository.hpp"

#include <array>

#include "storage/sql_values.hpp"
#include "storage/ticket_codec.hpp"

namespace gridbot::storage {

namespace {

std::string select_tickets(const std::string& where) {
  return std::string("SELECT ") + ticket_columns + " FROM tickets WHERE " + where;
}

std::string insert_ticket() {
  std::string placeholders;
  for (int i = 0; i < ticket_column_count; ++i) placeholders += i ? ",?" : "?";
  return std::string("INSERT INTO tickets(") + ticket_columns + ") VALUES(" + placeholders + ")";
}

// ticket_columns with each name prefixed "t.", for a join.
std::string qualified_ticket_columns() {
  std::string out;
  for (const auto& name : ticket_column_names()) out += (out.empty() ? "t." : ", t.") + name;
  return out;
}

std::vector<Ticket> read_tickets(SQLite::Statement& s) {
  std::vector<Ticket> out;
  while (s.executeStep()) out.push_back(read_ticket(s));
  return out;
}

// Spelled out, not `state IN ('accepted','claimed','suspended')`: SQLite tests an IN list of more
// than two constants through a temporary b-tree it builds on every run of the statement.
constexpr const char* open_states = "(state = 'accepted' OR state = 'claimed' OR state = 'suspended')";
constexpr std::array<const char*, 3> open_state_names{"accepted", "claimed", "suspended"};

// The newest open ticket of a grid, category and building created since ?4: the newest of each
// open state, each an index seek on (grid, category, building, state), whose rows come in number
// order. One search over the three states would build a temporary b-tree for the list of states
// (and ORDER BY number another to sort their rows).
std::string newest_open_duplicate() {
  std::string newest;
  for (const char* state : open_state_names)
    newest += std::string(newest.empty() ? "" : ", ") + "COALESCE((SELECT MAX(number) FROM tickets WHERE state = '" + state +
              "' AND grid = ?1 AND category = ?2 AND building = ?3 AND created_at >= ?4), 0)";
  return "number = MAX(" + newest + ")";
}

}  // namespace

TicketRepository::TicketRepository(SQLite::Database& db, Counters& counters)
    : find_(db, select_tickets("number = ?")),
      next_(db, "SELECT COALESCE(MAX(number), 1000) + 1 FROM tickets"),
      of_message_(db, "SELECT ticket FROM message_links WHERE platform = ? AND message_id = ?"),
      count_(db, "SELECT value FROM counters WHERE name = 'tickets'"),
      timeline_(db, "SELECT ticket, kind, actor, detail, at FROM ticket_events WHERE ticket = ? ORDER BY id"),
      // Backwards through the ticket's events on ticket_events_ticket (ticket, id): no row is built
      // for the events passed over, and no index of its own to keep up on every event.
      last_event_(db, "SELECT at FROM ticket_events WHERE ticket = ?1 AND kind = ?2 AND (?3 = '' OR actor = ?3)"
                      " ORDER BY id DESC LIMIT 1"),
      duplicate_(db, select_tickets(newest_open_duplicate())),
      // From the resident's followed tickets that still concern them (the partial index holds only
      // those, person then ticket, so newest first backwards): neither all open tickets nor the
      // resident's closed ones of years past are walked over. A join, where `number IN (SELECT ...)`
      // built a temporary b-tree of the list for every message. The state is tested again on the
      // ticket itself, so the answer is right whatever the flag says.
      of_resident_(db, std::string("SELECT ") + qualified_ticket_columns() +
                           " FROM ticket_followers f INDEXED BY ticket_followers_active JOIN tickets t ON t.number = f.ticket"
                           " WHERE f.person = ?1 AND f.active = 1"
                           " AND (t.state = 'accepted' OR t.state = 'claimed' OR t.state = 'suspended'"
                           " OR (t.state = 'resolved' AND t.rating = '')) ORDER BY f.ticket DESC LIMIT ?2"),
      // tickets_reporter (reporter_id, state): the resident's resolved tickets, newest first. A
      // rating timeout closes them, so they are few.
      awaiting_(db, select_tickets("reporter_id = ?1 AND state = 'resolved' AND rating = '' ORDER BY number DESC LIMIT 20")),
      subscribers_(db, "SELECT person, platform, user_id FROM ticket_subscribers WHERE ticket = ? ORDER BY id"),
      is_subscriber_(db, "SELECT 1 FROM ticket_subscribers WHERE ticket = ? AND person = ?"),
      for_member_(db, select_tickets(std::string(open_states) +
                                     " AND (owner = ?1 OR claimed_by = ?1 OR escalated_to = ?1 OR (?2 != '' AND EXISTS"
                                     " (SELECT 1 FROM json_each(summons) WHERE json_extract(value, '$.department') = ?2)))"
                                     " ORDER BY resolve_due_at, number LIMIT 100")),
      conversation_(db, "SELECT state FROM conversations WHERE platform = ? AND user_id = ?"),
      db_(db),
      insert_(db, insert_ticket()),
      subscribe_(db, "INSERT OR IGNORE INTO ticket_subscribers(ticket, person, platform, user_id) VALUES(?,?,?,?)"),
      record_(db, "INSERT INTO ticket_events(ticket, kind, actor, detail, at) VALUES(?,?,?,?,?)"),
      link_(db, "INSERT OR IGNORE INTO message_links(platform, message_id, ticket) VALUES(?,?,?)"),
      put_conversation_(db, "INSERT INTO conversations(platform, user_id, state, updated_at) VALUES(?1,?2,?3,?4)"
                            " ON CONFLICT(platform, user_id) DO UPDATE SET state = ?3, updated_at = ?4"),
      drop_conversation_(db, "DELETE FROM conversations WHERE platform = ? AND user_id = ?"),
      counters_(counters) {}

std::optional<Ticket> TicketRepository::find(std::int64_t number) const {
  Reset guard(find_);
  find_.bind(1, number);
  if (!find_.executeStep()) return std::nullopt;
  return read_ticket(find_);
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

std::optional<Ticket> TicketRepository::open_duplicate(std::string_view grid, std::string_view category,
                                                       std::string_view building, Time since) const {
  Reset guard(duplicate_);
  bind_text(duplicate_, 1, grid);
  bind_text(duplicate_, 2, category);
  bind_text(duplicate_, 3, building);
  bind_time(duplicate_, 4, since);
  if (!duplicate_.executeStep()) return std::nullopt;
  return read_ticket(duplicate_);
}

std::vector<Ticket> TicketRepository::tickets_of_resident(std::string_view person_id, std::size_t limit) const {
  Reset guard(of_resident_);
  bind_text(of_resident_, 1, person_id);
  of_resident_.bind(2, static_cast<std::int64_t>(limit));
  return read_tickets(of_resident_);
}

std::vector<Ticket> TicketRepository::awaiting_rating(std::string_view person_id) const {
  Reset guard(awaiting_);
  bind_text(awaiting_, 1, person_id);
  return read_tickets(awaiting_);
}

std::vector<Subscriber> TicketRepository::subscribers(std::int64_t number) const {
  Reset guard(subscribers_);
  subscribers_.bind(1, number);
  std::vector<Subscriber> out;
  while (subscribers_.executeStep())
    out.push_back(Subscriber{subscribers_.getColumn(0).getString(), subscribers_.getColumn(1).getString(),
                             subscribers_.getColumn(2).getString()});
  return out;
}

bool TicketRepository::is_subscriber(std::int64_t number, std::string_view person_id) const {
  Reset guard(is_subscriber_);
  is_subscriber_.bind(1, number);
  bind_text(is_subscriber_, 2, person_id);
  return is_subscriber_.executeStep();
}

void TicketRepository::subscribe(const AddSubscriber& s) {
  Reset guard(subscribe_);
  subscribe_.bind(1, s.ticket);
  bind_text(subscribe_, 2, s.subscriber.person_id);
  bind_text(subscribe_, 3, s.subscriber.platform);
  bind_text(subscribe_, 4, s.subscriber.user_id);
  subscribe_.exec();
}

std::vector<Ticket> TicketRepository::open_tickets_for(const Member& member) const {
  Reset guard(for_member_);
  bind_text(for_member_, 1, member.id);
  bind_text(for_member_, 2, member.has_role(Role::liaison) ? member.department : std::string());
  return read_tickets(for_member_);
}

std::optional<std::string> TicketRepository::conversation(std::string_view platform, std::string_view user_id) const {
  Reset guard(conversation_);
  bind_text(conversation_, 1, platform);
  bind_text(conversation_, 2, user_id);
  if (!conversation_.executeStep()) return std::nullopt;
  return conversation_.getColumn(0).getString();
}

std::int64_t TicketRepository::count() const {
  Reset guard(count_);
  count_.executeStep();
  return count_.getColumn(0).getInt64() + counters_.unwritten(Counter::tickets);
}

// A save writes only the columns that differ from the stored row, and nothing when none do: a
// whole-row upsert rewrote every column and every index on tickets, and fired the followers
// trigger (its WHEN clause then found nothing to do), for a change of two or three columns.
void TicketRepository::save(const Ticket& t) {
  const TicketRow row = ticket_row(t);
  std::uint64_t changed = 0;
  TicketRow stored;
  bool exists = false;
  {
    Reset guard(find_);  // the same statement as find(), read as a raw row
    find_.bind(1, t.number);
    if (find_.executeStep()) {
      exists = true;
      stored = read_row(find_);
    }
  }
  if (!exists) {
    Reset guard(insert_);
    for (int i = 0; i < ticket_column_count; ++i) bind_value(insert_, i + 1, row[i]);
    insert_.exec();
    counters_.add(Counter::tickets, 1);
    return;
  }
  for (int i = 1; i < ticket_column_count; ++i)  // column 0 is the key
    if (!(row[i] == stored[i])) changed |= std::uint64_t{1} << i;
  if (!changed) return;
  SQLite::Statement& update = update_of(changed);
  Reset guard(update);
  int index = 0;
  for (int i = 1; i < ticket_column_count; ++i)
    if (changed & (std::uint64_t{1} << i)) bind_value(update, ++index, row[i]);
  update.bind(++index, t.number);
  update.exec();
}

SQLite::Statement& TicketRepository::update_of(std::uint64_t columns) {
  // A bound on the kept statements in case saves ever change columns in many combinations.
  if (updates_.size() >= 256 && !updates_.contains(columns)) updates_.clear();
  auto& slot = updates_[columns];
  if (!slot) {
    std::string sql = "UPDATE tickets SET ";
    bool first = true;
    for (int i = 1; i < ticket_column_count; ++i)
      if (columns & (std::uint64_t{1} << i)) {
        sql += (first ? "" : ", ") + ticket_column_names()[i] + " = ?";
        first = false;
      }
    slot = std::make_unique<SQLite::Statement>(db_, sql + " WHERE number = ?");
  }
  return *slot;
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

void TicketRepository::save_conversation(const SaveConversation& c, Time now) {
  if (c.state.empty()) {
    Reset guard(drop_conversation_);
    bind_text(drop_conversation_, 1, c.platform);
    bind_text(drop_conversation_, 2, c.user_id);
    drop_conversation_.exec();
    return;
  }
  Reset guard(put_conversation_);
  bind_text(put_conversation_, 1, c.platform);
  bind_text(put_conversation_, 2, c.user_id);
  bind_text(put_conversation_, 3, c.state);
  bind_time(put_conversation_, 4, now);
  put_conversation_.exec();
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

std::optional<Time> TicketRepository::last_event_at(std::int64_t number, std::string_view kind,
                                                    std::string_view actor) const {
  Reset guard(last_event_);
  last_event_.bind(1, number);
  bind_text(last_event_, 2, kind);
  bind_text(last_event_, 3, actor);
  if (!last_event_.executeStep()) return std::nullopt;
  return to_time(last_event_.getColumn(0));
}

}  // namespace gridbot::storage
