// What a console user does to a ticket from its page: assign (指派), transfer to another grid
// (转派), supervise (督办), add a note. Pure: each returns the Actions to apply on the writer, or
// why not. Scope (may the viewer see this ticket, that grid; may they assign at all) is checked by
// the API before it calls here; these check the ticket's state and the target.
#pragma once

#include <string>
#include <variant>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

// The console user acting: recorded as the events' actor; their name is what members read.
struct ConsoleActor {
  std::string user, name;
};

struct ConsoleRefusal {
  enum class Kind { invalid, conflict } kind = Kind::invalid;  // 400 · 409
  std::string reason;  // names the field or the state
};

using ConsoleOutcome = std::variant<Actions, ConsoleRefusal>;

// To a member of the ticket's grid, or a member answering for its community, who can carry a
// ticket (not a steward only); the member is told with console.tickets.assigned.
ConsoleOutcome console_assign(Ticket t, const std::string& member_id, const ConsoleActor& actor, const Context& ctx);
// To another grid: the grid, its community and the owner the category routes to there change;
// the new owner is told with console.tickets.transferred.
ConsoleOutcome console_transfer(Ticket t, const std::string& grid_id, const ConsoleActor& actor, const Context& ctx);
// The responsible member hears the instruction at once (console.tickets.supervised).
ConsoleOutcome console_supervise(const Ticket& t, const std::string& instruction, const ConsoleActor& actor, const Context& ctx);
// A line in the timeline and nothing else; allowed in any state (the audit trail stays open).
ConsoleOutcome console_note(const Ticket& t, const std::string& note, const ConsoleActor& actor, const Context& ctx);

}  // namespace gridbot
