// 挂起 · 恢复 · 督办: actions on a ticket's clock and its supervision.
#include "handlers/hand_over.hpp"
#include "handlers/messages.hpp"
#include "handlers/permissions.hpp"
#include "handlers/schedule.hpp"
#include "handlers/staff_request.hpp"

namespace gridbot {

namespace {

// The full limit the current deadline was set from: the rung's after an escalation.
Seconds full_limit(const Ticket& t, const Context& ctx) {
  if (t.escalation_level > 0) return t.urgent ? ctx.policy.rung_urgent : ctx.policy.rung_normal;
  return ctx.policy.deadlines_for(t.category, t.urgent).resolve;
}

}  // namespace

Actions suspend_ticket(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (t.state != TicketState::accepted && t.state != TicketState::claimed) return wrong_state(r, t, ctx);
  if (r.command.rest.empty()) return answer_only(r, ctx.text.render("suspend.need_reason", {{"number", t.number}}));
  // What is left is measured the way the deadline was set: wall time if urgent, working time else.
  Seconds remaining = t.urgent ? std::chrono::duration_cast<Seconds>(t.resolve_due_at - ctx.now)
                               : ctx.policy.calendar.working_time_between(ctx.now, t.resolve_due_at);
  t.suspended_remaining = std::max(remaining, Seconds(0));
  if (t.claimed_by.empty()) t.claimed_by = r.member.id;  // whoever pauses the clock answers for it
  t.state = TicketState::suspended;
  t.updated_at = ctx.now;
  Actions out{SaveTicket{t}, RecordEvent{t.number, "suspended", r.member.id, r.command.rest, ctx.now}};
  stop_deadlines(out, t);
  out.push_back(r.answer(ctx.text.render("suspend.done", {{"number", t.number}, {"reason", r.command.rest}}), t.number));
  tell_reporter(out, t, "suspend.resident", {{"number", t.number}, {"reason", r.command.rest}}, ctx);
  return out;
}

Actions resume_ticket(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (t.state != TicketState::suspended) return wrong_state(r, t, ctx);
  t.state = TicketState::claimed;
  t.resolve_due_at = ctx.policy.deadline_after(ctx.now, t.suspended_remaining, t.urgent);
  t.claim_due_at = std::min(t.claim_due_at, t.resolve_due_at);
  const Seconds remaining = t.suspended_remaining;
  t.suspended_remaining = Seconds(0);
  t.updated_at = ctx.now;
  Actions out{SaveTicket{t}, RecordEvent{t.number, "resumed", r.member.id, {}, ctx.now}};
  schedule_resolve(out, t, remaining, full_limit(t, ctx), ctx);
  out.push_back(r.answer(ctx.text.render("resume.done", {{"number", t.number}, {"deadline", t.resolve_due_at}}), t.number));
  tell_reporter(out, t, "resume.resident", {{"number", t.number}}, ctx);
  return out;
}

Actions supervise_ticket(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (!may_supervise(r.member, t, ctx.org))
    return answer_only(r, ctx.text.render("staff.role_required",
                                          {{"action", r.command.word}, {"roles", ctx.text.render("supervise.roles")}}));
  if (!t.open()) return wrong_state(r, t, ctx);
  Actions out = supervision(t, r.member.id, r.member.name, r.command.rest, "supervise.owner", ctx);
  out.push_back(r.answer(ctx.text.render("supervise.done", {{"number", t.number}}), t.number));
  return out;
}

}  // namespace gridbot
