#include "bot/console/viewer.hpp"

#include <array>
#include <utility>

#include "bot/notices_api.hpp"

namespace gridbot::console {

namespace {

constexpr std::array<std::pair<ConsoleRole, std::string_view>, 4> names{{
    {ConsoleRole::admin, "admin"},
    {ConsoleRole::street, "street"},
    {ConsoleRole::community, "community"},
    {ConsoleRole::supervisor, "supervisor"},
}};

}  // namespace

std::string_view to_string(ConsoleRole role) {
  for (const auto& [r, name] : names)
    if (r == role) return name;
  return "community";
}

std::optional<ConsoleRole> console_role_from_string(std::string_view name) {
  for (const auto& [r, n] : names)
    if (n == name) return r;
  return std::nullopt;
}

bool Viewer::may_see_community(const Organization& org, std::string_view community_id) const {
  switch (role) {
    case ConsoleRole::admin: return true;
    case ConsoleRole::community: return !community.empty() && community == community_id;
    case ConsoleRole::street:
    case ConsoleRole::supervisor: {
      if (role == ConsoleRole::supervisor && street.empty()) return true;  // a supervisor of everything
      const Community* c = org.community(community_id);
      return c && !street.empty() && c->street == street;
    }
  }
  return false;
}

bool Viewer::may_see_grid(const Organization& org, std::string_view grid_id) const {
  if (role == ConsoleRole::admin) return true;
  const Grid* g = org.grid(grid_id);
  return g && may_see_community(org, g->community);
}

bool Viewer::may_see_group(const Organization& org, const Group& group) const {
  if (!group.grid.empty()) return may_see_grid(org, group.grid);
  return may_see_community(org, group.community);
}

std::optional<Viewer> bearer_viewer(const http::Request& request, const Organization& org) {
  const Member* m = admin_for(request[boost::beast::http::field::authorization], org);
  if (!m) return std::nullopt;
  // A grid's member answers for the grid's community: the file names only the grid.
  const std::string community = !m->community.empty() ? m->community : org.community_of_grid(m->grid);
  Viewer v{.user = "token:" + m->id, .name = m->name, .street = m->street, .community = community, .member = m->id};
  if (m->has_role(Role::street_officer) && !m->street.empty()) {
    v.role = ConsoleRole::street;
    v.community.clear();
  } else if (!community.empty()) {
    v.role = ConsoleRole::community;
  } else {
    return std::nullopt;
  }
  return v;
}

}  // namespace gridbot::console
