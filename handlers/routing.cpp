#include "handlers/routing.hpp"

#include <algorithm>

namespace gridbot {

std::string grid_for_report(const Group& group, const std::optional<std::string>& building, const Organization& org) {
  if (!building) return group.grid;
  if (const Grid* own = org.grid(group.grid);
      own && std::find(own->buildings.begin(), own->buildings.end(), *building) != own->buildings.end())
    return own->id;
  // A community group, or a grid group told about a building of a neighbouring grid: the grid of
  // the community whose buildings include it. Building numbers are unique within a community.
  const std::string community = group.grid.empty() ? group.community : org.community_of_grid(group.grid);
  for (const auto& g : org.grids) {
    if (g.community != community) continue;
    if (std::find(g.buildings.begin(), g.buildings.end(), *building) != g.buildings.end()) return g.id;
  }
  return group.grid;
}

std::vector<const Member*> liaisons_of(const Organization& org, std::string_view department) {
  std::vector<const Member*> out;
  for (const auto& m : org.members)
    if (m.has_role(Role::liaison) && m.department == department) out.push_back(&m);
  return out;
}

const Member* route_owner(const Organization& org, const Policy& policy, std::string_view grid, std::string_view category) {
  if (auto route = policy.routes.find(category); route != policy.routes.end()) {
    if (!route->second.department.empty()) {
      auto liaisons = liaisons_of(org, route->second.department);
      if (!liaisons.empty()) return liaisons.front();
    } else if (route->second.role) {
      auto found = org.members_with_role(grid, *route->second.role);
      if (!found.empty()) return found.front();
    }
  }
  for (Role role : {Role::manager, Role::grid_head}) {
    auto found = org.members_with_role(grid, role);
    if (!found.empty()) return found.front();
  }
  return nullptr;
}

Role rung_role(int level) {
  switch (level) {
    case 0: return Role::manager;
    case 1: return Role::grid_head;
    case 2: return Role::community_head;
    default: return Role::street_officer;
  }
}

const Member* rung_member(const Organization& org, const Ticket& ticket, int level) {
  // A community-wide ticket without a grid still has its community and street above it.
  std::string_view scope = ticket.grid;
  if (scope.empty()) {
    for (const auto& g : org.grids)
      if (g.community == ticket.community) {
        scope = g.id;
        break;
      }
  }
  auto found = org.members_with_role(scope, rung_role(level));
  return found.empty() ? nullptr : found.front();
}

const Member* steward_for(const Organization& org, std::string_view grid, const std::optional<std::string>& building) {
  if (!building) return nullptr;
  for (const Member* m : org.members_with_role(grid, Role::steward))
    if (std::find(m->buildings.begin(), m->buildings.end(), *building) != m->buildings.end()) return m;
  return nullptr;
}

const Department* find_department(const Organization& org, std::string_view name) {
  if (name.empty()) return nullptr;
  if (const Department* d = org.department(name)) return d;
  for (const auto& d : org.departments)
    if (d.name == name) return &d;
  // A shortened name: "派出所" for "和平派出所", "物业" for "安居物业公司".
  for (const auto& d : org.departments)
    if (d.name.find(name) != std::string::npos) return &d;
  // What people call them: "公安", "民警" for the police station, "法援" for legal aid.
  static constexpr std::pair<std::string_view, std::string_view> everyday[]{
      {"公安", "派出所"}, {"警察", "派出所"}, {"民警", "派出所"}, {"法援", "法律援助"}, {"律师", "法律援助"}, {"执法", "城管"}};
  for (const auto& [word, fragment] : everyday)
    if (name.find(word) != std::string_view::npos)
      for (const auto& d : org.departments)
        if (d.name.find(fragment) != std::string::npos) return &d;
  return nullptr;
}

const Member* find_member(const Organization& org, std::string_view name) {
  if (name.empty()) return nullptr;
  if (const Member* m = org.member(name)) return m;
  for (const auto& m : org.members)
    if (m.name == name) return &m;
  return nullptr;
}

std::string department_name(const Organization& org, std::string_view id) {
  const Department* d = org.department(id);
  return d ? d->name : std::string(id);
}

std::string department_list(const Organization& org, std::string_view separator) {
  std::string out;
  for (const auto& d : org.departments) out += (out.empty() ? "" : std::string(separator)) + d.name;
  return out;
}

}  // namespace gridbot
