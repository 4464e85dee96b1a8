#include "storage/figures_queries.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"
#include "storage/ticket_codec.hpp"

namespace gridbot::storage {

using figures::Figure;

namespace {

// States spelled out as ORs: an IN list of constants is tested through a temporary b-tree.
constexpr const char* done = "(t.state = 'resolved' OR t.state = 'closed')";
constexpr const char* rating = "COALESCE(f.last_rating, '')";
constexpr const char* claim_late =
    "(t.state <> 'cancelled' AND (COALESCE(f.claim_breached, 0) = 1 OR (t.state = 'accepted' AND t.claim_due_at < :now)))";
constexpr const char* resolve_late =
    "(t.state <> 'cancelled' AND (COALESCE(f.resolve_breached, 0) = 1"
    " OR ((t.state = 'resolved' OR t.state = 'closed') AND t.resolved_at > t.resolve_due_at)"
    " OR ((t.state = 'accepted' OR t.state = 'claimed') AND t.resolve_due_at < :now)))";

// The one definition of each figure (handlers/figures/figure.hpp), over tickets t LEFT JOIN
// ticket_facts f: 1 when the ticket counts, 0 when not (never NULL, so SUM and WHERE agree).
std::string condition(Figure figure) {
  const std::string r = rating;
  switch (figure) {
    case Figure::received: return "1";
    case Figure::answered: return "(f.answered_at IS NOT NULL)";
    case Figure::resolved: return done;
    case Figure::confirmed: return "(t.state = 'closed' AND (" + r + " = 'satisfied' OR " + r + " = 'basically_satisfied'))";
    case Figure::satisfied: return "(t.state = 'closed' AND " + r + " = 'satisfied')";
    case Figure::basically_satisfied: return "(t.state = 'closed' AND " + r + " = 'basically_satisfied')";
    case Figure::unsatisfied:
      return "((t.state = 'accepted' OR t.state = 'claimed' OR t.state = 'suspended') AND " + r + " = 'unsatisfied')";
    case Figure::unrated: return "(t.state = 'closed' AND " + r + " = 'unrated')";
    case Figure::awaiting_rating: return "(t.state = 'resolved')";
    case Figure::claim_on_time:
      return std::string("(t.state <> 'cancelled' AND f.claimed_at IS NOT NULL AND NOT ") + claim_late + ")";
    case Figure::claim_late: return claim_late;
    case Figure::resolve_on_time: return std::string("(") + done + " AND NOT " + resolve_late + ")";
    case Figure::resolve_late: return resolve_late;
  }
  return "0";
}

// The scope as a WHERE clause shaped so the planner takes the right index: the community one
// when the viewer's scope names communities, the created_at one otherwise.
std::string where(const FiguresScope& s) {
  std::string out = "t.created_at >= :begin AND t.created_at < :end";
  if (s.communities) out += " AND t.community IN (SELECT value FROM json_each(:communities))";
  if (!s.grid.empty()) out += " AND t.grid = :grid";
  if (!s.category.empty()) out += " AND t.category = :category";
  return out;
}

constexpr const char* from_tickets = " FROM tickets t LEFT JOIN ticket_facts f ON f.ticket = t.number WHERE ";

void bind_at(SQLite::Statement& q, const char* name, Time t) {
  q.bind(name, static_cast<std::int64_t>(t.time_since_epoch().count()));
}

void bind_scope(SQLite::Statement& q, const FiguresScope& s) {
  bind_at(q, ":begin", s.span.begin);
  bind_at(q, ":end", s.span.end);
  if (s.communities) q.bind(":communities", nlohmann::json(*s.communities).dump());
  if (!s.grid.empty()) q.bind(":grid", s.grid);
  if (!s.category.empty()) q.bind(":category", s.category);
}

bool uses_now(Figure f) {
  return f == Figure::claim_on_time || f == Figure::claim_late || f == Figure::resolve_on_time || f == Figure::resolve_late;
}

std::vector<std::int64_t> column_of(SQLite::Statement& q) {
  std::vector<std::int64_t> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
  return out;
}

}  // namespace

std::vector<figures::Slice> FiguresQueries::tallies(const FiguresScope& scope, Time now) const {
  std::string sql = "SELECT t.grid, t.category";
  for (Figure f : figures::all_figures) sql += ", SUM(" + condition(f) + ")";
  sql += from_tickets + where(scope) + " GROUP BY t.grid, t.category";
  SQLite::Statement q(db_, sql);
  bind_scope(q, scope);
  bind_at(q, ":now", now);
  std::vector<figures::Slice> out;
  while (q.executeStep()) {
    figures::Slice row{q.getColumn(0).getString(), q.getColumn(1).getString(), {}};
    for (std::size_t i = 0; i < figures::figure_count; ++i) row.tally.counts[i] = q.getColumn(static_cast<int>(i) + 2).getInt64();
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::int64_t> FiguresQueries::claim_times(const FiguresScope& scope) const {
  SQLite::Statement q(db_, std::string("SELECT f.claimed_at - t.created_at AS d") + from_tickets + where(scope) +
                               " AND t.state <> 'cancelled' AND f.claimed_at IS NOT NULL ORDER BY d");
  bind_scope(q, scope);
  return column_of(q);
}

std::vector<std::int64_t> FiguresQueries::resolve_times(const FiguresScope& scope) const {
  SQLite::Statement q(db_, std::string("SELECT t.resolved_at - t.created_at AS d") + from_tickets + where(scope) + " AND " +
                               done + " ORDER BY d");
  bind_scope(q, scope);
  return column_of(q);
}

// Newest first by created_at, then number: the created_at index read backwards gives that order
// (its entries end in the row id), so a page of 500 never sorts the period's 100k tickets.
std::vector<Ticket> FiguresQueries::tickets(const FiguresScope& scope, Figure figure, Time now, int limit, int offset) const {
  std::string columns;
  for (const auto& name : ticket_column_names()) columns += (columns.empty() ? "t." : ", t.") + name;
  SQLite::Statement q(db_, "SELECT " + columns + from_tickets + where(scope) + " AND " + condition(figure) +
                               " ORDER BY t.created_at DESC, t.number DESC LIMIT :limit OFFSET :offset");
  bind_scope(q, scope);
  if (uses_now(figure)) bind_at(q, ":now", now);
  q.bind(":limit", limit);
  q.bind(":offset", offset);
  std::vector<Ticket> out;
  while (q.executeStep()) out.push_back(read_ticket(q));
  return out;
}

std::int64_t FiguresQueries::count(const FiguresScope& scope, Figure figure, Time now) const {
  SQLite::Statement q(db_, std::string("SELECT COUNT(*)") + from_tickets + where(scope) + " AND " + condition(figure));
  bind_scope(q, scope);
  if (uses_now(figure)) bind_at(q, ":now", now);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace gridbot::storage
