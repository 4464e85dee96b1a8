#include "storage/roster_repository.hpp"

#include "storage/sql_values.hpp"

namespace gridbot::storage {

const char* RosterRepository::wanted_sql() {
  return "SELECT d.group_id, n.sent_at, MAX(n.deadline),"
         " (SELECT r.fetched_at FROM group_rosters r WHERE r.group_id = d.group_id LIMIT 1) FROM notices n"
         // CROSS JOIN keeps the open notices first: left to itself the planner walks every
         // copy ever delivered (notice_deliveries_group) to save the GROUP BY's sort.
         " CROSS JOIN notice_deliveries d ON d.notice = n.id"
         " WHERE n.require_ack = 1 AND n.status = 'sent' AND n.deadline > ?1 AND d.status = 'sent'"
         " GROUP BY d.group_id ORDER BY d.group_id";
}

RosterRepository::RosterRepository(SQLite::Database& db)
    : of_(db, "SELECT user_id, name, fetched_at FROM group_rosters WHERE group_id = ? ORDER BY name, user_id"),
      wanted_(db, wanted_sql()),
      clear_(db, "DELETE FROM group_rosters WHERE group_id = ?"),
      insert_(db, "INSERT OR REPLACE INTO group_rosters(group_id, user_id, name, fetched_at) VALUES(?,?,?,?)") {}

std::optional<PlatformRoster> RosterRepository::roster_of(std::string_view group_id) const {
  Reset guard(of_);
  bind_text(of_, 1, group_id);
  PlatformRoster out;
  while (of_.executeStep()) {
    out.members.push_back({of_.getColumn(0).getString(), of_.getColumn(1).getString()});
    out.fetched_at = to_time(of_.getColumn(2));
  }
  if (out.members.empty()) return std::nullopt;
  return out;
}

std::vector<RosterWanted> RosterRepository::wanted(Time now) const {
  Reset guard(wanted_);
  bind_time(wanted_, 1, now);
  std::vector<RosterWanted> out;
  // SQLite takes the bare column (sent_at) from the row holding the MAX.
  while (wanted_.executeStep())
    out.push_back({wanted_.getColumn(0).getString(), to_time(wanted_.getColumn(1)), to_time(wanted_.getColumn(2)),
                   wanted_.getColumn(3).isNull() ? std::nullopt : std::optional(to_time(wanted_.getColumn(3)))});
  return out;
}

void RosterRepository::replace(std::string_view group_id, const std::vector<PlatformMember>& members, Time at) {
  {
    Reset guard(clear_);
    bind_text(clear_, 1, group_id);
    clear_.exec();
  }
  for (const auto& m : members) {
    Reset guard(insert_);
    bind_text(insert_, 1, group_id);
    bind_text(insert_, 2, m.user_id);
    bind_text(insert_, 3, m.name);
    bind_time(insert_, 4, at);
    insert_.exec();
  }
}

}  // namespace gridbot::storage
