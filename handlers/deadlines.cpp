#include "handlers/deadlines.hpp"

#include "handlers/messages.hpp"

namespace gridbot {

namespace {

Actions claim_deadline_passed(const TimerDue& timer, const Context& ctx) {
  auto t = ctx.tickets.find(timer.ticket);
  // Claimed or closed since the timer was set: nothing left to chase.
  if (!t || t->state != TicketState::accepted) return {};
  Actions actions{RecordEvent{t->number, "claim_overdue", "system", {}, ctx.now}};
  if (const Member* owner = ctx.org.member(t->owner)) {
    auto reminder = to_member(*owner, t->source_platform,
                              ctx.text.render("claim.overdue_owner",
                                              {{"number", t->number}, {"category", category_name(t->category, ctx.text)}}),
                              t->number);
    if (reminder) {
      reminder->priority = Priority::urgent;
      actions.push_back(std::move(*reminder));
    }
  }
  return actions;
}

}  // namespace

Actions handle_timer(const TimerDue& timer, const Context& ctx) {
  if (timer.kind == "claim_deadline") return claim_deadline_passed(timer, ctx);
  return {};  // a kind this version does not know: fired and recorded, nothing else
}

}  // namespace gridbot
