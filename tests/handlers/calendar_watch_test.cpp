// The working calendar's end (issue 7, case 16): /healthz's figure, the log line, and the weekly
// DM to the street officer until the next year's notice is added.
#include <doctest/doctest.h>

#include "handlers/calendar_watch.hpp"
#include "handlers/schedule.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {
// Monday 2026-11-23 09:00 in Beijing, the first weekly check after wednesday_10am.
const Time monday_9am = wednesday_10am + std::chrono::hours(5 * 24 - 1);
}  // namespace

TEST_CASE("the shipped calendar ends on 2026-12-31: short from 60 days before") {
  World w;
  const auto short_now = calendar_coverage(w.policy.calendar, wednesday_10am);
  CHECK_FALSE(short_now.enough);
  CHECK(short_now.days_left == 43);
  const auto health = calendar_health(w.policy.calendar, wednesday_10am);
  CHECK(health["ok"] == false);
  CHECK(health["covered_until"] == "2026-12-31");
  CHECK(health["needed_until"] == "2027-01-17");
  CHECK(has(calendar_warning(w.policy.calendar, wednesday_10am), "ends on 2026-12-31 (43 days left)"));
  // Early October the calendar still covers the next 60 days.
  const Time october = wednesday_10am - std::chrono::hours(24 * 48);  // 2026-10-01
  CHECK(calendar_coverage(w.policy.calendar, october).enough);
  CHECK(calendar_warning(w.policy.calendar, october).empty());
  CHECK(calendar_health(w.policy.calendar, october)["ok"] == true);
}

TEST_CASE("the weekly check DMs the street officer while the calendar is short, every Monday 09:00") {
  World w;
  CHECK(next_calendar_check(w.policy.calendar, wednesday_10am) == monday_9am);
  CHECK(next_calendar_check(w.policy.calendar, monday_9am) == monday_9am + std::chrono::hours(7 * 24));
  w.tickets.apply({ScheduleTimer{timer_kind::calendar_check, 0, monday_9am, {}}});
  Actions fired = w.run_until(monday_9am + std::chrono::hours(7 * 24 + 1));
  auto dms = to_user_(fired, "gaojian");
  REQUIRE(dms.size() == 2);  // this Monday and the next, one each
  CHECK(has(dms[0].text, "2026-12-31"));
  CHECK(has(dms[0].text, "config/calendar.json"));
  for (const auto& m : only<SendMessage>(fired)) CHECK(m.user_id == "gaojian");  // nobody else

  // Once the next year's notice is in, the check stays quiet and keeps its weekly place.
  World v;
  v.policy.calendar = WorkingCalendar::parse(R"({"holidays": ["2027-01-01"], "quiet_hours": {"start": "22:00", "end": "07:00"}})",
                                             "calendar.json");
  v.tickets.apply({ScheduleTimer{timer_kind::calendar_check, 0, monday_9am, {}}});
  Actions quiet = v.run_until(monday_9am + std::chrono::hours(1));
  CHECK(only<SendMessage>(quiet).empty());
  auto next = only<ScheduleTimer>(quiet);
  REQUIRE(next.size() == 1);
  CHECK(next[0].due_at == monday_9am + std::chrono::hours(7 * 24));
}
