// The working calendar (工作日历): which local dates count toward a time-limited ticket's deadline
// (限时办结), and when non-urgent notifications must wait for the end of quiet hours.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/time.hpp"

namespace gridbot {

// An immutable value: copies share the (read-only) time zone rules, so handlers can hold one by value
// and call its const members from any thread. Nothing here reads the wall clock.
class WorkingCalendar {
 public:
  // Parses the calendar JSON; throws std::runtime_error whose message names `source`, the key and why
  // (e.g. "config/calendar.json: holidays[3]: '2026-13-01' is not a date (YYYY-MM-DD)").
  static WorkingCalendar parse(std::string_view json_text, const std::string& source);
  // Saturday and Sunday off, no holidays, quiet hours 22:00-07:00. Throws on an unknown zone.
  static WorkingCalendar standard(std::string_view time_zone = "Asia/Shanghai");

  // By the local date of t in the calendar's zone.
  bool is_working_day(Time t) const;
  // Adds `duration` of working time to `start`: time counts only while the local date is a working day
  // (whole days, 00:00-24:00 local). A start on a non-working day begins counting at the next working
  // day's 00:00. Time that runs out exactly at the end of a working day yields that day's 24:00.
  // A duration <= 0 returns start. Throws std::runtime_error when the result would lie more than
  // about three years after start (a calendar without working days must not hang the caller).
  Time add_working_time(Time start, Seconds duration) const;
  // The working time in [from, to): what is left of a suspended clock. 0 if to <= from. Throws
  // std::runtime_error for an interval over 100 years, which can only come from corrupt bounds.
  Seconds working_time_between(Time from, Time to) const;
  // If t falls inside [quiet start, quiet end) local time (the window may cross midnight), the next
  // quiet end; otherwise t. No quiet hours configured → t.
  Time after_quiet_hours(Time t) const;
  std::string_view time_zone() const { return time_zone_; }

  // The last date the holiday notice behind this calendar covers: `covers_until` when the file
  // says so, else 31 December of the latest year a holiday or make-up working day falls in; none
  // for a calendar that lists no dates. Past it, only the plain weekend counts.
  std::optional<std::chrono::sys_days> covered_until() const { return covered_until_; }
  // The local date of an instant in the calendar's zone.
  std::chrono::sys_days local_date(Time t) const;
  // The instant a local date and time of day happen (the first occurrence when clocks fall back).
  Time at_local(std::chrono::sys_days date, std::chrono::minutes time_of_day) const;

 private:
  // Opaque holder of the ICU zone rules, defined in calendar.cpp so this header stays free of ICU.
  class ZoneRules;
  struct QuietHours {
    std::chrono::minutes start;  // minutes after local midnight
    std::chrono::minutes end;
  };

  // The local day containing an instant: when it ends (next local midnight) and whether it counts.
  struct LocalDay {
    Time end;
    bool working;
  };

  WorkingCalendar() = default;
  bool is_working_date(std::chrono::sys_days local_date) const;
  LocalDay local_day_of(Time t) const;

  std::string time_zone_;
  std::shared_ptr<const ZoneRules> zone_;
  std::uint8_t weekend_mask_ = 0;                // bit n set: weekday n (0 = Sunday) is a rest day
  std::vector<std::chrono::sys_days> holidays_;  // sorted, unique
  std::vector<std::chrono::sys_days> workdays_;  // make-up working days (调休上班日), sorted, unique
  std::optional<QuietHours> quiet_hours_;
  std::optional<std::chrono::sys_days> covered_until_;
};

}  // namespace gridbot
