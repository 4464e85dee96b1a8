// Staff write to the bot directly: "接单 1001" claims, "查 1001" shows one ticket. Anything else
// gets the help text, never silence.
#pragma once

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

// `event.message.read` is set (handle() sees to it).
Actions handle_staff_message(const MessageReceived& event, const Member& member, const Context& ctx);

}  // namespace gridbot
