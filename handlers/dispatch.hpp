// The one entry point of the domain: an Event and its Context in, Actions out.
#pragma once

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

Actions handle(const Event& event, const Context& ctx);

}  // namespace gridbot
