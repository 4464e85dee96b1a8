#include "handlers/notices/scope.hpp"

#include <algorithm>
#include <set>

#include "handlers/text_tools.hpp"

namespace gridbot {

namespace {

std::vector<std::string> scope_items(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto t = trim(current);
    if (!t.empty()) out.emplace_back(t);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    bool separator = false;
    for (std::string_view sep : {"、", "，", ",", "；", ";"})
      if (text.substr(i).starts_with(sep)) {
        flush();
        i += sep.size();
        separator = true;
        break;
      }
    if (!separator) current += text[i++];
  }
  flush();
  return out;
}

bool names(std::string_view item, const std::string& id, const std::string& name) { return item == id || item == name; }

// "幸福里" for "幸福里社区", "杨柳" for "杨柳村": how people shorten a community's name.
bool names_community(std::string_view item, const Community& c) {
  if (names(item, c.id, c.name)) return true;
  for (std::string_view suffix : {"社区", "村"})
    if (std::string_view(c.name).ends_with(suffix) && item == std::string_view(c.name).substr(0, c.name.size() - suffix.size()))
      return true;
  return false;
}

template <class T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool in_scope(const NoticeScope& s, const Group& g, const Organization& org) {
  if (s.all || contains(s.groups, g.id) || contains(s.communities, g.community)) return true;
  if (!g.grid.empty() && contains(s.grids, g.grid)) return true;
  for (const auto& tag : g.tags)
    if (contains(s.tags, tag)) return true;
  const Community* c = org.community(g.community);
  return c && contains(s.streets, c->street);
}

}  // namespace

bool NoticeScope::empty() const {
  return !all && streets.empty() && communities.empty() && grids.empty() && tags.empty() && groups.empty();
}

std::variant<NoticeScope, UnknownScopeItem> parse_scope(std::string_view text, const Organization& org) {
  NoticeScope scope;
  for (const auto& item : scope_items(text)) {
    if (item == "全部" || item == "所有" || item == "全部群" || item == "所有群" || item == "all") {
      scope.all = true;
      continue;
    }
    if (item.starts_with("#") || item.starts_with("＃") || item.starts_with("标签:") || item.starts_with("标签：")) {
      const std::size_t skip = item.starts_with("#") ? 1 : item.starts_with("＃") ? std::string_view("＃").size()
                                                                                 : std::string_view("标签:").size();
      const std::string tag(trim(std::string_view(item).substr(item.starts_with("标签：") ? std::string_view("标签：").size() : skip)));
      bool known = std::any_of(org.groups.begin(), org.groups.end(), [&](const Group& g) { return contains(g.tags, tag); });
      if (!known) return UnknownScopeItem{item};
      scope.tags.push_back(tag);
      continue;
    }
    auto street = std::find_if(org.streets.begin(), org.streets.end(), [&](const Street& s) { return names(item, s.id, s.name); });
    if (street != org.streets.end()) { scope.streets.push_back(street->id); continue; }
    auto community = std::find_if(org.communities.begin(), org.communities.end(),
                                  [&](const Community& c) { return names_community(item, c); });
    if (community != org.communities.end()) { scope.communities.push_back(community->id); continue; }
    auto grid = std::find_if(org.grids.begin(), org.grids.end(), [&](const Grid& g) { return names(item, g.id, g.name); });
    if (grid != org.grids.end()) { scope.grids.push_back(grid->id); continue; }
    auto group = std::find_if(org.groups.begin(), org.groups.end(), [&](const Group& g) { return names(item, g.id, g.name); });
    if (group != org.groups.end()) { scope.groups.push_back(group->id); continue; }
    return UnknownScopeItem{item};
  }
  return scope;
}

bool may_send_notices(const Member& m) {
  return m.has_role(Role::manager) || m.has_role(Role::grid_head) || m.has_role(Role::community_head) ||
         m.has_role(Role::street_officer);
}

bool may_notify_group(const Member& m, const Group& g, const Organization& org) {
  if (!m.grid.empty()) return g.grid == m.grid;
  if (!m.community.empty()) return g.community == m.community;
  if (!m.street.empty()) {
    const Community* c = org.community(g.community);
    return c && c->street == m.street;
  }
  return false;
}

ScopedGroups groups_in_scope(const NoticeScope& scope, const Member& sender, const Organization& org) {
  // "全部" means all of one's own groups; anything named explicitly outside them is refused.
  NoticeScope named = scope;
  named.all = false;
  ScopedGroups out;
  for (const auto& g : org.groups) {
    if (!in_scope(scope, g, org)) continue;
    if (may_notify_group(sender, g, org)) out.groups.push_back(&g);
    else if (in_scope(named, g, org)) out.forbidden.push_back(&g);
  }
  return out;
}

std::size_t people_reached(const std::vector<const Group*>& groups, std::string_view sender, const Organization& org) {
  std::set<std::string> people;
  for (const Group* g : groups)
    for (const auto& p : org.roster(*g))
      if (p.id != sender) people.insert(p.id);
  return people.size();
}

}  // namespace gridbot
