#include "handlers/staff_commands.hpp"

#include "handlers/command_parser.hpp"
#include "handlers/messages.hpp"
#include "handlers/permissions.hpp"
#include "handlers/staff_request.hpp"

namespace gridbot {

SendMessage StaffRequest::answer(std::string text, std::optional<std::int64_t> ticket) const {
  return to_user(event.message.platform, event.message.sender, std::move(text), ticket);
}

Actions answer_only(const StaffRequest& r, std::string text) { return {r.answer(std::move(text))}; }

Actions wrong_state(const StaffRequest& r, const Ticket& t, const Context& ctx) {
  return answer_only(r, ctx.text.render("staff.wrong_state", {{"number", t.number},
                                                              {"state", state_name(t.state, ctx.text)},
                                                              {"action", r.command.word}}));
}

namespace {

std::optional<std::int64_t> quoted_ticket(const MessageReceived& event, const Context& ctx) {
  if (!event.message.quote) return std::nullopt;
  return ctx.tickets.ticket_of_message(event.message.platform, *event.message.quote);
}

Actions act_on(const StaffRequest& r, Ticket t, const Context& ctx) {
  switch (r.command.verb) {
    // Checked inside: a liaison's check-in and a supervisor's chase have rules of their own.
    case StaffVerb::report_in: return report_in(r, std::move(t), ctx);
    case StaffVerb::supervise: return supervise_ticket(r, std::move(t), ctx);
    default: break;
  }
  if (!may_act_on(r.member, t, ctx.org) || (is_steward_only(r.member) && !looks_after(r.member, t))) {
    const Grid* grid = ctx.org.grid(t.grid);
    return answer_only(r, ctx.text.render("staff.not_allowed", {{"number", t.number}, {"grid", grid ? grid->name : t.community}}));
  }
  if (is_steward_only(r.member) && r.command.verb != StaffVerb::reply && r.command.verb != StaffVerb::show)
    return answer_only(r, ctx.text.render("staff.steward_limited", {{"number", t.number}, {"action", r.command.word}}));
  switch (r.command.verb) {
    case StaffVerb::claim: return claim_ticket(r, std::move(t), ctx);
    case StaffVerb::reply: return reply_to_resident(r, std::move(t), ctx);
    case StaffVerb::resolve: return resolve_ticket(r, std::move(t), ctx);
    case StaffVerb::transfer: return transfer_ticket(r, std::move(t), ctx);
    case StaffVerb::whistle: return whistle_departments(r, std::move(t), ctx);
    case StaffVerb::suspend: return suspend_ticket(r, std::move(t), ctx);
    case StaffVerb::resume: return resume_ticket(r, std::move(t), ctx);
    default: return show_ticket(r, t, ctx);
  }
}

}  // namespace

Actions handle_staff_message(const MessageReceived& event, const Member& member, const Context& ctx) {
  auto command = event.message.read->command;
  const auto quoted = quoted_ticket(event, ctx);
  // Quoting a ticket's notification and just writing is a reply to the resident.
  if (!command && quoted) command = StaffCommand{StaffVerb::reply, "回复", quoted, std::string(event.message.text)};
  if (!command) return {to_user(event.message.platform, event.message.sender, ctx.text.render("staff.help"))};

  StaffRequest request{event, member, *command};
  if (command->verb == StaffVerb::mine) return list_my_tickets(request, ctx);
  const auto number = command->number ? command->number : quoted;
  if (!number) return answer_only(request, ctx.text.render("staff.need_number", {{"verb", command->word}}));
  auto ticket = ctx.tickets.find(*number);
  if (!ticket) return answer_only(request, ctx.text.render("staff.unknown_ticket", {{"number", *number}}));
  return act_on(request, std::move(*ticket), ctx);
}

}  // namespace gridbot
