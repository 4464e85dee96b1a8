#include "handlers/intake.hpp"

#include <algorithm>

#include "handlers/messages.hpp"
#include "handlers/understand/understand.hpp"

namespace gridbot {

std::string grid_for_report(const Group& group, const std::optional<std::string>& building, const Organization& org) {
  if (!group.grid.empty()) return group.grid;
  if (!building) return {};
  for (const auto& g : org.grids) {
    if (g.community != group.community) continue;
    if (std::find(g.buildings.begin(), g.buildings.end(), *building) != g.buildings.end()) return g.id;
  }
  return {};
}

const Member* responsible_member(const Organization& org, std::string_view grid_id) {
  for (Role role : {Role::manager, Role::grid_head}) {
    auto found = org.members_with_role(grid_id, role);
    if (!found.empty()) return found.front();
  }
  return nullptr;
}

namespace {

Ticket new_ticket(const MessageReceived& event, const understand::Understanding& u, const Context& ctx) {
  const Group& group = *event.group;
  Ticket t;
  t.number = ctx.tickets.next_number();
  t.category = u.category.value_or("other");
  t.urgent = u.urgent;
  t.text = event.message.text;
  t.grid = grid_for_report(group, u.building, ctx.org);
  t.community = t.grid.empty() ? group.community : ctx.org.community_of_grid(t.grid);
  t.building = u.building;
  t.unit = u.unit;
  t.room = u.room;
  t.reporter_id = event.sender.id;
  t.reporter_name = event.sender.name;
  t.source_platform = event.message.platform;
  t.reporter_user = event.message.sender;
  t.group_id = group.id;
  const Deadlines& limits = ctx.policy.deadlines_for(t.category, t.urgent);
  t.created_at = t.updated_at = ctx.now;
  t.claim_due_at = ctx.now + limits.claim;
  t.resolve_due_at = ctx.now + limits.resolve;
  if (const Member* owner = responsible_member(ctx.org, t.grid)) t.owner = owner->id;
  return t;
}

}  // namespace

Actions handle_resident_message(const MessageReceived& event, const Context& ctx) {
  if (!event.group) {
    // A direct message from a resident: routing it by address is the lifecycle's work; until
    // then the resident is told where to report, never left in silence.
    return {to_user(event.message.platform, event.message.sender, ctx.text.render("resident.direct_help"))};
  }
  const auto u = understand::understand(event.message.text);
  if (u.intent != understand::Intent::request) return {};

  Ticket t = new_ticket(event, u, ctx);
  const Member* owner = ctx.org.member(t.owner);
  const std::string category = category_name(t.category, ctx.text);
  const std::string place = describe_place(t, ctx.text);

  Actions actions;
  actions.push_back(SaveTicket{t});
  actions.push_back(RecordEvent{t.number, "created", t.reporter_id, t.text, ctx.now});
  actions.push_back(LinkMessage{event.message.platform, event.message.message_id, t.number});

  SendMessage receipt = to_group(
      *event.group,
      ctx.text.render(owner ? "receipt.group" : "receipt.group_unassigned",
                      {{"resident", t.reporter_name},
                       {"number", t.number},
                       {"category", category},
                       {"urgent", std::string(t.urgent ? "yes" : "no")},
                       {"place", place},
                       {"role", ctx.text.render("role.manager")},
                       {"member", owner ? owner->name : std::string()},
                       {"deadline", t.resolve_due_at}}),
      t.number);
  receipt.mentions.push_back(event.message.sender);
  if (t.urgent) receipt.priority = Priority::urgent;
  actions.push_back(std::move(receipt));

  if (owner) {
    actions.push_back(RecordEvent{t.number, "assigned", "system", owner->id, ctx.now});
    auto notice = to_member(*owner, t.source_platform,
                            ctx.text.render("assign.member", {{"number", t.number},
                                                              {"urgent", std::string(t.urgent ? "yes" : "no")},
                                                              {"category", category},
                                                              {"group", event.group->name},
                                                              {"resident", t.reporter_name},
                                                              {"place", place},
                                                              {"text", t.text},
                                                              {"claim_deadline", t.claim_due_at},
                                                              {"deadline", t.resolve_due_at}}),
                            t.number);
    if (notice) {
      notice->priority = t.urgent ? Priority::urgent : Priority::reply;
      actions.push_back(std::move(*notice));
    }
  }
  actions.push_back(ScheduleTimer{"claim_deadline", t.number, t.claim_due_at, {}});
  return actions;
}

}  // namespace gridbot
