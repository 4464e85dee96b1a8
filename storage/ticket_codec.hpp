// A ticket's row: the column list, and reading or binding a whole ticket in that order.
#pragma once

#include <SQLiteCpp/Statement.h>

#include "handlers/ticket.hpp"

namespace gridbot::storage {

extern const char* const ticket_columns;
inline constexpr int ticket_column_count = 32;

Ticket read_ticket(SQLite::Statement& s);  // from column 0 of the current row
void bind_ticket(SQLite::Statement& s, const Ticket& t);  // parameters 1..ticket_column_count

}  // namespace gridbot::storage
