// The organization: streets → communities → grids → buildings, the members who answer for them,
// departments, residents and the chat groups bound to grids. Loaded at start-up and replaced whole
// by console edits (bot/organization_snapshots.hpp): an Organization itself never changes.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gridbot {

enum class Role { manager, grid_head, assistant, informant, supervisor, steward, community_head, street_officer, liaison };
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view name);

// Platform name → the person's user id on that platform.
using Accounts = std::map<std::string, std::string, std::less<>>;

struct Street { std::string id, name; };
struct Community { std::string id, name, street; };
struct Grid { std::string id, name, community; std::vector<std::string> buildings; };
struct Department { std::string id, name; };

struct Member {
  std::string id, name;
  std::vector<Role> roles;
  std::string grid, community, street, department;  // what they answer for; empty where not
  std::vector<std::string> buildings;               // a steward's buildings
  Accounts accounts;
  bool has_role(Role r) const;
};

struct Resident {
  std::string id, name, grid;
  std::optional<std::string> building, unit, room;
  Accounts accounts;
};

struct Group {
  std::string id, name;
  std::string grid, community;  // a group belongs to a grid or, for community-wide groups, a community
  std::string platform, account, chat_id;
  std::vector<std::string> tags;       // what notices may be scoped to ("老旧小区", "沿河")
  std::vector<std::string> languages;  // the notice versions it receives besides Chinese ("ug", "kk")
};

// Who may send notices through the API: a member and the SHA-256 of their bearer token (hex, lower
// case), so the organization file never holds a usable secret.
struct Admin {
  std::string member, token_sha256;
};

// Who wrote a message, as far as the organization knows them.
struct Person {
  enum class Kind { member, resident, unknown } kind = Kind::unknown;
  const Member* member = nullptr;
  const Resident* resident = nullptr;
  std::string id, name;
};

class Organization {
 public:
  Organization() = default;
  // Indexes point into the vectors: copying would leave them pointing into the original.
  Organization(const Organization&) = delete;
  Organization& operator=(const Organization&) = delete;
  Organization(Organization&&) = default;
  Organization& operator=(Organization&&) = default;

  std::string name;
  std::vector<Street> streets;
  std::vector<Community> communities;
  std::vector<Grid> grids;
  std::vector<Department> departments;
  std::vector<Member> members;
  std::vector<Resident> residents;
  std::vector<Group> groups;
  std::vector<Admin> admins;
  // Where staff are reached first (organization file `platform_preference`), e.g. wecom before
  // local: a ticket reported on one platform notifies a member on the first of these they have an
  // account on, else on the ticket's own platform.
  std::vector<std::string> platform_preference;

  // Builds the lookup indexes; call once after the vectors are filled.
  void index();

  const Grid* grid(std::string_view id) const;
  const Community* community(std::string_view id) const;
  const Member* member(std::string_view id) const;
  const Department* department(std::string_view id) const;
  const Group* group(std::string_view id) const;
  const Group* group_by_chat(std::string_view platform, std::string_view chat_id) const;
  Person person_by_account(std::string_view platform, std::string_view user_id) const;
  // Members of a grid (or, for community and street roles, of the grid's community/street) holding
  // a role, in file order.
  std::vector<const Member*> members_with_role(std::string_view grid_id, Role role) const;
  // Who is in a group: the residents and members of its grid (or community), and the members who
  // answer for its community. The roster a notice's acknowledgements are counted against.
  std::vector<Person> roster(const Group& group) const;
  // Whether a person (by id) is on the group's roster: one set lookup, for every group post.
  bool in_group(const Group& group, std::string_view person_id) const;
  // The (platform, user id) a person with `accounts` is reached on: the first preferred platform
  // they have an account on, else `fallback_platform`, else their first account; nothing when
  // they have none.
  std::optional<std::pair<std::string, std::string>> reachable(const Accounts& accounts,
                                                               std::string_view fallback_platform) const;
  // The community a grid or group belongs to.
  std::string community_of_grid(std::string_view grid_id) const;

 private:
  std::map<std::string, std::size_t, std::less<>> grid_index_, community_index_, member_index_, group_index_,
      department_index_;
  std::map<std::string, std::size_t, std::less<>> group_chat_index_;  // "platform\x1fchat_id"
  std::map<std::string, Person, std::less<>> account_index_;          // "platform\x1fuser_id"
  std::set<std::string, std::less<>> membership_;                     // "group_id\x1fperson_id"
};

}  // namespace gridbot
