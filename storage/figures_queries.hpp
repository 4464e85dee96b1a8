// The figures (分析研判) as SQL aggregates on the reader connection: one pass over a period's
// tickets (an index range on created_at, or on (community, created_at) for a scoped viewer) joined
// by primary key to ticket_facts, the per-ticket summary of its audit trail that migration 7's
// trigger keeps. Each figure is one SQL condition here, used both to count (SUM) and to list the
// drill-down (WHERE), so a number and its tickets cannot disagree. What each figure means:
// handlers/figures/figure.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/figures/figure.hpp"
#include "handlers/figures/period.hpp"
#include "handlers/ticket.hpp"

namespace gridbot::storage {

// Which tickets: created within `span`, in `communities` (nothing: every community — the viewer
// sees all), in `grid` and `category` when set.
struct FiguresScope {
  figures::Span span;
  std::optional<std::vector<std::string>> communities;
  std::string grid, category;
};

class FiguresQueries {
 public:
  explicit FiguresQueries(SQLite::Database& db) : db_(db) {}

  // One row per (grid, category) with tickets in scope. `now` decides what is late while open.
  std::vector<figures::Slice> tallies(const FiguresScope& scope, Time now) const;
  // Seconds from report to first claim / to resolution, ascending (the tickets figure.hpp counts).
  std::vector<std::int64_t> claim_times(const FiguresScope& scope) const;
  std::vector<std::int64_t> resolve_times(const FiguresScope& scope) const;
  // The tickets one figure counts, newest first (created_at, then number), and how many there are in all.
  std::vector<Ticket> tickets(const FiguresScope& scope, figures::Figure figure, Time now, int limit, int offset) const;
  std::int64_t count(const FiguresScope& scope, figures::Figure figure, Time now) const;

 private:
  SQLite::Database& db_;
};

}  // namespace gridbot::storage
