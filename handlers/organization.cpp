#include "handlers/organization.hpp"

#include <algorithm>
#include <array>

namespace gridbot {

namespace {
constexpr std::array<std::string_view, 9> role_names{"manager",  "grid_head",      "assistant",      "informant", "supervisor",
                                                     "steward",  "community_head", "street_officer", "liaison"};

std::string account_key(std::string_view platform, std::string_view user_id) {
  std::string key(platform);
  key += '\x1f';
  key += user_id;
  return key;
}

template <class T>
const T* find_indexed(const std::map<std::string, std::size_t, std::less<>>& index, const std::vector<T>& items,
                      std::string_view id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &items[it->second];
}
}  // namespace

std::string_view to_string(Role role) { return role_names[static_cast<std::size_t>(role)]; }

std::optional<Role> role_from_string(std::string_view name) {
  for (std::size_t i = 0; i < role_names.size(); ++i)
    if (role_names[i] == name) return static_cast<Role>(i);
  return std::nullopt;
}

bool Member::has_role(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

void Organization::index() {
  grid_index_.clear();
  community_index_.clear();
  member_index_.clear();
  group_index_.clear();
  department_index_.clear();
  group_chat_index_.clear();
  account_index_.clear();
  membership_.clear();
  for (std::size_t i = 0; i < grids.size(); ++i) grid_index_.emplace(grids[i].id, i);
  for (std::size_t i = 0; i < communities.size(); ++i) community_index_.emplace(communities[i].id, i);
  for (std::size_t i = 0; i < departments.size(); ++i) department_index_.emplace(departments[i].id, i);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    group_index_.emplace(groups[i].id, i);
    group_chat_index_.emplace(account_key(groups[i].platform, groups[i].chat_id), i);
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& m = members[i];
    member_index_.emplace(m.id, i);
    for (const auto& [platform, user] : m.accounts)
      account_index_.emplace(account_key(platform, user), Person{Person::Kind::member, &m, nullptr, m.id, m.name});
  }
  for (const auto& r : residents)
    for (const auto& [platform, user] : r.accounts)
      account_index_.emplace(account_key(platform, user), Person{Person::Kind::resident, nullptr, &r, r.id, r.name});
  for (const auto& g : groups)
    for (const auto& person : roster(g)) membership_.insert(account_key(g.id, person.id));
}

bool Organization::in_group(const Group& group, std::string_view person_id) const {
  return membership_.contains(account_key(group.id, person_id));
}

const Grid* Organization::grid(std::string_view id) const { return find_indexed(grid_index_, grids, id); }
const Community* Organization::community(std::string_view id) const {
  return find_indexed(community_index_, communities, id);
}
const Member* Organization::member(std::string_view id) const { return find_indexed(member_index_, members, id); }
const Department* Organization::department(std::string_view id) const {
  return find_indexed(department_index_, departments, id);
}
const Group* Organization::group(std::string_view id) const { return find_indexed(group_index_, groups, id); }

const Group* Organization::group_by_chat(std::string_view platform, std::string_view chat_id) const {
  auto it = group_chat_index_.find(account_key(platform, chat_id));
  return it == group_chat_index_.end() ? nullptr : &groups[it->second];
}

Person Organization::person_by_account(std::string_view platform, std::string_view user_id) const {
  auto it = account_index_.find(account_key(platform, user_id));
  if (it != account_index_.end()) return it->second;
  return Person{Person::Kind::unknown, nullptr, nullptr, std::string(user_id), std::string(user_id)};
}

std::string Organization::community_of_grid(std::string_view grid_id) const {
  const Grid* g = grid(grid_id);
  return g ? g->community : std::string();
}

std::vector<Person> Organization::roster(const Group& group) const {
  std::vector<Person> out;
  for (const auto& m : members) {
    bool in = group.grid.empty() ? (m.community == group.community || (!m.grid.empty() && community_of_grid(m.grid) == group.community))
                                 : (m.grid == group.grid || (m.grid.empty() && m.community == group.community));
    if (in) out.push_back(Person{Person::Kind::member, &m, nullptr, m.id, m.name});
  }
  for (const auto& r : residents) {
    bool in = group.grid.empty() ? community_of_grid(r.grid) == group.community : r.grid == group.grid;
    if (in) out.push_back(Person{Person::Kind::resident, nullptr, &r, r.id, r.name});
  }
  return out;
}

std::vector<const Member*> Organization::members_with_role(std::string_view grid_id, Role role) const {
  const std::string community_id = community_of_grid(grid_id);
  const Community* c = community(community_id);
  const std::string street_id = c ? c->street : std::string();
  std::vector<const Member*> out;
  for (const auto& m : members) {
    if (!m.has_role(role)) continue;
    bool answers = (!m.grid.empty() && m.grid == grid_id) ||
                   (m.grid.empty() && !m.community.empty() && m.community == community_id) ||
                   (m.grid.empty() && m.community.empty() && !m.street.empty() && m.street == street_id);
    if (answers) out.push_back(&m);
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> Organization::reachable(const Accounts& accounts,
                                                                           std::string_view fallback_platform) const {
  for (const auto& platform : platform_preference)
    if (auto it = accounts.find(platform); it != accounts.end()) return *it;
  if (auto it = accounts.find(fallback_platform); it != accounts.end()) return *it;
  if (accounts.empty()) return std::nullopt;
  return *accounts.begin();
}

}  // namespace gridbot
