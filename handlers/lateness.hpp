// 超期 (overdue): what a desk officer means by a late ticket, in one place. The console's board,
// its overdue filter and order (storage/console_queries.cpp says the same in SQL) and the ticket
// JSON all read this definition; tests/console/tickets/lateness_test.cpp holds the two together.
//
// An open ticket is late when it is waiting past a time limit (限时) it missed:
// - unclaimed (accepted) past a claim limit it missed while waiting for this claim: the category's,
//   or the one a transfer set. Escalation sets new deadlines but keeps the first miss, so a ticket
//   that escalated stays late until someone claims it. A claim ends that lateness (the miss stays
//   in the figures' claim_late).
// - unresolved (accepted or claimed) past a resolve limit it missed since it was opened or
//   reopened: the category's or an escalation rung's. Only resolving (or a reopen's fresh limits)
//   ends it.
// Suspended tickets wait with their clock stopped: never late while suspended.
// Lateness is the time since the earliest of those missed limits.
#pragma once

#include <optional>

#include "handlers/ticket.hpp"

namespace gridbot {

// The missed limit the ticket has been late since; nullopt when on time.
std::optional<Time> late_since(const Ticket& t, Time now);

// A deadline's timer fired: remember the limit missed, unless an earlier miss is remembered.
void mark_claim_missed(Ticket& t);
void mark_resolve_missed(Ticket& t);

}  // namespace gridbot
