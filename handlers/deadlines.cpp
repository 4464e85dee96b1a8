#include "handlers/deadlines.hpp"

#include "handlers/calendar_watch.hpp"
#include "handlers/escalation.hpp"
#include "handlers/messages.hpp"
#include "handlers/ratings.hpp"
#include "handlers/schedule.hpp"
#include "handlers/whistle.hpp"

namespace gridbot {

namespace {

// A timer set before the latest escalation (or for a ticket since claimed, suspended or closed)
// has nothing left to do.
bool still_applies(const Ticket& t, const TimerDue& timer, bool needs_unclaimed) {
  if (payload_level(timer.payload) != t.escalation_level) return false;
  if (needs_unclaimed) return t.state == TicketState::accepted;
  return t.state == TicketState::accepted || t.state == TicketState::claimed;
}

Actions remind(const Ticket& t, const char* template_id, Time deadline, const Context& ctx) {
  Actions out;
  const std::string text =
      ctx.text.render(template_id, {{"number", t.number}, {"category", category_name(t.category, ctx.text)}, {"deadline", deadline}});
  const std::string& responsible = t.responsible();
  notify_member(out, ctx.org.member(responsible), t, text, ctx);
  if (!t.escalated_to.empty() && t.escalated_to != responsible) notify_member(out, ctx.org.member(t.escalated_to), t, text, ctx);
  return out;
}

// A limit's reminder step: remind, and re-arm the same limit for its deadline. The deadline is
// read from the ticket now, not fixed when the reminder was set, so the row follows the ticket.
Actions remind_then_wait(const Ticket& t, const TimerDue& timer, const char* template_id, Time deadline, const Context& ctx) {
  Actions out = remind(t, template_id, deadline, ctx);
  out.push_back(ScheduleTimer{timer.kind, t.number, deadline, level_payload(t.escalation_level)});
  return out;
}

}  // namespace

Actions handle_timer(const TimerDue& timer, const Context& ctx) {
  if (timer.kind == timer_kind::calendar_check) return calendar_check_due(timer, ctx);
  auto ticket = ctx.tickets.find(timer.ticket);
  if (!ticket) return {};
  const Ticket& t = *ticket;
  const std::string_view kind = timer.kind;
  if (kind == timer_kind::claim_limit) {
    if (!still_applies(t, timer, true)) return {};
    if (payload_is_reminder(timer.payload)) return remind_then_wait(t, timer, "claim.reminder", t.claim_due_at, ctx);
    Actions out{RecordEvent{t.number, "claim_overdue", "system", {}, ctx.now}};
    Actions up = escalate(t, "claim", ctx);
    out.insert(out.end(), up.begin(), up.end());
    return out;
  }
  if (kind == timer_kind::resolve_limit) {
    if (!still_applies(t, timer, false)) return {};
    if (payload_is_reminder(timer.payload)) return remind_then_wait(t, timer, "resolve.reminder", t.resolve_due_at, ctx);
    return escalate(t, "resolve", ctx);
  }
  if (kind == timer_kind::report_in_deadline) return report_in_overdue(t, payload_text(timer.payload, "department"), ctx);
  if (kind == timer_kind::rating_timeout) return rating_timed_out(t, ctx);
  return {};  // a kind this version does not know: fired and recorded, nothing else
}

}  // namespace gridbot
