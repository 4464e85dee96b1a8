#include "handlers/intake.hpp"

#include "handlers/early_warning.hpp"
#include "handlers/messages.hpp"
#include "handlers/resident_followups.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"
#include "handlers/sensitive_topics.hpp"

namespace gridbot {

namespace {

Ticket new_ticket(const Report& r, const Context& ctx) {
  const auto& u = r.understood;
  Ticket t;
  t.number = ctx.tickets.next_number();
  t.category = u.category.value_or("other");
  t.urgent = u.urgent;
  // The message's own reading has the answer when the report is the message itself.
  t.sensitive = ctx.policy.is_sensitive(t.category) ||
                (r.text == r.event.message.text ? r.event.message.read->sensitive_matter : is_sensitive_matter(r.text));
  t.text = r.text;
  t.grid = r.grid;
  t.community = r.community;
  t.building = u.building;
  t.unit = u.unit;
  t.room = u.room;
  t.reporter_id = r.event.sender.id;
  t.reporter_name = r.event.sender.name;
  t.source_platform = r.event.message.platform;
  t.reporter_user = r.event.message.sender;
  t.group_id = r.group ? r.group->id : std::string();
  const Deadlines& limits = ctx.policy.deadlines_for(t.category, t.urgent);
  t.created_at = t.updated_at = ctx.now;
  t.claim_due_at = claim_clock_start(t.urgent, ctx) + limits.claim;
  t.resolve_due_at = ctx.policy.deadline_after(ctx.now, limits.resolve, t.urgent);
  if (const Member* owner = route_owner(ctx.org, ctx.policy, t.grid, t.category)) t.owner = owner->id;
  return t;
}

Actions attach_duplicate(const Report& r, Ticket t, const Context& ctx) {
  const std::string person = r.event.sender.id;
  const bool known = ctx.tickets.is_subscriber(t.number, person);
  if (!known) t.duplicates += 1;
  t.updated_at = ctx.now;
  const std::int64_t reporters = t.duplicates + 1;
  Actions out{SaveTicket{t}, RecordEvent{t.number, "duplicate", person, r.text, ctx.now},
              LinkMessage{r.event.message.platform, r.event.message.message_id, t.number}};
  if (!known) out.push_back(AddSubscriber{t.number, Subscriber{person, r.event.message.platform, r.event.message.sender}});
  if (!known) watch_for_burst(out, t, ctx);
  const std::string& responsible = t.responsible();
  notify_member(out, ctx.org.member(responsible), t,
                ctx.text.render("duplicate.owner", {{"number", t.number}, {"resident", r.event.sender.name}, {"count", reporters}}), ctx);
  answer_resident(out, r.event, t, "duplicate.reporter", {{"number", t.number}, {"count", reporters}}, ctx);
  return out;
}

void send_receipts(Actions& out, const Ticket& t, const Report& r, const Member* owner, const Context& ctx) {
  templates::Args args{{"resident", t.reporter_name},
                       {"number", t.number},
                       {"category", category_name(t.category, ctx.text)},
                       {"urgent", yes_no(t.urgent)},
                       {"place", describe_place(t, ctx.text)},
                       {"role", owner ? role_name(owner->roles.front(), ctx.text) : std::string()},
                       {"member", owner ? owner->name : std::string()},
                       {"deadline", t.resolve_due_at},
                       {"other_grid", yes_no(r.group && !r.group->grid.empty() && r.group->grid != t.grid)},
                       {"grid", ctx.org.grid(t.grid) ? ctx.org.grid(t.grid)->name : std::string()}};
  if (owner && owner->has_role(Role::liaison)) args["role"] = department_name(ctx.org, owner->department);
  const Priority priority = t.urgent ? Priority::urgent : Priority::reply;
  if (r.group) {
    // Sensitive matters get a minimal receipt in the group; the details go privately.
    const char* id = t.sensitive ? "receipt.sensitive_group" : owner ? "receipt.group" : "receipt.group_unassigned";
    SendMessage receipt = to_group(*r.group, ctx.text.render(id, args), t.number);
    receipt.mentions.push_back(t.reporter_user);
    receipt.priority = priority;
    out.push_back(std::move(receipt));
    if (!t.sensitive) return;
  }
  SendMessage receipt = to_user(t.source_platform, t.reporter_user, ctx.text.render("receipt.private", args), t.number);
  receipt.priority = priority;
  out.push_back(std::move(receipt));
}

}  // namespace

Actions take_in_report(const Report& r, const Context& ctx) {
  const auto& u = r.understood;
  if (u.building && !r.grid.empty()) {
    const Time since = ctx.now - ctx.policy.duplicate_window;
    if (auto open = ctx.tickets.open_duplicate(r.grid, u.category.value_or("other"), *u.building, since)) {
      // The reporter saying it again is chasing their own ticket, not a neighbour's "+1".
      if (open->reporter_id == r.event.sender.id) return urge_ticket(r.event, std::move(*open), ctx);
      return attach_duplicate(r, std::move(*open), ctx);
    }
  }

  Ticket t = new_ticket(r, ctx);
  const Member* owner = ctx.org.member(t.owner);
  Actions out{SaveTicket{t}, RecordEvent{t.number, "created", t.reporter_id, t.text, ctx.now},
              LinkMessage{r.event.message.platform, r.event.message.message_id, t.number}};
  send_receipts(out, t, r, owner, ctx);
  if (owner) {
    out.push_back(RecordEvent{t.number, "assigned", "system", owner->id, ctx.now});
    notify_member(out, owner, t,
                  ctx.text.render("assign.member", {{"number", t.number},
                                                    {"urgent", yes_no(t.urgent)},
                                                    {"category", category_name(t.category, ctx.text)},
                                                    {"group", r.group ? r.group->name : std::string("-")},
                                                    {"resident", t.reporter_name},
                                                    {"place", describe_place(t, ctx.text)},
                                                    {"text", t.text},
                                                    {"claim_deadline", t.claim_due_at},
                                                    {"deadline", t.resolve_due_at}}),
                  ctx);
  }
  if (const Member* steward = steward_for(ctx.org, t.grid, t.building); steward && steward != owner) {
    out.push_back(RecordEvent{t.number, "copied", "system", steward->id, ctx.now});
    notify_member(out, steward, t,
                  ctx.text.render("steward.copy", {{"number", t.number},
                                                   {"place", describe_place(t, ctx.text)},
                                                   {"text", t.text},
                                                   {"member", owner ? owner->name : std::string("-")}}),
                  ctx);
  }
  schedule_claim(out, t, ctx);
  const Seconds resolve = ctx.policy.deadlines_for(t.category, t.urgent).resolve;
  schedule_resolve(out, t, resolve, resolve, ctx);
  watch_for_burst(out, t, ctx);
  return out;
}

}  // namespace gridbot
