// The period the figures cover: whole local days from `from` to `to` (both included) in the
// service's time zone, and its ISO weeks (Monday to Sunday, "2026-W47"), the first and last cut
// at the period's ends, so the weeks' figures add up to the period's.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "handlers/calendar.hpp"
#include "handlers/time.hpp"

namespace gridbot::figures {

struct Span {
  Time begin, end;  // [begin, end)
};

struct Week {
  std::string label;                     // ISO 8601 week, "2026-W47"
  std::chrono::sys_days first, last;     // its local dates within the period
  Span span;
};

struct Period {
  std::chrono::sys_days from, to;  // local dates, from <= to
  Span span;
  std::vector<Week> weeks;
};

// `calendar` supplies only the zone. Nothing (with the reason) for to < from or a period longer
// than `max_days` (the figures' cost grows with the weeks).
struct PeriodError {
  std::string reason;
};
inline constexpr int max_period_days = 366 * 2;
std::variant<Period, PeriodError> make_period(std::chrono::sys_days from, std::chrono::sys_days to,
                                              const WorkingCalendar& calendar);

std::string iso_week_label(std::chrono::sys_days date);
std::string date_text(std::chrono::sys_days date);  // YYYY-MM-DD
std::optional<std::chrono::sys_days> parse_date_text(std::string_view text);

}  // namespace gridbot::figures
