// Intake (受理): a resident's message in a group becomes a ticket, a receipt in the group and a
// private notification to the responsible member. Chit-chat, acks and thanks create nothing.
#pragma once

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

Actions handle_resident_message(const MessageReceived& event, const Context& ctx);

// The grid a report belongs to: the group's grid, or for a community-wide group the grid whose
// buildings include the building named in the message. Empty when neither tells.
std::string grid_for_report(const Group& group, const std::optional<std::string>& building, const Organization& org);

// The member a new ticket goes to: the grid's manager, else its grid head.
const Member* responsible_member(const Organization& org, std::string_view grid_id);

}  // namespace gridbot
