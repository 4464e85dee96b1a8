#include "storage/console_queries.hpp"

#include <variant>

#include <SQLiteCpp/Statement.h>

#include "storage/sql_values.hpp"
#include "storage/ticket_codec.hpp"

namespace gridbot::storage {

namespace {

using Value = std::variant<std::int64_t, std::string>;

// A WHERE clause and its parameters, built term by term; every value is bound, never spliced.
struct Where {
  std::string sql = "1";
  std::vector<Value> values;

  void add(const std::string& term) { sql += " AND (" + term + ")"; }
  void add(const std::string& term, Value v) {
    add(term);
    values.push_back(std::move(v));
  }
  void bind(SQLite::Statement& s) const {
    int i = 0;
    for (const auto& v : values) {
      ++i;
      if (const auto* n = std::get_if<std::int64_t>(&v)) s.bind(i, *n);
      else bind_text(s, i, std::get<std::string>(v));
    }
  }
};

std::int64_t seconds(Time t) { return t.time_since_epoch().count(); }

// Spelled out rather than IN (...): SQLite runs an IN list of constants through a temporary
// b-tree each time (see ticket_repository.cpp).
constexpr const char* open_states = "state = 'accepted' OR state = 'claimed' OR state = 'suspended'";
constexpr const char* closed_states = "state = 'resolved' OR state = 'closed' OR state = 'cancelled'";

// 超期, as handlers/lateness.cpp's late_since says it (tests/console/tickets/lateness_test.cpp
// holds the two together): an unclaimed ticket past a claim limit it missed, or an unclaimed or
// claimed one past a resolve limit it missed; a current deadline counts once passed. One OR term
// per state and limit, so each is a range of one index (migrations 8 and 10).
struct LateTerm {
  const char* state;
  std::string missed;  // the condition
  std::string since;   // the time it has been late since, when the condition holds
};

std::vector<LateTerm> late_terms(std::int64_t now) {
  const std::string n = std::to_string(now);
  std::vector<LateTerm> out{{"accepted", "claim_missed_at <> 0", "claim_missed_at"},
                            {"accepted", "claim_due_at < " + n, "claim_due_at"}};
  for (const char* state : {"accepted", "claimed"}) {
    out.push_back({state, "resolve_missed_at <> 0", "resolve_missed_at"});
    out.push_back({state, "resolve_due_at < " + n, "resolve_due_at"});
  }
  return out;
}

std::string overdue_term_at(std::int64_t now) {
  std::string out;
  for (const auto& t : late_terms(now))
    out += (out.empty() ? "(state = '" : " OR (state = '") + std::string(t.state) + "' AND " + t.missed + ")";
  return out;
}

// The earliest missed limit of an overdue ticket: the overdue board's order.
std::string late_since(std::int64_t now) {
  std::string out = "MIN(";
  for (const auto& t : late_terms(now))
    out += std::string(out.size() > 4 ? ", " : "") + "CASE WHEN state = '" + t.state + "' AND " + t.missed + " THEN " + t.since +
           " ELSE 9223372036854775807 END";
  return out + ")";
}

// The scope is a filter on community. Without statistics (the service never runs ANALYZE)
// SQLite would rank an index on it as good as any other, and walk a whole community's rows where
// the deadline or creation-time indexes hold a few; over several communities it would also sort
// them all for the page. So it is offered to the planner as an index (community, number) only for
// one community with no such filter, else written `+community`, which no index serves
// (bench/console_board_bench shows each plan and its time).
void add_scope(Where& w, const TicketScope& scope, bool indexed) {
  if (scope.all) return;
  if (scope.communities.empty()) {
    w.add("0");
    return;
  }
  std::string list;
  for (const auto& c : scope.communities) {
    list += list.empty() ? "?" : ", ?";
    w.values.push_back(c);
  }
  w.add(std::string(indexed && scope.communities.size() == 1 ? "" : "+") + "community IN (" + list + ")");
}

Where where_of(const TicketFilter& f, const TicketScope& scope, Time now) {
  Where w;
  add_scope(w, scope, !f.overdue.value_or(false) && !f.created_from && !f.created_before && f.numbers.empty());
  if (!f.grid.empty()) w.add("grid = ?", f.grid);
  if (!f.community.empty()) w.add("community = ?", f.community);
  if (!f.category.empty()) w.add("category = ?", f.category);
  if (f.state) w.add("state = ?", std::string(to_string(*f.state)));
  if (f.open_only) w.add(open_states);
  if (f.closed_only) w.add(closed_states);
  if (f.urgent) w.add("urgent = ?", std::int64_t{*f.urgent});
  if (f.overdue) w.add(*f.overdue ? overdue_term_at(seconds(now)) : "NOT (" + overdue_term_at(seconds(now)) + ")");
  if (f.created_from) w.add("created_at >= ?", seconds(*f.created_from));
  if (f.created_before) w.add("created_at < ?", seconds(*f.created_before));
  if (f.updated_from) w.add("updated_at >= ?", seconds(*f.updated_from));
  if (f.updated_before) w.add("updated_at < ?", seconds(*f.updated_before));
  if (f.public_only) w.add("sensitive = 0");
  if (!f.numbers.empty()) {
    std::string list;
    for (auto n : f.numbers) {
      list += list.empty() ? "?" : ", ?";
      w.values.push_back(n);
    }
    w.add("number IN (" + list + ")");
  }
  if (!f.q.empty()) {
    const std::string pattern = "%" + like_literal(f.q) + "%";
    std::string term = "text LIKE ? ESCAPE '\\' OR building LIKE ? ESCAPE '\\'";
    w.values.push_back(pattern);
    w.values.push_back(pattern);
    if (f.q.size() <= 18 && f.q.find_first_not_of("0123456789") == std::string::npos) {
      term += " OR number = ?";
      w.values.push_back(std::stoll(f.q));
    }
    w.add(term);
  }
  return w;
}

std::int64_t count_where(SQLite::Database& db, const Where& w) {
  SQLite::Statement s(db, "SELECT COUNT(*) FROM tickets WHERE " + w.sql);
  w.bind(s);
  s.executeStep();
  return s.getColumn(0).getInt64();
}

std::vector<Ticket> page_where(SQLite::Database& db, Where w, const std::string& order, int limit, int offset) {
  SQLite::Statement s(db, std::string("SELECT ") + ticket_columns + " FROM tickets WHERE " + w.sql + " ORDER BY " + order +
                              " LIMIT ? OFFSET ?");
  w.values.push_back(std::int64_t{limit});
  w.values.push_back(std::int64_t{offset});
  w.bind(s);
  std::vector<Ticket> out;
  while (s.executeStep()) out.push_back(read_ticket(s));
  return out;
}

}  // namespace

std::string overdue_term(Time now) { return overdue_term_at(seconds(now)); }

std::string like_literal(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

TicketPage board(SQLite::Database& db, const TicketFilter& filter, const TicketScope& scope, Time now) {
  const Where w = where_of(filter, scope, now);
  return {count_where(db, w), page_where(db, w, "number DESC", filter.limit, filter.offset)};
}

std::int64_t count_tickets(SQLite::Database& db, const TicketFilter& filter, const TicketScope& scope, Time now) {
  return count_where(db, where_of(filter, scope, now));
}

void each_ticket(SQLite::Database& db, const TicketFilter& filter, const TicketScope& scope, Time now,
                 const std::function<void(const Ticket&)>& visit) {
  const Where w = where_of(filter, scope, now);
  SQLite::Statement s(db, std::string("SELECT ") + ticket_columns + " FROM tickets WHERE " + w.sql + " ORDER BY number DESC");
  w.bind(s);
  while (s.executeStep()) visit(read_ticket(s));
}

TicketPage overdue_board(SQLite::Database& db, const TicketScope& scope, Time now, int limit, int offset) {
  Where w;
  add_scope(w, scope, false);
  w.add(overdue_term_at(seconds(now)));
  // The earliest missed limit is the latest ticket; the number breaks ties the same way each time.
  return {count_where(db, w), page_where(db, w, late_since(seconds(now)) + ", number", limit, offset)};
}

}  // namespace gridbot::storage
