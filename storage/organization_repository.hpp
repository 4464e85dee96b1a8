// The organization as tables, so the console and reports can join tickets to grids and members.
// The organization file stays the source of truth: start-up replaces these rows with it, and so
// does every console edit, in the writer transaction that reassigns the departed members' tickets.
#pragma once

#include <SQLiteCpp/Database.h>

#include "handlers/organization.hpp"

namespace gridbot::storage {

// Replaces every organization row with `org`, in the caller's transaction.
void replace_organization(SQLite::Database& db, const Organization& org);

}  // namespace gridbot::storage
