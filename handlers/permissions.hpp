// Whether a member may act on a ticket: every staff action is checked against the member's grid
// (or community / street, for the rungs above) and role before anything changes.
#pragma once

#include "handlers/organization.hpp"
#include "handlers/ticket.hpp"

namespace gridbot {

bool may_act_on(const Member& member, const Ticket& ticket, const Organization& org);
// 督办: supervisors, grid heads, community heads and the street, within their scope.
bool may_supervise(const Member& member, const Ticket& ticket, const Organization& org);

}  // namespace gridbot
