#include "bot/console/organization_view.hpp"

namespace gridbot::console {

using nlohmann::json;

namespace {

bool may_see_street(const Viewer& viewer, const Organization& org, std::string_view street) {
  if (viewer.role == ConsoleRole::admin || (viewer.role == ConsoleRole::supervisor && viewer.street.empty())) return true;
  if (viewer.role == ConsoleRole::community) {
    const Community* c = org.community(viewer.community);
    return c && c->street == street;
  }
  return viewer.street == street;
}

}  // namespace

bool may_see_member(const Viewer& viewer, const Organization& org, const Member& member) {
  if (!member.grid.empty()) return viewer.may_see_grid(org, member.grid);
  if (!member.community.empty()) return viewer.may_see_community(org, member.community);
  if (!member.street.empty()) return may_see_street(viewer, org, member.street);
  return true;  // a department's liaison: summoned from every grid
}

bool may_edit_member(const Viewer& viewer, const Organization& org, const Member& member) {
  if (!viewer.may_assign()) return false;
  if (viewer.role == ConsoleRole::admin) return true;
  if (!member.grid.empty()) return viewer.may_see_grid(org, member.grid);
  if (!member.community.empty()) return viewer.may_see_community(org, member.community);
  if (!member.street.empty()) return viewer.role == ConsoleRole::street && viewer.street == member.street;
  return false;
}

bool may_edit_group(const Viewer& viewer, const Organization& org, const Group& group) {
  return viewer.may_assign() && viewer.may_see_group(org, group);
}

bool may_edit_community(const Viewer& viewer, const Organization& org, std::string_view community) {
  return viewer.may_assign() && viewer.may_see_community(org, community);
}

json member_json(const Member& m) {
  json roles = json::array();
  for (Role r : m.roles) roles.push_back(std::string(to_string(r)));
  return {{"id", m.id},         {"name", m.name},           {"roles", roles},         {"grid", m.grid},
          {"community", m.community}, {"street", m.street}, {"department", m.department},
          {"buildings", m.buildings}, {"accounts", json(m.accounts)}};
}

json group_json(const Group& g) {
  return {{"id", g.id},           {"name", g.name},       {"grid", g.grid},   {"community", g.community},
          {"platform", g.platform}, {"account", g.account}, {"chat_id", g.chat_id}, {"tags", g.tags},
          {"languages", g.languages}};
}

json organization_json(const Organization& org, const Viewer& viewer) {
  json streets = json::array(), communities = json::array(), grids = json::array(), departments = json::array(),
       members = json::array(), groups = json::array();
  for (const auto& s : org.streets)
    if (may_see_street(viewer, org, s.id)) streets.push_back({{"id", s.id}, {"name", s.name}});
  for (const auto& c : org.communities)
    if (viewer.may_see_community(org, c.id)) communities.push_back({{"id", c.id}, {"name", c.name}, {"street", c.street}});
  for (const auto& g : org.grids)
    if (viewer.may_see_grid(org, g.id))
      grids.push_back({{"id", g.id}, {"name", g.name}, {"community", g.community}, {"buildings", g.buildings}});
  for (const auto& d : org.departments) departments.push_back({{"id", d.id}, {"name", d.name}});
  for (const auto& m : org.members)
    if (may_see_member(viewer, org, m)) {
      json entry = member_json(m);
      entry["editable"] = may_edit_member(viewer, org, m);
      members.push_back(std::move(entry));
    }
  for (const auto& g : org.groups)
    if (viewer.may_see_group(org, g)) groups.push_back(group_json(g));
  return {{"name", org.name},       {"editable", viewer.may_assign()}, {"streets", streets},
          {"communities", communities}, {"grids", grids},            {"departments", departments},
          {"members", members},     {"groups", groups}};
}

}  // namespace gridbot::console
