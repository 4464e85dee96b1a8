// The escalation ladder (逐级上报): a breached deadline moves a ticket one rung up — manager →
// grid head → community head → street — each rung with its own deadline, a notification and an
// audit event. The rung's member joins the ticket (escalated_to) with the right to act on it; the
// owner stays.
#pragma once

#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

// `reason` is "claim" or "resolve": which deadline passed.
Actions escalate(Ticket t, std::string_view reason, const Context& ctx);

}  // namespace gridbot
