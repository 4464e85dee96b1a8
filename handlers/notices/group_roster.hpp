// Who is in a group, for counting a notice's acknowledgements: the platform's own member list of
// the group when one is stored (飞书/钉钉/企业微信 群成员, fetched by bot/rosters), else the
// organization's roster (its residents and members of the group's grid), as for the local platform.
// Platform members are matched to organization people by their account on the group's platform;
// the others are counted by the name the platform shows, with anything like a phone number masked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/organization.hpp"
#include "handlers/time.hpp"

namespace gridbot {

// One member of a group as the platform lists it.
struct PlatformMember {
  std::string user_id;  // the platform's user id (Feishu open_id or user_id, DingTalk userid, WeCom userid)
  std::string name;     // the name the platform shows; may be empty
};

// A group's member list as last fetched from its platform.
struct PlatformRoster {
  std::vector<PlatformMember> members;
  Time fetched_at{};
};

class GroupRosterReader {
 public:
  virtual ~GroupRosterReader() = default;
  // The group's stored platform member list; nothing when none was ever fetched (or it was empty).
  virtual std::optional<PlatformRoster> roster_of(std::string_view group_id) const = 0;
};

enum class RosterSource { organization, platform };
std::string_view to_string(RosterSource source);

// One person a notice's acknowledgement is counted for.
struct RosterEntry {
  Person person;             // an organization person, or Kind::unknown with id = the platform user id
  std::string mention;       // the platform user id to @ in the group; empty when they have none there
};

struct GroupRoster {
  RosterSource source = RosterSource::organization;
  Time fetched_at{};  // platform: when the list was fetched
  std::vector<RosterEntry> people;
};

// The group's roster: the platform's when `rosters` holds one for it, else the organization's.
GroupRoster group_roster(const Group& group, const Organization& org, const GroupRosterReader* rosters);

}  // namespace gridbot
