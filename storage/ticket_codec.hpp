// A ticket's row: the column list, and reading or binding a whole ticket in that order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <variant>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/ticket.hpp"

namespace gridbot::storage {

extern const char* const ticket_columns;
inline constexpr int ticket_column_count = 33;

Ticket read_ticket(SQLite::Statement& s);  // from column 0 of the current row
void bind_ticket(SQLite::Statement& s, const Ticket& t);  // parameters 1..ticket_column_count

// One column's value as SQLite stores it, so a ticket can be compared with its row before a save
// and only the columns that differ written.
// A stored REAL or BLOB (never written by this codec) reads as Unequal, so that column is rewritten.
struct Unequal {
  bool operator==(const Unequal&) const { return false; }
};
using ColumnValue = std::variant<std::monostate, std::int64_t, std::string, Unequal>;
using TicketRow = std::array<ColumnValue, ticket_column_count>;

TicketRow ticket_row(const Ticket& t);           // in ticket_columns' order
TicketRow read_row(SQLite::Statement& s);        // the raw values from column 0 of the current row
void bind_value(SQLite::Statement& s, int index, const ColumnValue& v);
const std::array<std::string, ticket_column_count>& ticket_column_names();

}  // namespace gridbot::storage
