// 接单 · 回复 · 办结 · 转办: the staff actions that move a ticket toward closure.
#include "handlers/hand_over.hpp"
#include "handlers/messages.hpp"
#include "handlers/permissions.hpp"
#include "handlers/ratings.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"
#include "handlers/staff_request.hpp"
#include "handlers/text_tools.hpp"
#include "handlers/understand/sensitive_numbers.hpp"

namespace gridbot {

namespace {

Actions need_text(const StaffRequest& r, const Ticket& t, const Context& ctx) {
  return answer_only(r, ctx.text.render("staff.need_text", {{"verb", r.command.word}, {"number", t.number}}));
}

Role main_role(const Member& m) { return m.roles.empty() ? Role::manager : m.roles.front(); }

// The mobile numbers residents wrote on this ticket (the report, replies, chases, "+1"s): theirs,
// so masked in a group whoever repeats them.
std::set<std::string> residents_numbers(const Ticket& t, const Context& ctx) {
  std::set<std::string> out = understand::mobile_numbers_in(t.text);
  for (const auto& e : ctx.tickets.timeline(t.number))
    if (e.actor != "system" && !ctx.org.member(e.actor)) out.merge(understand::mobile_numbers_in(e.detail));
  return out;
}

// What a member writes in a 回复 may carry a contact number for the resident: those stay readable
// in the group, unless they are the resident's own.
std::set<std::string> numbers_member_gives(const std::string& reply, const Ticket& t, const Context& ctx) {
  std::set<std::string> keep = understand::mobile_numbers_in(reply);
  for (const auto& n : residents_numbers(t, ctx)) keep.erase(n);
  return keep;
}

}  // namespace

Actions claim_ticket(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (!t.claimed_by.empty() && t.open())
    return answer_only(r, ctx.text.render("claim.already", {{"number", t.number}, {"member", member_name(ctx.org, t.claimed_by)}}));
  if (t.state != TicketState::accepted) return wrong_state(r, t, ctx);
  // A result the resident rejected is revisited by the grid head, not taken back by its author;
  // those above the grid (community, street) may still step in.
  const bool above_grid = r.member.has_role(Role::community_head) || r.member.has_role(Role::street_officer);
  if (awaiting_revisit_claim(t, ctx) && r.member.id != t.owner && !above_grid)
    return answer_only(r, ctx.text.render("claim.revisit_owner", {{"number", t.number}, {"member", member_name(ctx.org, t.owner)}}));
  t.state = TicketState::claimed;
  t.claimed_by = t.owner = r.member.id;
  t.updated_at = ctx.now;
  Actions out{SaveTicket{t}, RecordEvent{t.number, "claimed", r.member.id, {}, ctx.now}};
  stop_claim(out, t);
  out.push_back(r.answer(ctx.text.render("claim.done_staff", {{"number", t.number}, {"deadline", t.resolve_due_at}}), t.number));
  tell_reporter(out, t, "claim.resident",
                {{"number", t.number}, {"role", role_name(main_role(r.member), ctx.text)}, {"member", r.member.name}}, ctx);
  return out;
}

Actions reply_to_resident(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (r.command.rest.empty()) return need_text(r, t, ctx);
  Actions out{RecordEvent{t.number, "replied", r.member.id, r.command.rest, ctx.now}};
  tell_reporter(out, t, "relay.to_resident", {{"number", t.number}, {"member", r.member.name}, {"text", r.command.rest}}, ctx,
                numbers_member_gives(r.command.rest, t, ctx));
  out.push_back(r.answer(ctx.text.render("relay.staff_done", {{"number", t.number}}), t.number));
  return out;
}

Actions resolve_ticket(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (!t.open()) return wrong_state(r, t, ctx);
  if (r.command.rest.empty()) return need_text(r, t, ctx);
  t.state = TicketState::resolved;
  t.resolution = r.command.rest;
  t.resolved_at = t.updated_at = ctx.now;
  if (t.claimed_by.empty()) t.claimed_by = r.member.id;  // resolving it is taking responsibility for it
  Actions out{SaveTicket{t}, RecordEvent{t.number, "resolved", r.member.id, t.resolution, ctx.now}};
  stop_deadlines(out, t);
  out.push_back(CancelTimers{t.number, timer_kind::report_in_deadline});
  ask_for_rating(out, t, ctx);
  out.push_back(r.answer(ctx.text.render("resolve.done_staff", {{"number", t.number}}), t.number));
  return out;
}

Actions transfer_ticket(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (!t.open()) return wrong_state(r, t, ctx);
  // "转办 1001 给物业", "转给 陈静": the preposition is not part of the name.
  std::string_view name = r.command.rest;
  for (std::string_view to : {"交给", "转给", "给", "到", "至"})
    if (name.starts_with(to) && name.size() > to.size()) {
      name = trim(name.substr(to.size()));
      break;
    }
  const Member* target = find_member(ctx.org, name);
  std::string target_name = target ? target->name : std::string();
  if (!target)
    if (const Department* d = find_department(ctx.org, name)) {
      auto liaisons = liaisons_of(ctx.org, d->id);
      if (!liaisons.empty()) target = liaisons.front(), target_name = d->name;
    }
  if (!target)
    return answer_only(r, ctx.text.render("transfer.unknown_target", {{"target", r.command.rest}, {"number", t.number}}));
  if (!may_transfer_to(r.member, *target, ctx.org))
    return answer_only(r, ctx.text.render("transfer.out_of_scope", {{"target", target_name}, {"number", t.number}}));

  const std::int64_t number = t.number;
  Actions out = hand_over(std::move(t), *target, Handover{.actor = r.member.id, .from = r.member.name}, ctx);
  out.push_back(r.answer(ctx.text.render("transfer.done_staff", {{"number", number}, {"target", target_name}}), number));
  return out;
}

}  // namespace gridbot
