// 通知进度: per notice, the groups targeted, delivered and failed (with the reason), the people
// reached, and acknowledgements per grid. The sender reads it by direct message ("通知 N 进度"),
// the console from the API; both from this one computation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "handlers/context.hpp"
#include "handlers/notices/group_roster.hpp"

namespace gridbot {

// A delivered group's people who have not acknowledged (yet): what the deadline's reminder names.
struct GroupNonResponders {
  std::string group, group_name;
  std::vector<Person> people;
};

// How one delivered group was counted, and against which roster (the report says which).
struct GroupCount {
  std::string group, group_name;
  RosterSource source = RosterSource::organization;
  Time fetched_at{};  // platform: when its member list was fetched
  std::int64_t people = 0, acknowledged = 0;
};

struct GridProgress {
  std::string grid;  // grid id; for a community-wide group, its community's id
  std::string name;
  std::int64_t people = 0;        // on the rosters of the grid's delivered groups
  std::int64_t acknowledged = 0;  // of them
  std::vector<GroupNonResponders> missing;  // asked to acknowledge: per group, who has not
  std::vector<GroupCount> groups;            // its delivered groups
};

struct FailedDelivery {
  std::string group, group_name;
  std::string reason;  // a sentence for staff (templates "notice.failure.*")
  int errcode = 0;     // the platform's code, for the administrator
};

struct NoticeProgress {
  std::int64_t targeted = 0, delivered = 0, failed = 0, pending = 0;
  std::int64_t reached = 0, acknowledged = 0;
  std::vector<FailedDelivery> failures;
  std::vector<GridProgress> grids;  // in organization order
};

NoticeProgress notice_progress(const Notice& n, const Context& ctx);
std::string progress_text(const Notice& n, const NoticeProgress& p, const Context& ctx);

// The sender, or a member whose jurisdiction holds every group the notice went to.
bool may_read_progress(const Member& member, const Notice& n, const Organization& org);

// Who on the group's roster (group_roster: the platform's member list when one is stored) has not
// acknowledged; the sender never counts as missing.
std::vector<RosterEntry> not_acknowledged(const Notice& n, const Group& g, const GroupRoster& roster, const Context& ctx);

}  // namespace gridbot
