// What a console viewer sees of the organization and may change in it. Read: everything in the
// viewer's scope (departments' liaisons serve every grid, so everyone sees them). Edit: admin,
// street and community viewers within their scope; a supervisor (督查) reads only.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/console/viewer.hpp"
#include "handlers/organization.hpp"

namespace gridbot::console {

bool may_see_member(const Viewer& viewer, const Organization& org, const Member& member);
// A member who answers for a grid or community: its community's viewers and up; one who answers
// only for a street: that street's viewers; only for a department: admins.
bool may_edit_member(const Viewer& viewer, const Organization& org, const Member& member);
bool may_edit_group(const Viewer& viewer, const Organization& org, const Group& group);
bool may_edit_community(const Viewer& viewer, const Organization& org, std::string_view community);

nlohmann::json member_json(const Member& m);
nlohmann::json group_json(const Group& g);
// GET /api/v1/organization: streets, communities, grids, departments, members and groups in scope.
nlohmann::json organization_json(const Organization& org, const Viewer& viewer);

}  // namespace gridbot::console
