#include "handlers/permissions.hpp"

#include <algorithm>

namespace gridbot {

bool may_act_on(const Member& member, const Ticket& ticket, const Organization& org) {
  // Whoever the ticket is with: its owner, its claimer, the rung it was escalated to.
  if (ticket.owner == member.id || ticket.claimed_by == member.id || ticket.escalated_to == member.id) return true;
  // A summoned department's liaison works on the ticket alongside the grid.
  if (member.has_role(Role::liaison)) return !member.department.empty() && ticket.summons_of(member.department);
  if (!member.grid.empty()) return member.grid == ticket.grid;
  if (!member.community.empty()) return member.community == ticket.community;
  if (!member.street.empty()) {
    const Community* c = org.community(ticket.community);
    return c && c->street == member.street;
  }
  return false;
}

bool may_supervise(const Member& member, const Ticket& ticket, const Organization& org) {
  bool supervising_role = member.has_role(Role::supervisor) || member.has_role(Role::grid_head) ||
                          member.has_role(Role::community_head) || member.has_role(Role::street_officer);
  return supervising_role && !member.has_role(Role::liaison) && may_act_on(member, ticket, org);
}

bool is_steward_only(const Member& member) {
  return !member.roles.empty() &&
         std::all_of(member.roles.begin(), member.roles.end(), [](Role r) { return r == Role::steward || r == Role::informant; });
}

bool looks_after(const Member& steward, const Ticket& ticket) {
  return ticket.building && steward.grid == ticket.grid &&
         std::find(steward.buildings.begin(), steward.buildings.end(), *ticket.building) != steward.buildings.end();
}

bool may_transfer_to(const Member& sender, const Member& target, const Organization& org) {
  if (target.has_role(Role::liaison)) return true;  // a department: every scope may hand work to one
  if (is_steward_only(target)) return false;        // a steward cannot carry a ticket
  const std::string target_community = target.grid.empty() ? target.community : org.community_of_grid(target.grid);
  if (!sender.grid.empty()) return target.grid == sender.grid;
  if (!sender.community.empty()) return target_community == sender.community;
  if (!sender.street.empty()) {
    if (target.street == sender.street) return true;
    const Community* c = org.community(target_community);
    return c && c->street == sender.street;
  }
  return false;
}

}  // namespace gridbot
