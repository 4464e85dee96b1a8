// Whether a member may act on a ticket: every staff action is checked against the member's grid
// (or community / street, for the rungs above) and role before anything changes.
#pragma once

#include "handlers/organization.hpp"
#include "handlers/ticket.hpp"

namespace gridbot {

bool may_act_on(const Member& member, const Ticket& ticket, const Organization& org);
// 督办: supervisors, grid heads, community heads and the street, within their scope.
bool may_supervise(const Member& member, const Ticket& ticket, const Organization& org);

// A steward (楼门管家) helps with the buildings they look after: they may comment (回复) on and
// follow (查) those tickets, but not claim, resolve, transfer or pause them.
bool is_steward_only(const Member& member);
bool looks_after(const Member& steward, const Ticket& ticket);

// 转办 within one's scope: to a member of one's own grid (community, street) who can carry a
// ticket, or to a department's liaison.
bool may_transfer_to(const Member& sender, const Member& target, const Organization& org);

}  // namespace gridbot
