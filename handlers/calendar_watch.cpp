#include "handlers/calendar_watch.hpp"

#include <cstdio>

#include "handlers/messages.hpp"
#include "handlers/schedule.hpp"

namespace gridbot {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::string iso_date(sys_days date) {
  const std::chrono::year_month_day ymd{date};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

}  // namespace

CalendarCoverage calendar_coverage(const WorkingCalendar& calendar, Time now) {
  const sys_days today = calendar.local_date(now);
  CalendarCoverage c{calendar.covered_until(), today + calendar_horizon, 0, false};
  if (c.covered_until) {
    c.days_left = (*c.covered_until - today).count();
    c.enough = *c.covered_until >= c.needed_until;
  }
  return c;
}

nlohmann::json calendar_health(const WorkingCalendar& calendar, Time now) {
  const CalendarCoverage c = calendar_coverage(calendar, now);
  return {{"ok", c.enough},
          {"covered_until", c.covered_until ? nlohmann::json(iso_date(*c.covered_until)) : nlohmann::json(nullptr)},
          {"days_left", c.days_left},
          {"needed_until", iso_date(c.needed_until)}};
}

std::string calendar_warning(const WorkingCalendar& calendar, Time now) {
  const CalendarCoverage c = calendar_coverage(calendar, now);
  if (c.enough) return {};
  if (!c.covered_until)
    return "the working calendar lists no holidays: deadlines count only the plain weekend; add the State Council "
           "holiday notice to config/calendar.json (or the policy's calendar file)";
  return "the working calendar ends on " + iso_date(*c.covered_until) + " (" + std::to_string(c.days_left) +
         " days left) but must cover until " + iso_date(c.needed_until) +
         ": add next year's State Council holiday notice to config/calendar.json (or the policy's calendar file); "
         "past its end deadlines count only the plain weekend";
}

Time next_calendar_check(const WorkingCalendar& calendar, Time after) {
  sys_days date = calendar.local_date(after);
  for (int i = 0; i < 8; ++i, date += days{1}) {
    if (std::chrono::weekday{date} != std::chrono::Monday) continue;
    const Time at = calendar.at_local(date, std::chrono::hours(9));
    if (at > after) return at;
  }
  return after + days{7};  // unreachable: one of eight days is a later Monday
}

Actions calendar_check_due(const TimerDue& timer, const Context& ctx) {
  const WorkingCalendar& calendar = ctx.policy.calendar;
  Actions out{ScheduleTimer{timer_kind::calendar_check, 0, next_calendar_check(calendar, timer.due_at), {}}};
  const CalendarCoverage c = calendar_coverage(calendar, ctx.now);
  if (c.enough) return out;
  const std::string text =
      c.covered_until ? ctx.text.render("calendar.ending", {{"until", iso_date(*c.covered_until)},
                                                            {"days", c.days_left},
                                                            {"needed", iso_date(c.needed_until)}})
                      : ctx.text.render("calendar.missing");
  for (const auto& m : ctx.org.members)
    if (m.has_role(Role::street_officer))
      if (auto dm = to_member(m, "", text)) {
        dm->priority = Priority::notice;
        out.push_back(std::move(*dm));
      }
  return out;
}

}  // namespace gridbot
