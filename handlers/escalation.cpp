#include "handlers/escalation.hpp"

#include "handlers/lateness.hpp"
#include "handlers/messages.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"

namespace gridbot {

Actions escalate(Ticket t, std::string_view reason, const Context& ctx) {
  Actions out;
  // Before the rung's new deadlines replace them: the ticket stays late from this miss.
  const Ticket before = t;
  if (reason == "claim") mark_claim_missed(t);
  else mark_resolve_missed(t);
  if (t.escalation_level >= top_rung) {
    // Nobody above the street: say so loudly once per breach, and keep the audit trail honest.
    if (t.claim_missed_at != before.claim_missed_at || t.resolve_missed_at != before.resolve_missed_at)
      out.push_back(SaveTicket{t});
    out.push_back(RecordEvent{t.number, "top_overdue", "system", std::string(reason), ctx.now});
    const std::string text = ctx.text.render("escalate.top_overdue", {{"number", t.number}, {"text", t.text}});
    notify_member(out, rung_member(ctx.org, t, top_rung), t, text, ctx);
    return out;
  }
  // A rung nobody holds is skipped rather than left silent.
  int level = t.escalation_level + 1;
  const Member* next = rung_member(ctx.org, t, level);
  while (!next && level < top_rung) next = rung_member(ctx.org, t, ++level);

  const std::string previous = t.responsible();
  t.escalation_level = level;
  t.escalated_to = next ? next->id : std::string();
  // The owner keeps the ticket: the rung above now answers for it too (and may claim it), but a
  // department routed the ticket must not lose the right to finish it because it was late.
  const Seconds full = t.urgent ? ctx.policy.rung_urgent : ctx.policy.rung_normal;
  t.resolve_due_at = ctx.policy.deadline_after(ctx.now, full, t.urgent);
  t.claim_due_at = t.resolve_due_at;
  t.updated_at = ctx.now;

  out.push_back(SaveTicket{t});
  out.push_back(RecordEvent{t.number, "escalated", "system",
                            t.escalated_to, ctx.now});
  stop_deadlines(out, t);
  schedule_resolve(out, t, full, full, ctx);

  const std::string role = role_name(rung_role(level), ctx.text);
  notify_member(out, next, t,
                ctx.text.render("escalate.new_rung", {{"number", t.number},
                                                      {"urgent", yes_no(t.urgent)},
                                                      {"category", category_name(t.category, ctx.text)},
                                                      {"reason", std::string(reason)},
                                                      {"role", role},
                                                      {"place", describe_place(t, ctx.text)},
                                                      {"text", t.text},
                                                      {"member", previous.empty() ? std::string("-") : member_name(ctx.org, previous)},
                                                      {"deadline", t.resolve_due_at}}),
                ctx);
  if (!previous.empty() && (!next || previous != next->id))
    notify_member(out, ctx.org.member(previous), t,
                  ctx.text.render("escalate.previous",
                                  {{"number", t.number}, {"role", role}, {"member", next ? next->name : std::string("-")}}),
                  ctx);
  return out;
}

}  // namespace gridbot
