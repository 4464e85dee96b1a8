#include "handlers/hand_over.hpp"

#include <algorithm>

#include "handlers/messages.hpp"
#include "handlers/schedule.hpp"

namespace gridbot {

Actions hand_over(Ticket t, const Member& target, const Handover& h, const Context& ctx) {
  const Seconds claim = ctx.policy.deadlines_for(t.category, t.urgent).claim;
  // A claimed ticket's new owner gets a fresh claim limit; an unclaimed one stays as late as it
  // was (handing it on does not make the resident's wait on time).
  if (!t.claimed_by.empty()) t.claim_missed_at = Time{};
  t.owner = target.id;
  t.claimed_by.clear();
  t.state = TicketState::accepted;
  t.claim_due_at = std::min(claim_clock_start(t.urgent, ctx) + claim, t.resolve_due_at);
  t.updated_at = ctx.now;
  Actions out{SaveTicket{t}, RecordEvent{t.number, h.kind, h.actor, h.detail.empty() ? target.id : h.detail, ctx.now}};
  stop_claim(out, t);
  schedule_claim(out, t, ctx);
  notify_member(out, &target, t,
                ctx.text.render(h.notice_template, {{"number", t.number},
                                                    {"from", h.from},
                                                    {"category", category_name(t.category, ctx.text)},
                                                    {"place", describe_place(t, ctx.text)},
                                                    {"text", t.text},
                                                    {"claim_deadline", t.claim_due_at},
                                                    {"deadline", t.resolve_due_at}}),
                ctx);
  return out;
}

Actions supervision(const Ticket& t, const std::string& actor, const std::string& supervisor_name, const std::string& note,
                    std::string_view notice_template, const Context& ctx) {
  Actions out{RecordEvent{t.number, "supervised", actor, note, ctx.now}};
  notify_member(out, ctx.org.member(t.responsible()), t,
                ctx.text.render(notice_template, {{"number", t.number},
                                                  {"member", supervisor_name},
                                                  {"note", note.empty() ? std::string("-") : note},
                                                  {"deadline", t.resolve_due_at}}),
                ctx, true);
  return out;
}

}  // namespace gridbot
