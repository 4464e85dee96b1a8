// A roster change (人员变动): when the organization is edited, a member who leaves a ticket's grid
// — removed, moved to another grid, or no longer holding the role that made them answer for it —
// hands that ticket to the grid's head (or the community head when the grid has none), with an
// audit event naming from, to and why, and a notification to whoever takes it over.
//
// Timers need no change: deadlines and reminders are keyed on the ticket and its ladder level and
// read the ticket's current owner when they fire, so they now chase the successor.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

struct RosterChange {
  Actions actions;
  std::vector<std::int64_t> reassigned;  // ticket numbers, ascending
};

// `before` is the organization the open tickets were assigned under; ctx.org is the new one and
// ctx.tickets reads the open tickets. `actor` is the member who made the edit ("system" if none).
RosterChange hand_over_departed(const Organization& before, std::string_view actor, const Context& ctx);

}  // namespace gridbot
