// The console's ticket queries on the reader connection: the board (filters, search, a page and
// the total), every match for the CSV, the overdue board and the Open311 listing. The viewer's
// scope is part of the WHERE clause, so a page never holds, and a count never counts, a ticket
// the viewer may not see.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/ticket.hpp"

namespace gridbot::storage {

// Which communities a viewer may read: all of them, or exactly these (none: nothing).
struct TicketScope {
  bool all = false;
  std::vector<std::string> communities;
};

struct TicketFilter {
  std::string grid, community, category;
  std::optional<TicketState> state;
  bool open_only = false;  // state "open": accepted, claimed or suspended
  bool closed_only = false;  // Open311's "closed": resolved, closed or cancelled
  std::optional<bool> overdue, urgent;
  std::optional<Time> created_from, created_before;  // [from, before)
  std::optional<Time> updated_from, updated_before;  // [from, before), Open311's dates
  std::vector<std::int64_t> numbers;  // empty: any
  bool public_only = false;  // Open311: sensitive matters (disputes, welfare, security) never listed
  std::string q;  // searched in the resident's words and the building; all digits also match the number
  int limit = 50, offset = 0;
};

struct TicketPage {
  std::int64_t total = 0;  // every match, before limit/offset
  std::vector<Ticket> tickets;
};

// Newest first.
TicketPage board(SQLite::Database& db, const TicketFilter& filter, const TicketScope& scope, Time now);
// How many match, and each match newest first, at most `max` of them (the CSV refuses more first).
std::int64_t count_tickets(SQLite::Database& db, const TicketFilter& filter, const TicketScope& scope, Time now);
void each_ticket(SQLite::Database& db, const TicketFilter& filter, const TicketScope& scope, Time now,
                 const std::function<void(const Ticket&)>& visit);
// 超期 tickets (handlers/lateness.hpp), the earliest missed limit (the most seconds late) first.
TicketPage overdue_board(SQLite::Database& db, const TicketScope& scope, Time now, int limit, int offset);

// The overdue filter's WHERE term over tickets' own columns (bench/console_board_bench prints its plan).
std::string overdue_term(Time now);

// "50%_off" → "50\%\_off": a LIKE pattern matching the text literally (escape character '\').
std::string like_literal(std::string_view text);

}  // namespace gridbot::storage
