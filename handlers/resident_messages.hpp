// Everything a resident says, in a group or to the bot directly, goes through here: a rating, a
// withdrawal, a reply or chase about an existing ticket, a new request, or nothing at all.
#pragma once

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

// `event.message.read` is set (handle() sees to it).
Actions handle_resident_message(const MessageReceived& event, const Context& ctx);

}  // namespace gridbot
