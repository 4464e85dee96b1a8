#include "handlers/ratings.hpp"

#include "handlers/messages.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"
#include "handlers/text_tools.hpp"

namespace gridbot {

void ask_for_rating(Actions& out, const Ticket& t, const Context& ctx) {
  tell_reporter(out, t, "resolve.ask_rating", {{"number", t.number}, {"note", t.resolution}}, ctx);
  tell_subscribers(out, t, "resolve.subscriber", {{"number", t.number}, {"note", t.resolution}}, ctx);
  out.push_back(ScheduleTimer{timer_kind::rating_timeout, t.number, ctx.now + ctx.policy.rating_timeout, {}});
}

Actions record_rating(Ticket t, const RatingAnswer& answer, const Context& ctx) {
  Actions out;
  const Rating rating = answer.rating;
  const std::string name = ctx.text.render("rating." + std::string(to_string(rating)));
  const std::string reason = answer.reason.empty() ? std::string("-") : answer.reason;
  t.rating = rating;
  t.updated_at = ctx.now;
  out.push_back(CancelTimers{t.number, timer_kind::rating_timeout});
  out.push_back(RecordEvent{t.number, "rated", t.reporter_id, rating_detail(rating, answer.reason), ctx.now});
  notify_member(out, ctx.org.member(t.responsible()), t,
                ctx.text.render("rating.to_owner", {{"number", t.number}, {"rating", name}, {"reason", reason}, {"has_reason", yes_no(!answer.reason.empty())}}), ctx);
  if (rating != Rating::unsatisfied) {
    t.state = TicketState::closed;
    out.push_back(SaveTicket{t});
    tell_reporter(out, t, "rating.thanks", {{"number", t.number}, {"rating", name}}, ctx);
    return out;
  }
  // Reopened to the grid head, who must claim and resolve it again within a fresh limit.
  const Member* head = rung_member(ctx.org, t, 1);
  const Deadlines& limits = ctx.policy.deadlines_for(t.category, t.urgent);
  const std::string note = t.resolution;
  t.state = TicketState::accepted;
  // The audit trail keeps this rating; the ticket waits for a new one after the revisit.
  t.rating = Rating::none;
  t.owner = head ? head->id : t.owner;
  t.claimed_by.clear();
  t.escalation_level = 1;
  t.escalated_to = t.owner;
  t.resolution.clear();
  t.claim_due_at = ctx.now + limits.claim;
  t.resolve_due_at = ctx.policy.deadline_after(ctx.now, limits.resolve, t.urgent);
  t.claim_missed_at = t.resolve_missed_at = Time{};  // fresh limits: late again only if these are missed
  out.push_back(SaveTicket{t});
  out.push_back(RecordEvent{t.number, "reopened", t.reporter_id, t.owner, ctx.now});
  schedule_claim(out, t, ctx);
  schedule_resolve(out, t, limits.resolve, limits.resolve, ctx);
  tell_reporter(out, t, "rating.reopened_resident", {{"number", t.number}, {"member", member_name(ctx.org, t.owner)}}, ctx);
  // At once, even in quiet hours: it answers a resident who is waiting.
  notify_member(out, head, t,
                ctx.text.render("rating.reopened_head", {{"number", t.number}, {"note", note}, {"reason", reason}, {"text", t.text}}),
                ctx, true);
  return out;
}

Actions rating_timed_out(const Ticket& t, const Context& ctx) {
  if (t.state != TicketState::resolved || t.rating != Rating::none) return {};
  Ticket closed = t;
  closed.rating = Rating::unrated;
  closed.state = TicketState::closed;
  closed.updated_at = ctx.now;
  return {SaveTicket{closed}, RecordEvent{t.number, "rated", "system", std::string(to_string(Rating::unrated)), ctx.now}};
}

bool awaiting_revisit_claim(const Ticket& t, const Context& ctx) {
  if (t.state != TicketState::accepted) return false;
  const auto events = ctx.tickets.timeline(t.number);
  for (auto e = events.rbegin(); e != events.rend(); ++e) {
    if (e->kind == "reopened") return true;
    if (e->kind == "claimed" || e->kind == "transferred") return false;
  }
  return false;
}

}  // namespace gridbot
