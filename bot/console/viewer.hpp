// Who is asking, for every console and /api/v1 request: a console user signed in with a session
// cookie, or an admin with a bearer token. Every route asks the Viewer before it reads or acts,
// so a community user never sees another community's tickets, groups or figures.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bot/http/router.hpp"
#include "handlers/organization.hpp"

namespace gridbot::console {

// admin: everything · street: one street · community: one community · supervisor (督查): reads
// everything in its street (all streets when none is set) and may only supervise (督办) and add
// notes; it never assigns or transfers.
enum class ConsoleRole { admin, street, community, supervisor };
std::string_view to_string(ConsoleRole role);
std::optional<ConsoleRole> console_role_from_string(std::string_view name);

struct Viewer {
  std::string user;  // console user id; "token:<member id>" for a bearer token
  std::string name;
  ConsoleRole role = ConsoleRole::community;
  std::string street, community;  // the scope; empty where the role does not narrow it
  std::string member;             // the member who acts when the viewer acts (may be empty)

  bool may_see_community(const Organization& org, std::string_view community_id) const;
  bool may_see_grid(const Organization& org, std::string_view grid_id) const;
  bool may_see_group(const Organization& org, const Group& group) const;
  // assign, transfer: admin, street, community within their scope. supervise, note: any role.
  bool may_assign() const { return role != ConsoleRole::supervisor; }
};

// Resolves the viewer of a request, or nothing (the route answers 401). Built by bot/console's
// auth from the session store and the admins' bearer tokens; tests pass a lambda.
using Authenticate = std::function<std::optional<Viewer>(const http::Request&)>;

// The viewer an admin's "Authorization: Bearer <token>" stands for (the organization file's
// `admins`): a street officer sees their street, anyone else their community; a member who
// answers for neither gets nothing.
std::optional<Viewer> bearer_viewer(const http::Request& request, const Organization& org);

}  // namespace gridbot::console
