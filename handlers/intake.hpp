// Intake (受理): a resident's request becomes a ticket — routed by category and grid, a receipt to
// the resident, a private notification to the responsible member, a copy to the building's
// steward, and its time limits — or, when the same problem is already open, a "+1" on that ticket.
#pragma once

#include <string>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"
#include "handlers/understand/understand.hpp"

namespace gridbot {

struct Report {
  const MessageReceived& event;
  std::string text;  // what to file: the message, or the first message of a multi-turn exchange
  understand::Understanding understood;
  const Group* group = nullptr;  // where to answer; null: privately
  std::string grid, community;
};

Actions take_in_report(const Report& report, const Context& ctx);

}  // namespace gridbot
