// A ticket as the console and the API show it (docs/openapi.yaml: TicketSummary, TicketDetail).
// One place, so the board, the overdue board, the figures' drill-downs and the CSV export agree on
// what a ticket looks like and on what is masked.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "handlers/actions.hpp"
#include "handlers/organization.hpp"
#include "handlers/ticket.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

// 超期: waiting past a claim or resolve limit it missed (handlers/lateness.hpp).
bool overdue(const Ticket& t, Time now);
// Seconds since the first of those missed limits; 0 when on time.
std::int64_t lateness(const Ticket& t, Time now);

// The summary: the resident's words with phone and ID numbers masked (the console is read at a
// desk others can see), names looked up in the organization, the category's Chinese name.
nlohmann::json ticket_summary_json(const Ticket& t, const Organization& org, const templates::Catalog& text, Time now);
// A console user, as the timeline names the actions they took: by the member who acts for them,
// else by their own display name. Looked up among the console users in service.
struct ConsoleUserName {
  std::string member, name;
};
using ConsoleUserNames = std::function<std::optional<ConsoleUserName>(std::string_view user)>;

// The summary plus the reporter, the resolution and the timeline (oldest first). An event's
// actor_name is the member's name, else the console user's (console_users), else the actor as
// recorded.
nlohmann::json ticket_detail_json(const Ticket& t, const std::vector<RecordEvent>& timeline, const Organization& org,
                                  const templates::Catalog& text, Time now, const ConsoleUserNames& console_users = {});

}  // namespace gridbot::console
