// Timers that fell due: deadlines of the time-limited process (限时办结).
#pragma once

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

Actions handle_timer(const TimerDue& timer, const Context& ctx);

}  // namespace gridbot
