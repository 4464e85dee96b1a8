#include "handlers/figures/period.hpp"

#include <cstdio>

namespace gridbot::figures {

using namespace std::chrono;

namespace {

unsigned iso_weekday(sys_days date) { return weekday(date).iso_encoding(); }  // Monday 1 … Sunday 7

}  // namespace

std::string iso_week_label(sys_days date) {
  // The ISO year is the year of the week's Thursday.
  const sys_days thursday = date + days(4 - static_cast<int>(iso_weekday(date)));
  const year_month_day ymd(thursday);
  const int week = static_cast<int>((thursday - sys_days(ymd.year() / January / 1)).count() / 7) + 1;
  char out[32];
  std::snprintf(out, sizeof out, "%04d-W%02d", static_cast<int>(ymd.year()), week);
  return out;
}

std::string date_text(sys_days date) {
  const year_month_day ymd(date);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

std::optional<sys_days> parse_date_text(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i)
    for (std::size_t c = starts[i]; c < starts[i] + lengths[i]; ++c) {
      if (text[c] < '0' || text[c] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (text[c] - '0');
    }
  const year_month_day ymd{year(parts[0]), month(static_cast<unsigned>(parts[1])), day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok() || parts[0] < 2000 || parts[0] > 2200) return std::nullopt;
  return sys_days(ymd);
}

std::variant<Period, PeriodError> make_period(sys_days from, sys_days to, const WorkingCalendar& calendar) {
  if (to < from) return PeriodError{"'to' is before 'from'"};
  if ((to - from).count() + 1 > max_period_days) return PeriodError{"the period is longer than " + std::to_string(max_period_days) + " days"};
  const auto start_of = [&](sys_days date) { return calendar.at_local(date, minutes(0)); };
  Period p{from, to, {start_of(from), start_of(to + days(1))}, {}};
  for (sys_days first = from; first <= to;) {
    sys_days last = first + days(7 - static_cast<int>(iso_weekday(first)));  // that week's Sunday
    if (last > to) last = to;
    p.weeks.push_back({iso_week_label(first), first, last, {start_of(first), start_of(last + days(1))}});
    first = last + days(1);
  }
  return p;
}

}  // namespace gridbot::figures
