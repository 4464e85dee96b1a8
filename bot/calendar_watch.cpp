#include "bot/calendar_watch.hpp"

#include "bot/awaitable.hpp"  // before any other Asio header

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <SQLiteCpp/Transaction.h>

#include "bot/log.hpp"
#include "handlers/calendar_watch.hpp"
#include "handlers/schedule.hpp"

namespace gridbot {

namespace asio = boost::asio;

namespace {

asio::awaitable<void> daily_warning(asio::io_context& io, const Clock& clock, DailyCalendarWarning warning) {
  asio::steady_timer tick(io);
  for (;;) {
    if (auto line = warning.due(clock.now()); !line.empty()) log::warn("calendar", "{}", line);
    // A minute of real time is fine-grained enough for a daily line, and follows a test clock.
    tick.expires_after(std::chrono::minutes(1));
    co_await tick.async_wait(asio::use_awaitable);
  }
}

}  // namespace

std::string DailyCalendarWarning::due(Time now) {
  const auto today = calendar_.local_date(now);
  if (last_day_ == today) return {};
  last_day_ = today;
  return calendar_warning(calendar_, now);
}

void watch_calendar(asio::io_context& io, SQLite::Database& db, storage::Store& store, const Clock& clock,
                    const WorkingCalendar& calendar) {
  const Time now = clock.now();
  {
    // One pending check at a time; its due time depends only on the date, so replacing it at each
    // start-up never repeats a week's DM (a Monday 09:00 that passed while the service was down is
    // skipped: the log has warned every day meanwhile).
    SQLite::Transaction tx(db);
    store.timers.cancel(0, timer_kind::calendar_check);
    store.timers.schedule(ScheduleTimer{timer_kind::calendar_check, 0, next_calendar_check(calendar, now), {}});
    tx.commit();
  }
  // The first line is written at once, before the service starts listening.
  DailyCalendarWarning warning(calendar);
  if (auto line = warning.due(now); !line.empty()) log::warn("calendar", "{}", line);
  asio::co_spawn(io, daily_warning(io, clock, std::move(warning)), asio::detached);
}

}  // namespace gridbot
