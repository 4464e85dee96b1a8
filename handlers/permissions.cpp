#include "handlers/permissions.hpp"

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

}  // namespace gridbot
