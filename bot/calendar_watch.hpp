// The process side of the calendar's end (handlers/calendar_watch.hpp): a warning in the log at
// start-up and once a day while the calendar is short, and the weekly check timer kept pending.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <SQLiteCpp/Database.h>

#include "bot/clock.hpp"
#include "handlers/calendar.hpp"
#include "storage/store.hpp"

namespace gridbot {

// Decides the daily log line: the warning when the clock's local date has changed since the last
// line (or at the first call), nothing otherwise or while the calendar is enough.
class DailyCalendarWarning {
 public:
  explicit DailyCalendarWarning(const WorkingCalendar& calendar) : calendar_(calendar) {}
  std::string due(Time now);

 private:
  const WorkingCalendar& calendar_;
  std::optional<std::chrono::sys_days> last_day_;
};

// Call once before the io_context runs: logs now, (re)schedules the weekly check for the next
// Monday 09:00, and logs again whenever the clock's local date changes.
void watch_calendar(boost::asio::io_context& io, SQLite::Database& db, storage::Store& store, const Clock& clock,
                    const WorkingCalendar& calendar);

}  // namespace gridbot
