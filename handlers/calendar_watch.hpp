// The working calendar knows when it ends. Holidays come from a yearly State Council notice; a
// calendar that does not cover the next 60 days is about to fall back to the plain weekend, so
// /healthz says so, the log warns, and the street officer hears once a week until an admin adds
// the next year's notice.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "handlers/actions.hpp"
#include "handlers/calendar.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

inline constexpr std::chrono::days calendar_horizon{60};

struct CalendarCoverage {
  std::optional<std::chrono::sys_days> covered_until;
  std::chrono::sys_days needed_until;  // today + calendar_horizon, local
  std::int64_t days_left = 0;           // from today to covered_until; negative once past it
  bool enough = false;
};
CalendarCoverage calendar_coverage(const WorkingCalendar& calendar, Time now);

// The /healthz field: {"ok", "covered_until" ("2026-12-31" or null), "days_left", "needed_until"}.
nlohmann::json calendar_health(const WorkingCalendar& calendar, Time now);
// The log warning for an admin (English, like every log line); empty while the calendar is enough.
std::string calendar_warning(const WorkingCalendar& calendar, Time now);

// The weekly check falls on Monday 09:00 local: a function of the date, so a restart that
// schedules it again neither skips nor repeats a week.
Time next_calendar_check(const WorkingCalendar& calendar, Time after);
// The weekly check: a DM to each street officer while the calendar is short, and next week's check.
Actions calendar_check_due(const TimerDue& timer, const Context& ctx);

}  // namespace gridbot
