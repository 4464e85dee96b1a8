#include "handlers/console_actions.hpp"

#include "handlers/hand_over.hpp"
#include "handlers/messages.hpp"
#include "handlers/permissions.hpp"
#include "handlers/routing.hpp"

namespace gridbot {

namespace {

ConsoleRefusal invalid(std::string reason) { return {ConsoleRefusal::Kind::invalid, std::move(reason)}; }

std::optional<ConsoleRefusal> not_open(const Ticket& t) {
  if (t.open()) return std::nullopt;
  return ConsoleRefusal{ConsoleRefusal::Kind::conflict,
                        "ticket " + std::to_string(t.number) + " is " + std::string(to_string(t.state)) + ": it can no longer be acted on"};
}

// Who may own a ticket of this grid: its own members, and those who answer for its community
// (community head, community staff without a grid); a steward only helps, never owns.
bool may_own(const Member& m, const Ticket& t) {
  if (is_steward_only(m) || m.has_role(Role::liaison)) return false;
  if (!m.grid.empty()) return m.grid == t.grid;
  return !m.community.empty() && m.community == t.community;
}

}  // namespace

ConsoleOutcome console_assign(Ticket t, const std::string& member_id, const ConsoleActor& actor, const Context& ctx) {
  if (auto refused = not_open(t)) return *refused;
  const Member* target = ctx.org.member(member_id);
  if (!target) return invalid("'member': no member '" + member_id + "'");
  if (!may_own(*target, t))
    return invalid("'member': " + member_id + " is neither of grid '" + t.grid + "' nor of its community, or cannot own a ticket");
  if (t.responsible() == target->id && t.state == TicketState::accepted)
    return invalid("'member': ticket " + std::to_string(t.number) + " is already " + member_id + "'s");
  return hand_over(std::move(t), *target,
                   Handover{.actor = actor.user, .from = actor.name, .kind = "assigned", .notice_template = "console.tickets.assigned"},
                   ctx);
}

ConsoleOutcome console_transfer(Ticket t, const std::string& grid_id, const ConsoleActor& actor, const Context& ctx) {
  if (auto refused = not_open(t)) return *refused;
  const Grid* grid = ctx.org.grid(grid_id);
  if (!grid) return invalid("'grid': no grid '" + grid_id + "'");
  if (grid->id == t.grid) return invalid("'grid': ticket " + std::to_string(t.number) + " is already in grid '" + grid_id + "'");
  const Member* owner = route_owner(ctx.org, ctx.policy, grid->id, t.category);
  if (!owner) return invalid("'grid': grid '" + grid_id + "' has nobody the category '" + t.category + "' goes to");
  const std::string from_grid = t.grid;
  t.grid = grid->id;
  t.community = grid->community;
  return hand_over(std::move(t), *owner,
                   Handover{.actor = actor.user,
                            .from = actor.name,
                            .detail = from_grid + " → " + grid->id + " (" + owner->id + ")",
                            .notice_template = "console.tickets.transferred"},
                   ctx);
}

ConsoleOutcome console_supervise(const Ticket& t, const std::string& instruction, const ConsoleActor& actor, const Context& ctx) {
  if (auto refused = not_open(t)) return *refused;
  if (instruction.empty()) return invalid("'text': the instruction (督办意见) is required");
  return supervision(t, actor.user, actor.name, instruction, "console.tickets.supervised", ctx);
}

ConsoleOutcome console_note(const Ticket& t, const std::string& note, const ConsoleActor& actor, const Context& ctx) {
  if (note.empty()) return invalid("'text': the note is required");
  return Actions{RecordEvent{t.number, "note", actor.user, note, ctx.now}};
}

}  // namespace gridbot
