// Everything a handler may read: the injected clock's now, the organization, the tickets through a
// narrow read interface, the policy and the templates. Handlers never write; they return Actions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "handlers/actions.hpp"
#include "handlers/early_warning_alert.hpp"
#include "handlers/notices/group_roster.hpp"
#include "handlers/notices/notice.hpp"
#include "handlers/organization.hpp"
#include "handlers/policy.hpp"
#include "handlers/ticket.hpp"
#include "templates/catalog.hpp"

namespace gridbot {

class TicketReader {
 public:
  virtual ~TicketReader() = default;
  virtual std::optional<Ticket> find(std::int64_t number) const = 0;
  virtual std::int64_t next_number() const = 0;
  // The ticket a platform message belongs to (a receipt, a notification, the original report).
  virtual std::optional<std::int64_t> ticket_of_message(std::string_view platform, std::string_view message_id) const = 0;
  // An open ticket of the same category, grid and building created since `since`: a "+1".
  virtual std::optional<Ticket> open_duplicate(std::string_view grid, std::string_view category,
                                               std::string_view building, Time since) const = 0;
  // A resident's newest tickets that are open or resolved and waiting for a rating, at most
  // `limit` of them, newest first; includes tickets they follow as a subscriber. Bounded because
  // a resident who "+1"s every neighbour's report follows dozens, and every chase or status
  // question reads them: what they ask about is the newest few.
  virtual std::vector<Ticket> tickets_of_resident(std::string_view person_id, std::size_t limit) const = 0;
  // The resident's own tickets that are resolved and waiting for their rating, newest first.
  virtual std::vector<Ticket> awaiting_rating(std::string_view person_id) const = 0;
  // A ticket's "+1" subscribers, in the order they joined; whether one person is among them.
  virtual std::vector<Subscriber> subscribers(std::int64_t number) const = 0;
  virtual bool is_subscriber(std::int64_t number, std::string_view person_id) const = 0;
  // Open tickets a member answers for (owner, claimer, current rung, or their department's
  // summons), oldest deadline first.
  virtual std::vector<Ticket> open_tickets_for(const Member& member) const = 0;
  // The ticket's audit trail, oldest first.
  virtual std::vector<RecordEvent> timeline(std::int64_t number) const = 0;
  // When the ticket's newest event of `kind` (by `actor`, unless empty) was recorded, if ever. A
  // ticket many residents "+1" has hundreds of events; per message only this one is wanted.
  virtual std::optional<Time> last_event_at(std::int64_t number, std::string_view kind, std::string_view actor) const = 0;
  // What the bot last asked this user and is waiting for (a JSON document), if anything.
  virtual std::optional<std::string> conversation(std::string_view platform, std::string_view user_id) const = 0;
};

// How many of a resident's tickets a chase, a status question or "我的工单" reads and shows.
inline constexpr std::size_t resident_tickets_shown = 10;

struct Context {
  Time now{};
  const Organization& org;
  const TicketReader& tickets;
  const Policy& policy;
  const templates::Catalog& text;
  // Notices and their acknowledgements; absent where nothing sends notices (then none is open).
  const NoticeReader* notices = nullptr;
  // Recent reports and alerts per grid; absent where nothing watches for bursts (then none is raised).
  const EarlyWarningReader* early_warning = nullptr;
  // The platforms' member lists of groups; absent where none is kept (then the organization's roster counts).
  const GroupRosterReader* rosters = nullptr;
};

}  // namespace gridbot
