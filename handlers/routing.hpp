// Who answers for what: the responsible member of a new ticket (by category and grid), the member
// on each rung of the escalation ladder, a building's steward, and finding people and departments
// by the names staff type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/organization.hpp"
#include "handlers/policy.hpp"
#include "handlers/ticket.hpp"

namespace gridbot {

// The grid a report belongs to: the grid whose buildings include the building named in the message
// (in the group's community, so a grid group may hear of a neighbouring grid's building), else the
// group's grid. Empty for a community-wide group when the message names no building of it.
std::string grid_for_report(const Group& group, const std::optional<std::string>& building, const Organization& org);

// The first owner of a new ticket: the category's route (a role in the grid, or a department's
// liaison), else the grid's manager, else its grid head.
const Member* route_owner(const Organization& org, const Policy& policy, std::string_view grid, std::string_view category);

// The role on a rung of the ladder (0 manager … 3 street_officer) and its member for a ticket.
Role rung_role(int level);
const Member* rung_member(const Organization& org, const Ticket& ticket, int level);

const Member* steward_for(const Organization& org, std::string_view grid, const std::optional<std::string>& building);
std::vector<const Member*> liaisons_of(const Organization& org, std::string_view department);

// By id or by name, as staff type them ("和平派出所", "派出所", "police"; "陈静").
const Department* find_department(const Organization& org, std::string_view name);
const Member* find_member(const Organization& org, std::string_view name);
std::string department_name(const Organization& org, std::string_view id);
// "和平派出所、安居物业公司…", joined with the template's list separator.
std::string department_list(const Organization& org, std::string_view separator);

}  // namespace gridbot
