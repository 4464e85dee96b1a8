// The platforms' group member lists in memory, for pure handler tests (storage/roster_repository
// in the service).
#pragma once

#include <map>
#include <string>

#include "handlers/notices/group_roster.hpp"

namespace gridbot::testing {

class MemoryRosters : public GroupRosterReader {
 public:
  std::map<std::string, PlatformRoster, std::less<>> lists;

  std::optional<PlatformRoster> roster_of(std::string_view group_id) const override {
    auto it = lists.find(group_id);
    if (it == lists.end() || it->second.members.empty()) return std::nullopt;
    return it->second;
  }
};

}  // namespace gridbot::testing
