#include "handlers/ratings.hpp"

#include <array>

#include "handlers/messages.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"
#include "handlers/text_tools.hpp"

namespace gridbot {

std::optional<Rating> parse_rating(std::string_view text) {
  const std::string s = strip_punctuation(text);
  // Longest words first: "不满意" and "基本满意" both end in "满意".
  static constexpr std::array<std::pair<std::string_view, Rating>, 9> words{{
      {"非常满意", Rating::satisfied}, {"基本满意", Rating::basically_satisfied}, {"不满意", Rating::unsatisfied},
      {"不太满意", Rating::unsatisfied}, {"满意", Rating::satisfied}, {"1", Rating::satisfied},
      {"2", Rating::basically_satisfied}, {"3", Rating::unsatisfied}, {"还行", Rating::basically_satisfied},
  }};
  for (auto [word, rating] : words)
    if (s == word) return rating;
  return std::nullopt;
}

void ask_for_rating(Actions& out, const Ticket& t, const Context& ctx) {
  tell_reporter(out, t, "resolve.ask_rating", {{"number", t.number}, {"note", t.resolution}}, ctx);
  tell_subscribers(out, t, "resolve.subscriber", {{"number", t.number}, {"note", t.resolution}}, ctx);
  out.push_back(ScheduleTimer{timer_kind::rating_timeout, t.number, ctx.now + ctx.policy.rating_timeout, {}});
}

Actions record_rating(Ticket t, Rating rating, const Context& ctx) {
  Actions out;
  const std::string name = ctx.text.render("rating." + std::string(to_string(rating)));
  t.rating = rating;
  t.updated_at = ctx.now;
  out.push_back(CancelTimers{t.number, timer_kind::rating_timeout});
  out.push_back(RecordEvent{t.number, "rated", t.reporter_id, std::string(to_string(rating)), ctx.now});
  notify_member(out, ctx.org.member(t.responsible()), t, ctx.text.render("rating.to_owner", {{"number", t.number}, {"rating", name}}), ctx);
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
  t.owner = head ? head->id : t.owner;
  t.claimed_by.clear();
  t.escalation_level = 1;
  t.escalated_to = t.owner;
  t.resolution.clear();
  t.claim_due_at = ctx.now + limits.claim;
  t.resolve_due_at = ctx.policy.deadline_after(ctx.now, limits.resolve, t.urgent);
  out.push_back(SaveTicket{t});
  out.push_back(RecordEvent{t.number, "reopened", t.reporter_id, t.owner, ctx.now});
  schedule_claim(out, t, ctx);
  schedule_resolve(out, t, limits.resolve, limits.resolve, ctx);
  tell_reporter(out, t, "rating.reopened_resident", {{"number", t.number}, {"member", member_name(ctx.org, t.owner)}}, ctx);
  notify_member(out, head, t, ctx.text.render("rating.reopened_head", {{"number", t.number}, {"note", note}, {"text", t.text}}), ctx);
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

}  // namespace gridbot
