// The organization as tables, so the console and reports can join tickets to grids and members.
// The organization file stays the source of truth: start-up replaces these rows with it, and so
// does every console edit, in the writer transaction that reassigns the departed members' tickets.
#pragma once

#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/organization.hpp"

namespace gridbot::storage {

// Replaces every organization row with `org`, in the caller's transaction.
void replace_organization(SQLite::Database& db, const Organization& org);

// Everyone an open ticket names (owner, claimer, the rung's member), with their name as the
// tables last had it (the id when the tables never had them). Read at start-up before the tables
// are replaced, to find tickets held by members the file no longer has.
struct StoredMember {
  std::string id, name;
};
std::vector<StoredMember> members_on_open_tickets(SQLite::Database& db);

}  // namespace gridbot::storage
