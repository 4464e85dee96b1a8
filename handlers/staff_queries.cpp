// 我的工单 · 查: what a member has on their plate, and one ticket with its audit trail.
#include <set>

#include "handlers/messages.hpp"
#include "handlers/permissions.hpp"
#include "handlers/rating_words.hpp"
#include "handlers/staff_request.hpp"

namespace gridbot {

namespace {

// Events whose detail is free text worth showing, and those whose detail names a member.
const std::set<std::string, std::less<>> text_events{"replied", "resident_replied", "resolved", "suspended",
                                                     "supervised", "urged", "whistled"};
const std::set<std::string, std::less<>> member_events{"assigned", "copied", "escalated", "transferred", "reopened"};

std::string actor_name(const Ticket& t, const std::string& actor, const Context& ctx) {
  if (actor == "system") return {};
  const std::string name = actor == t.reporter_id ? t.reporter_name : member_name(ctx.org, actor);
  return ctx.text.render("timeline.actor", {{"name", name}});
}

std::string timeline_text(const Ticket& t, const Context& ctx) {
  std::string out = ctx.text.render("timeline.header");
  for (const auto& e : ctx.tickets.timeline(t.number)) {
    std::string detail;
    if (text_events.contains(e.kind) && !e.detail.empty()) detail = ctx.text.render("timeline.text", {{"text", e.detail}});
    if (member_events.contains(e.kind) && !e.detail.empty())
      detail = ctx.text.render("timeline.member", {{"name", member_name(ctx.org, e.detail)}});
    if (e.kind == "rated") {
      const RatingAnswer rated = parse_rating_detail(e.detail);
      detail = ctx.text.render("timeline.rating", {{"rating", ctx.text.render("rating." + std::string(to_string(rated.rating)))},
                                                   {"reason", rated.reason},
                                                   {"has_reason", yes_no(!rated.reason.empty())}});
    }
    const std::string id = "event." + e.kind;
    out += "\n" + ctx.text.render("timeline.line", {{"time", e.at},
                                                    {"event", ctx.text.has(id) ? ctx.text.render(id) : e.kind},
                                                    {"actor", actor_name(t, e.actor, ctx)},
                                                    {"detail", detail}});
  }
  return out;
}

}  // namespace

Actions show_ticket(const StaffRequest& r, const Ticket& t, const Context& ctx) {
  std::string text = ctx.text.render("ticket.detail", {{"number", t.number},
                                                       {"category", category_name(t.category, ctx.text)},
                                                       {"urgent", yes_no(t.urgent)},
                                                       {"state", state_name(t.state, ctx.text)},
                                                       {"place", describe_place(t, ctx.text)},
                                                       {"text", t.text},
                                                       {"member", t.owner.empty() ? std::string("-") : member_name(ctx.org, t.owner)},
                                                       {"deadline", t.resolve_due_at}});
  return {r.answer(text + "\n" + timeline_text(t, ctx), t.number)};
}

Actions list_my_tickets(const StaffRequest& r, const Context& ctx) {
  const auto tickets = ctx.tickets.open_tickets_for(r.member);
  if (tickets.empty()) return answer_only(r, ctx.text.render("mine.empty"));
  std::string text = ctx.text.render("mine.header", {{"count", static_cast<std::int64_t>(tickets.size())}});
  for (const auto& t : tickets)
    text += "\n" + ctx.text.render("mine.line", {{"number", t.number},
                                                 {"category", category_name(t.category, ctx.text)},
                                                 {"urgent", yes_no(t.urgent)},
                                                 {"state", state_name(t.state, ctx.text)},
                                                 {"place", describe_place(t, ctx.text)},
                                                 {"deadline", t.resolve_due_at}});
  return answer_only(r, text);
}

}  // namespace gridbot
