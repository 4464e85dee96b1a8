#include "handlers/roster_change.hpp"

#include <algorithm>
#include <map>

#include "handlers/messages.hpp"

namespace gridbot {

namespace {

std::string street_of(const Organization& org, const Ticket& t) {
  const Community* c = org.community(t.community.empty() ? org.community_of_grid(t.grid) : t.community);
  return c ? c->street : std::string();
}

// Whether `id` holds, in `org`, a position that makes them answer for the ticket's place: a grid
// role in its grid, the community head of its community, the street officer of its street, or a
// department's liaison (departments serve every grid).
bool answers_for(const Organization& org, std::string_view id, const Ticket& t) {
  const Member* m = org.member(id);
  if (!m) return false;
  const std::string community = t.community.empty() ? org.community_of_grid(t.grid) : t.community;
  for (Role r : m->roles) {
    switch (r) {
      case Role::community_head:
        if (!community.empty() && m->community == community) return true;
        break;
      case Role::street_officer:
        if (!m->street.empty() && m->street == street_of(org, t)) return true;
        break;
      case Role::liaison:
        if (!m->department.empty()) return true;
        break;
      default:
        if (!t.grid.empty() && m->grid == t.grid) return true;
    }
  }
  return false;
}

// Why a member no longer answers for the ticket, as a template id.
const char* reason_for(const Organization& after, std::string_view id, const Ticket& t) {
  const Member* m = after.member(id);
  if (!m) return "console.org.reason.deleted";
  if (!t.grid.empty() && m->grid != t.grid) return "console.org.reason.moved";
  return "console.org.reason.role";
}

bool same_position(const Member& a, const Member& b) {
  return a.roles == b.roles && a.grid == b.grid && a.community == b.community && a.street == b.street &&
         a.department == b.department;
}

const Member* community_head(const Organization& org, const Ticket& t) {
  const std::string community = t.community.empty() ? org.community_of_grid(t.grid) : t.community;
  for (const auto& m : org.members)
    if (m.has_role(Role::community_head) && m.community == community) return &m;
  return nullptr;
}

const Member* successor(const Organization& org, const Ticket& t) {
  if (!t.grid.empty())
    if (auto heads = org.members_with_role(t.grid, Role::grid_head); !heads.empty()) return heads.front();
  return community_head(org, t);
}

// One ticket's handover: the ticket as changed by every departure it saw, what the trail records,
// and who is told (each successor once, naming the first member they took it from).
struct Handover {
  Ticket ticket;
  std::vector<RecordEvent> events;
  struct Told {
    const Member* member;
    std::string from, reason;
  };
  std::vector<Told> told;
};

}  // namespace

RosterChange hand_over_departed(const Organization& before, std::string_view actor, const Context& ctx) {
  const Organization& after = ctx.org;
  std::map<std::int64_t, Handover> handovers;  // by ticket number: each ticket read once
  for (const auto& old : before.members) {
    const Member* now = after.member(old.id);
    if (now && same_position(old, *now)) continue;
    for (const Ticket& found : ctx.tickets.open_tickets_for(old)) {
      Handover& h = handovers.try_emplace(found.number, Handover{found, {}, {}}).first->second;
      Ticket& t = h.ticket;
      // Still here, and either never held it by position (a transfer from elsewhere) or still does.
      if (now && (!answers_for(before, old.id, t) || answers_for(after, old.id, t))) continue;
      const std::string reason = ctx.text.render(reason_for(after, old.id, t));
      const Member* next = successor(after, t);
      if (!next || next->id == old.id) {
        h.events.push_back(RecordEvent{
            t.number, "reassign_failed", std::string(actor),
            ctx.text.render("console.org.reassign_failed", {{"from", old.name}, {"from_id", old.id}, {"reason", reason}}),
            ctx.now});
        continue;
      }
      bool moved = false;
      for (std::string* field : {&t.owner, &t.claimed_by, &t.escalated_to})
        if (*field == old.id) *field = next->id, moved = true;
      if (!moved) continue;  // only their department's summons: the department was asked, not the person
      t.updated_at = ctx.now;
      h.events.push_back(RecordEvent{t.number, "reassigned", std::string(actor),
                                     ctx.text.render("console.org.reassigned", {{"from", old.name},
                                                                                {"from_id", old.id},
                                                                                {"to", next->name},
                                                                                {"to_id", next->id},
                                                                                {"reason", reason}}),
                                     ctx.now});
      if (std::none_of(h.told.begin(), h.told.end(), [&](const Handover::Told& w) { return w.member == next; }))
        h.told.push_back({next, old.name, reason});
    }
  }
  RosterChange out;
  for (auto& [number, h] : handovers) {
    if (!h.told.empty()) {
      out.actions.push_back(SaveTicket{h.ticket});
      out.reassigned.push_back(number);
    }
    for (auto& e : h.events) out.actions.push_back(std::move(e));
    for (const auto& w : h.told)
      notify_member(out.actions, w.member, h.ticket,
                    ctx.text.render("console.org.handover", {{"number", h.ticket.number},
                                                             {"from", w.from},
                                                             {"reason", w.reason},
                                                             {"category", category_name(h.ticket.category, ctx.text)},
                                                             {"place", describe_place(h.ticket, ctx.text)},
                                                             {"text", h.ticket.text}}),
                    ctx);
  }
  return out;
}

}  // namespace gridbot
