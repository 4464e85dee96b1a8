// The platforms' member lists of groups (migration 10), and which groups want theirs refreshed:
// those holding a delivered copy of a notice whose acknowledgements are still being counted.
#pragma once

#include <optional>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/notices/group_roster.hpp"

namespace gridbot::storage {

// A group with a delivered copy of an open notice that asks for acknowledgement.
struct RosterWanted {
  std::string group_id;
  Time sent_at{}, deadline{};       // of its notice with the latest deadline
  std::optional<Time> fetched_at;  // of the group's stored list, if one is stored
};

class RosterRepository : public GroupRosterReader {
 public:
  explicit RosterRepository(SQLite::Database& db);

  std::optional<PlatformRoster> roster_of(std::string_view group_id) const override;
  // The groups with delivered copies of notices asking for acknowledgement whose deadline is
  // after `now`, each once (its notice with the latest deadline). Few rows: through the partial
  // index of open acknowledged notices.
  std::vector<RosterWanted> wanted(Time now) const;
  static const char* wanted_sql();  // its statement, for tests that read its plan

  // The group's list becomes `members` (the old rows go), fetched at `at`.
  void replace(std::string_view group_id, const std::vector<PlatformMember>& members, Time at);

 private:
  mutable SQLite::Statement of_, wanted_;
  SQLite::Statement clear_, insert_;
};

}  // namespace gridbot::storage
