#include "handlers/lateness.hpp"

namespace gridbot {

std::optional<Time> late_since(const Ticket& t, Time now) {
  std::optional<Time> since;
  auto consider = [&](Time missed, bool counts) {
    if (counts && (!since || missed < *since)) since = missed;
  };
  // Time{} is "never missed" (the columns' 0); a current deadline counts once it has passed,
  // before its timer has fired.
  if (t.state == TicketState::accepted) {
    consider(t.claim_missed_at, t.claim_missed_at != Time{});
    consider(t.claim_due_at, t.claim_due_at < now);
  }
  if (t.state == TicketState::accepted || t.state == TicketState::claimed) {
    consider(t.resolve_missed_at, t.resolve_missed_at != Time{});
    consider(t.resolve_due_at, t.resolve_due_at < now);
  }
  return since;
}

void mark_claim_missed(Ticket& t) {
  if (t.claim_missed_at == Time{}) t.claim_missed_at = t.claim_due_at;
}

void mark_resolve_missed(Ticket& t) {
  if (t.resolve_missed_at == Time{}) t.resolve_missed_at = t.resolve_due_at;
}

}  // namespace gridbot
