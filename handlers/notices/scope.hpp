// Who a notice reaches: all groups, streets, communities, grids, groups with a tag, or named
// groups — and whether the sender may reach them. Every notice is checked against the sender's
// role and grid (community, street) before anything is queued.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "handlers/organization.hpp"

namespace gridbot {

struct NoticeScope {
  bool all = false;  // every group the sender may reach
  std::vector<std::string> streets, communities, grids, tags, groups;  // ids; tags by name
  bool empty() const;
};

// "全部", "幸福里社区", "幸福里第一网格、杨柳村二组群", "#老旧小区": items separated by 、 or commas,
// each an id or a name (a community also without its 社区/村). An item nothing matches is returned
// as the error, to be named back to the sender.
struct UnknownScopeItem {
  std::string item;
};
std::variant<NoticeScope, UnknownScopeItem> parse_scope(std::string_view text, const Organization& org);

// Roles that may send notices: a grid's manager or head, a community head, the street.
bool may_send_notices(const Member& member);
// A group inside the member's grid, community or street.
bool may_notify_group(const Member& member, const Group& group, const Organization& org);

struct ScopedGroups {
  std::vector<const Group*> groups;     // what the notice goes to, in file order, each once
  std::vector<const Group*> forbidden;  // named by the scope but outside the sender's jurisdiction
};
ScopedGroups groups_in_scope(const NoticeScope& scope, const Member& sender, const Organization& org);

// Distinct people on the rosters of `groups` but the sender: the reach a confirmation and the API
// answer show (the report counts the same way).
std::size_t people_reached(const std::vector<const Group*>& groups, std::string_view sender, const Organization& org);

}  // namespace gridbot
