// What residents say about a ticket they already have: a reply (relayed to its owner), a chase
// (催办, counted and sent up a rung after enough), or a withdrawal (撤销).
#pragma once

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

Actions relay_to_owner(const MessageReceived& event, const Ticket& t, const Context& ctx);
Actions urge_ticket(const MessageReceived& event, Ticket t, const Context& ctx);
// `number` names the ticket; without it, the resident's newest open ticket.
Actions cancel_ticket(const MessageReceived& event, std::optional<std::int64_t> number, const Context& ctx);
bool is_cancel_request(std::string_view text);

// Where to answer a resident about a ticket: the group they wrote in (with an @), or privately.
void answer_resident(Actions& out, const MessageReceived& event, const Ticket& t, std::string_view template_id,
                     templates::Args args, const Context& ctx);

}  // namespace gridbot
