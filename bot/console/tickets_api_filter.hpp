// The ticket board's query string (docs/openapi.yaml, GET /api/v1/tickets) read into a
// storage::TicketFilter, every parameter checked; and the viewer's scope as the query applies it.
#pragma once

#include <string>
#include <variant>

#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "handlers/calendar.hpp"
#include "handlers/organization.hpp"
#include "storage/console_queries.hpp"

namespace gridbot::console {

inline constexpr int max_page = 500;

// A filter, or the reason (naming the parameter) it is refused with a 400. Dates are local dates
// in `calendar`'s zone: `to` includes its whole day.
std::variant<storage::TicketFilter, std::string> read_ticket_filter(const http::Params& params, const WorkingCalendar& calendar);
// limit (default 50, at most 500) and offset (default 0), or why not.
std::variant<std::pair<int, int>, std::string> read_page(const http::Params& params);
// "2026-12-01" → that day, or nothing.
std::optional<std::chrono::sys_days> read_date(std::string_view text);

// The communities the viewer may read, as SQL applies them.
storage::TicketScope scope_of(const Viewer& viewer, const Organization& org);

}  // namespace gridbot::console
