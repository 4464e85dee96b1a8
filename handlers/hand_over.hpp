// Handing a ticket to someone else and supervising it (督办): one way, whether a member types
// 转办/督办 in chat or a console user acts on the ticket's page.
#pragma once

#include <string>
#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

// Who hands the ticket on, how the timeline records it, and which template tells the new owner
// (args: number, from, category, place, text, claim_deadline, deadline).
struct Handover {
  std::string actor;      // member id, or the console user
  std::string from;       // their name, as the new owner reads it
  std::string kind = "transferred";
  std::string detail;     // the timeline's detail; the new owner's id when empty
  std::string_view notice_template = "transfer.new_owner";
};

// The ticket becomes the target's, unclaimed, with a fresh claim deadline (never past the resolve
// deadline): its claim timers are moved and the target is told. The resolve deadline stays.
Actions hand_over(Ticket t, const Member& target, const Handover& h, const Context& ctx);

// 督办: a timeline event and the responsible member told at once (not held for quiet hours: it
// is an instruction). The template's args: number, member (the supervisor), note, deadline.
Actions supervision(const Ticket& t, const std::string& actor, const std::string& supervisor_name, const std::string& note,
                    std::string_view notice_template, const Context& ctx);

}  // namespace gridbot
