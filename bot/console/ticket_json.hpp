// A ticket as the console and the API show it (docs/openapi.yaml: TicketSummary, TicketDetail).
// One place, so the board, the overdue board, the figures' drill-downs and the CSV export agree on
// what a ticket looks like and on what is masked.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "handlers/actions.hpp"
#include "handlers/organization.hpp"
#include "handlers/ticket.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

// Open and past its claim deadline (not yet claimed) or its resolve deadline (suspended tickets
// wait with their clock stopped, so they are never late).
bool overdue(const Ticket& t, Time now);
// Seconds past the deadline it has passed; 0 when on time.
std::int64_t lateness(const Ticket& t, Time now);

// The summary: the resident's words with phone and ID numbers masked (the console is read at a
// desk others can see), names looked up in the organization, the category's Chinese name.
nlohmann::json ticket_summary_json(const Ticket& t, const Organization& org, const templates::Catalog& text, Time now);
// The summary plus the reporter, the resolution and the timeline (oldest first).
nlohmann::json ticket_detail_json(const Ticket& t, const std::vector<RecordEvent>& timeline, const Organization& org,
                                  const templates::Catalog& text, Time now);

}  // namespace gridbot::console
