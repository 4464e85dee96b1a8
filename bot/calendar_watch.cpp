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

void warn_if_short(const WorkingCalendar& calendar, Time now) {
  if (auto warning = calendar_warning(calendar, now); !warning.empty()) log::warn("calendar", "{}", warning);
}

asio::awaitable<void> daily_warning(asio::io_context& io, const Clock& clock, const WorkingCalendar& calendar) {
  auto logged_for = calendar.local_date(clock.now());
  asio::steady_timer tick(io);
  for (;;) {
    // A minute of real time is fine-grained enough for a daily line, and follows a test clock.
    tick.expires_after(std::chrono::minutes(1));
    co_await tick.async_wait(asio::use_awaitable);
    const Time now = clock.now();
    if (calendar.local_date(now) == logged_for) continue;
    logged_for = calendar.local_date(now);
    warn_if_short(calendar, now);
  }
}

}  // namespace

void watch_calendar(asio::io_context& io, SQLite::Database& db, storage::Store& store, const Clock& clock,
                    const WorkingCalendar& calendar) {
  const Time now = clock.now();
  warn_if_short(calendar, now);
  {
    // One pending check at a time; its due time depends only on the date, so replacing it at each
    // start-up never repeats a week's DM (a Monday 09:00 that passed while the service was down is
    // skipped: the log has warned every day meanwhile).
    SQLite::Transaction tx(db);
    store.timers.cancel(0, timer_kind::calendar_check);
    store.timers.schedule(ScheduleTimer{timer_kind::calendar_check, 0, next_calendar_check(calendar, now), {}});
    tx.commit();
  }
  asio::co_spawn(io, daily_warning(io, clock, calendar), asio::detached);
}

}  // namespace gridbot
