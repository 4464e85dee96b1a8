// One staff command being handled: who sent it, what they said, and how to answer them.
#pragma once

#include "handlers/actions.hpp"
#include "handlers/command_parser.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

struct StaffRequest {
  const MessageReceived& event;
  const Member& member;
  const StaffCommand& command;

  // The answer to the member, at once: they are waiting for it.
  SendMessage answer(std::string text, std::optional<std::int64_t> ticket = std::nullopt) const;
};

Actions answer_only(const StaffRequest& r, std::string text);
// "工单 #1001 当前状态为「已办结」，不能挂起。"
Actions wrong_state(const StaffRequest& r, const Ticket& t, const Context& ctx);

// The staff actions on one ticket, each checked and applied by its own handler.
Actions claim_ticket(const StaffRequest& r, Ticket t, const Context& ctx);
Actions reply_to_resident(const StaffRequest& r, Ticket t, const Context& ctx);
Actions resolve_ticket(const StaffRequest& r, Ticket t, const Context& ctx);
Actions transfer_ticket(const StaffRequest& r, Ticket t, const Context& ctx);
Actions whistle_departments(const StaffRequest& r, Ticket t, const Context& ctx);
Actions report_in(const StaffRequest& r, Ticket t, const Context& ctx);
Actions suspend_ticket(const StaffRequest& r, Ticket t, const Context& ctx);
Actions resume_ticket(const StaffRequest& r, Ticket t, const Context& ctx);
Actions supervise_ticket(const StaffRequest& r, Ticket t, const Context& ctx);
Actions show_ticket(const StaffRequest& r, const Ticket& t, const Context& ctx);
Actions list_my_tickets(const StaffRequest& r, const Context& ctx);

}  // namespace gridbot
