// The working calendar: deadline arithmetic over weekends, holidays and make-up days, quiet hours,
// configuration errors, the shipped mainland calendar and a zone with daylight saving time.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "handlers/calendar.hpp"

using namespace std::chrono;
using gridbot::Seconds;
using gridbot::Time;
using gridbot::WorkingCalendar;

// Failures print instants as readable UTC instead of doctest's "{?}".
template <>
struct doctest::StringMaker<Time> {
  static doctest::String convert(const Time& t) {
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld:%02ld UTC", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                  long(hms.minutes().count()), long(hms.seconds().count()));
    return text;
  }
};

namespace {

// An instant given as UTC wall time.
Time utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return Time{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{mi} + seconds{s};
}

// An instant given as China Standard Time (UTC+8 all year, no DST since 1991).
Time cst(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return utc(y, m, d, h, mi, s) - hours{8};
}

// Builds a Shanghai calendar from JSON fragments; March 2026: the 6th is a Friday.
WorkingCalendar calendar_with(const std::string& extra_keys) {
  return WorkingCalendar::parse("{\"time_zone\": \"Asia/Shanghai\"" + extra_keys + "}", "test.json");
}

// The message of the std::runtime_error that parse throws, or "" if it accepts the text.
std::string parse_error(const std::string& json) {
  try {
    WorkingCalendar::parse(json, "cal.json");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a normal weekend is skipped: Friday 16:00 + 72 h of working time is Wednesday 16:00") {
  const auto calendar = WorkingCalendar::standard();
  CHECK(calendar.time_zone() == "Asia/Shanghai");
  CHECK(calendar.add_working_time(cst(2026, 3, 6, 16), hours{72}) == cst(2026, 3, 11, 16));
  CHECK(calendar.add_working_time(cst(2026, 3, 6, 16), hours{8}) == cst(2026, 3, 7, 0));
  CHECK(calendar.add_working_time(cst(2026, 3, 6, 16), hours{8} + seconds{1}) == cst(2026, 3, 9, 0, 0, 1));
  CHECK(calendar.add_working_time(cst(2026, 3, 6, 16), Seconds{0}) == cst(2026, 3, 6, 16));
  CHECK(calendar.add_working_time(cst(2026, 3, 6, 16), Seconds{-5}) == cst(2026, 3, 6, 16));
}

TEST_CASE("working days follow the local date in the calendar's zone, not UTC") {
  const auto calendar = WorkingCalendar::standard();
  CHECK(calendar.is_working_day(cst(2026, 3, 6, 23, 59, 59)));    // Friday night
  CHECK_FALSE(calendar.is_working_day(cst(2026, 3, 7, 0)));       // Saturday 00:00, still Friday in UTC
  CHECK_FALSE(calendar.is_working_day(cst(2026, 3, 8, 23, 59)));  // Sunday
  CHECK(calendar.is_working_day(cst(2026, 3, 9, 0)));             // Monday 00:00, still Sunday in UTC
  CHECK_THROWS_AS(WorkingCalendar::standard("Asia/Shangai"), std::runtime_error);
}

TEST_CASE("a holiday in the middle adds a day") {
  const auto calendar = calendar_with(R"(, "holidays": ["2026-03-09"])");
  CHECK_FALSE(calendar.is_working_day(cst(2026, 3, 9, 10)));
  CHECK(calendar.add_working_time(cst(2026, 3, 6, 16), hours{72}) == cst(2026, 3, 12, 16));
}

TEST_CASE("a make-up Saturday (调休上班日) counts as a working day") {
  const auto calendar = calendar_with(R"(, "workdays": ["2026-03-07"])");
  CHECK(calendar.is_working_day(cst(2026, 3, 7, 10)));
  CHECK_FALSE(calendar.is_working_day(cst(2026, 3, 8, 10)));
  CHECK(calendar.add_working_time(cst(2026, 3, 6, 16), hours{72}) == cst(2026, 3, 10, 16));
}

TEST_CASE("a start on a non-working day begins counting at the next working day's 00:00") {
  const auto calendar = calendar_with(R"(, "holidays": ["2026-03-11"])");
  CHECK(calendar.add_working_time(cst(2026, 3, 11, 10), hours{8}) == cst(2026, 3, 12, 8));
  CHECK(calendar.add_working_time(cst(2026, 3, 7, 10), hours{8}) == cst(2026, 3, 9, 8));  // Saturday
}

TEST_CASE("working_time_between counts only working days and is 0 when the deadline has passed") {
  const auto calendar = calendar_with(R"(, "holidays": ["2026-03-10"])");
  CHECK(calendar.working_time_between(cst(2026, 3, 6, 16), cst(2026, 3, 9, 10)) == hours{18});
  CHECK(calendar.working_time_between(cst(2026, 3, 9, 10), cst(2026, 3, 11, 3)) == hours{17});
  CHECK(calendar.working_time_between(cst(2026, 3, 7, 1), cst(2026, 3, 8, 23)) == Seconds{0});
  CHECK(calendar.working_time_between(cst(2026, 3, 9, 10), cst(2026, 3, 9, 10)) == Seconds{0});
  CHECK(calendar.working_time_between(cst(2026, 3, 9, 10), cst(2026, 3, 6, 16)) == Seconds{0});
  // Suspending and resuming a clock must give back the same deadline.
  for (const auto duration : {hours{1}, hours{24}, hours{72}, hours{240}}) {
    const Time start = cst(2026, 3, 6, 16, 30);
    CHECK(calendar.working_time_between(start, calendar.add_working_time(start, duration)) == duration);
  }
}

TEST_CASE("quiet hours 22:00-07:00 cross midnight") {
  const auto calendar = WorkingCalendar::standard();
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 9, 23)) == cst(2026, 3, 10, 7));    // before midnight
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 9, 22)) == cst(2026, 3, 10, 7));    // the first quiet second
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 10, 3)) == cst(2026, 3, 10, 7));    // after midnight
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 10, 6, 59, 59)) == cst(2026, 3, 10, 7));
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 10, 7)) == cst(2026, 3, 10, 7));    // outside
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 10, 12)) == cst(2026, 3, 10, 12));
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 10, 21, 59, 59)) == cst(2026, 3, 10, 21, 59, 59));
}

TEST_CASE("quiet hours that do not cross midnight, and none at all") {
  const auto noon = calendar_with(R"(, "quiet_hours": {"start": "12:00", "end": "14:00"})");
  CHECK(noon.after_quiet_hours(cst(2026, 3, 10, 13)) == cst(2026, 3, 10, 14));
  CHECK(noon.after_quiet_hours(cst(2026, 3, 10, 12)) == cst(2026, 3, 10, 14));
  CHECK(noon.after_quiet_hours(cst(2026, 3, 10, 11, 59)) == cst(2026, 3, 10, 11, 59));
  CHECK(noon.after_quiet_hours(cst(2026, 3, 10, 14)) == cst(2026, 3, 10, 14));
  CHECK(noon.after_quiet_hours(cst(2026, 3, 10, 23)) == cst(2026, 3, 10, 23));
  CHECK(noon.after_quiet_hours(cst(2026, 3, 10, 3)) == cst(2026, 3, 10, 3));
  const auto none = calendar_with("");
  CHECK(none.after_quiet_hours(cst(2026, 3, 10, 23)) == cst(2026, 3, 10, 23));
}

TEST_CASE("parse errors name the source, the key and why") {
  CHECK(parse_error(R"({"holidays": ["2026-01-01", "2026-13-01"]})") ==
        "cal.json: holidays[1]: '2026-13-01' is not a date (YYYY-MM-DD)");
  CHECK(parse_error(R"({"holidays": ["2026-02-29"]})") ==
        "cal.json: holidays[0]: '2026-02-29' is not a date (YYYY-MM-DD)");
  CHECK(parse_error(R"({"workdays": ["2026-1-4"]})") ==
        "cal.json: workdays[0]: '2026-1-4' is not a date (YYYY-MM-DD)");
  CHECK(parse_error(R"({"holidays": [20260101]})").starts_with("cal.json: holidays[0]: expected a string"));
  CHECK(parse_error(R"({"holiday": []})").starts_with("cal.json: holiday: unknown key"));
  CHECK(parse_error(R"({"quiet_hours": {"start": "22:00", "end": "07:00", "from": "1"}})")
            .starts_with("cal.json: quiet_hours.from: unknown key"));
  CHECK(parse_error(R"({"weekend": ["saturday", "sundy"]})")
            .starts_with("cal.json: weekend[1]: 'sundy' is not a weekday name"));
  CHECK(parse_error(R"({"quiet_hours": {"start": "24:00", "end": "07:00"}})")
            .starts_with("cal.json: quiet_hours.start: '24:00' is not a time of day"));
  CHECK(parse_error(R"({"quiet_hours": {"start": "22:00", "end": "7:00"}})")
            .starts_with("cal.json: quiet_hours.end: '7:00' is not a time of day"));
  CHECK(parse_error(R"({"quiet_hours": {"start": "22:00"}})").starts_with("cal.json: quiet_hours.end: missing"));
  CHECK(parse_error(R"({"quiet_hours": {"start": "22:00", "end": "22:00"}})")
            .starts_with("cal.json: quiet_hours: start and end are the same"));
  CHECK(parse_error(R"({"holidays": ["2026-03-07"], "workdays": ["2026-03-07"]})")
            .starts_with("cal.json: workdays[0]: '2026-03-07' is also listed in holidays"));
  CHECK(parse_error(R"({"workdays": ["2026-03-09"]})")
            .starts_with("cal.json: workdays[0]: '2026-03-09' is a monday, already a working day"));
  CHECK(parse_error(R"({"holidays": ["2026-03-09", "2026-03-09"]})")
            .starts_with("cal.json: holidays[1]: '2026-03-09' is listed twice"));
  CHECK(parse_error(R"({"weekend": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                     "sunday"]})")
            .starts_with("cal.json: weekend: all seven days are weekend days"));
  CHECK(parse_error(R"({"time_zone": "Asia/Shangai"})")
            .starts_with("cal.json: time_zone: 'Asia/Shangai' is not a known IANA time zone"));
  CHECK(parse_error(R"({"holidays": [)").starts_with("cal.json: not valid JSON"));
  CHECK(parse_error(R"(["2026-01-01"])").starts_with("cal.json: (top level): expected an object"));
  CHECK(parse_error("{}") == "");  // every key is optional
}

TEST_CASE("the defaults of an empty calendar: Shanghai, Saturday and Sunday off, no quiet hours") {
  const auto calendar = WorkingCalendar::parse("{}", "empty.json");
  CHECK(calendar.time_zone() == "Asia/Shanghai");
  CHECK_FALSE(calendar.is_working_day(cst(2026, 3, 7, 0)));
  CHECK(calendar.is_working_day(cst(2026, 3, 9, 0)));
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 9, 23)) == cst(2026, 3, 9, 23));
}

TEST_CASE("the shipped config/calendar.json parses and holds the 2026 mainland arrangement") {
  std::ifstream file(GRIDBOT_CALENDAR_JSON);
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const auto calendar = WorkingCalendar::parse(text.str(), "config/calendar.json");
  CHECK(calendar.time_zone() == "Asia/Shanghai");
  CHECK_FALSE(calendar.is_working_day(cst(2026, 1, 1, 12)));   // New Year's Day, a Thursday
  CHECK(calendar.is_working_day(cst(2026, 1, 4, 12)));         // make-up Sunday
  CHECK_FALSE(calendar.is_working_day(cst(2026, 2, 16, 12)));  // Spring Festival eve, a Monday
  CHECK(calendar.is_working_day(cst(2026, 2, 14, 12)));        // make-up Saturday
  CHECK(calendar.is_working_day(cst(2026, 10, 10, 12)));       // make-up Saturday
  CHECK(calendar.is_working_day(cst(2026, 10, 8, 12)));        // the Thursday after National Day
  // A one-day ticket opened the afternoon before National Day is due after the holiday week.
  CHECK(calendar.add_working_time(cst(2026, 9, 30, 16), hours{24}) == cst(2026, 10, 8, 16));
  CHECK(calendar.after_quiet_hours(cst(2026, 3, 9, 23)) == cst(2026, 3, 10, 7));
}

TEST_CASE("a zone with daylight saving time (Europe/Berlin, 2026: CEST from 29 March to 25 October)") {
  const auto calendar = WorkingCalendar::standard("Europe/Berlin");
  CHECK(calendar.time_zone() == "Europe/Berlin");
  CHECK_FALSE(calendar.is_working_day(utc(2026, 3, 28, 22, 30)));  // Saturday 23:30 CET
  CHECK_FALSE(calendar.is_working_day(utc(2026, 3, 29, 21, 30)));  // Sunday 23:30 CEST
  CHECK(calendar.is_working_day(utc(2026, 3, 29, 22, 30)));        // Monday 00:30 CEST
  CHECK(calendar.is_working_day(utc(2026, 1, 4, 23, 30)));         // Monday 00:30 CET

  // Quiet hours end at 07:00 wall time whatever the offset: 7 h after 23:00 on the short night.
  CHECK(calendar.after_quiet_hours(utc(2026, 3, 28, 22)) == utc(2026, 3, 29, 5));
  CHECK(calendar.after_quiet_hours(utc(2026, 3, 30, 4, 30)) == utc(2026, 3, 30, 5));
  CHECK(calendar.after_quiet_hours(utc(2026, 1, 5, 5, 30)) == utc(2026, 1, 5, 6));
  CHECK(calendar.after_quiet_hours(utc(2026, 3, 30, 5)) == utc(2026, 3, 30, 5));  // 07:00 CEST

  // Friday 00:00 CET + 48 h: Friday, then Monday, ending at Tuesday 00:00 CEST.
  CHECK(calendar.add_working_time(utc(2026, 3, 26, 23), hours{48}) == utc(2026, 3, 30, 22));

  // With Sunday the only working day, Saturday noon to Monday noon holds exactly one local Sunday:
  // 23 hours when clocks spring forward, 25 when they fall back.
  const auto sundays = WorkingCalendar::parse(
      R"({"time_zone": "Europe/Berlin",
          "weekend": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]})", "t");
  CHECK(sundays.working_time_between(utc(2026, 3, 28, 11), utc(2026, 3, 30, 10)) == hours{23});
  CHECK(sundays.working_time_between(utc(2026, 10, 24, 10), utc(2026, 10, 26, 11)) == hours{25});
  CHECK(sundays.working_time_between(utc(2026, 1, 10, 11), utc(2026, 1, 12, 11)) == hours{24});

  // On the night clocks fall back, 02:10 CET comes after the first 02:30 (CEST) has passed; a
  // window ending at 02:30 ends at the second 02:30.
  const auto late = WorkingCalendar::parse(
      R"({"time_zone": "Europe/Berlin", "quiet_hours": {"start": "22:00", "end": "02:30"}})", "t");
  CHECK(late.after_quiet_hours(utc(2026, 10, 25, 0, 10)) == utc(2026, 10, 25, 0, 30));  // 02:10 CEST
  CHECK(late.after_quiet_hours(utc(2026, 10, 25, 1, 10)) == utc(2026, 10, 25, 1, 30));  // 02:10 CET
}

TEST_CASE("a calendar without working days throws instead of looping forever") {
  // Only Monday is a regular working day, and every Monday from 2026 to 2030 is a holiday.
  std::string holidays;
  for (sys_days monday = sys_days{2026y / January / 5}; monday < sys_days{2030y / January / 1}; monday += days{7}) {
    const year_month_day ymd{monday};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    holidays += std::string(holidays.empty() ? "" : ", ") + "\"" + text + "\"";
  }
  const auto calendar = calendar_with(
      R"(, "weekend": ["tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], "holidays": [)" +
      holidays + "]");
  const auto started = steady_clock::now();
  CHECK_THROWS_WITH_AS(calendar.add_working_time(cst(2026, 1, 1), hours{1}),
                       doctest::Contains("no deadline within 3 years"), std::runtime_error);
  CHECK(steady_clock::now() - started < seconds{2});
}

TEST_CASE("adding 30 days of working time is fast") {
  const auto calendar = WorkingCalendar::standard();
  const auto started = steady_clock::now();
  Time deadline{};
  for (int i = 0; i < 1000; ++i) deadline = calendar.add_working_time(cst(2026, 3, 6, 16) + seconds{i}, days{30});
  CHECK(deadline == cst(2026, 4, 17, 16) + seconds{999});  // 30 working days = 6 weeks
  // About 42 local days per call; a generous bound that only a pathological slowdown breaks.
  CHECK(steady_clock::now() - started < seconds{1});
}

TEST_CASE("a calendar knows the last date its holiday notice covers") {
  // By default, the end of the last year it lists a date in.
  CHECK(calendar_with(R"(, "holidays": ["2026-10-01"], "workdays": ["2026-10-10"])").covered_until() ==
        sys_days{year{2026} / December / 31});
  CHECK(calendar_with(R"(, "holidays": ["2027-01-01", "2026-10-01"])").covered_until() == sys_days{year{2027} / December / 31});
  // Said outright, e.g. a notice published early for part of the next year.
  CHECK(calendar_with(R"(, "holidays": ["2026-10-01"], "covers_until": "2027-01-03")").covered_until() ==
        sys_days{year{2027} / January / 3});
  CHECK_FALSE(WorkingCalendar::parse("{}", "empty.json").covered_until().has_value());
  CHECK_FALSE(WorkingCalendar::standard().covered_until().has_value());
  CHECK(parse_error(R"({"holidays": ["2026-10-01"], "covers_until": "2026-13-01"})") ==
        "cal.json: covers_until: '2026-13-01' is not a date (YYYY-MM-DD)");
  CHECK(parse_error(R"({"holidays": ["2026-10-01"], "covers_until": "2026-09-30"})") ==
        "cal.json: covers_until: '2026-09-30' is before the last listed date");
  // Past its end the plain weekend still counts: Friday 2027-01-01 16:00 + 24 h is Monday 16:00.
  CHECK(calendar_with(R"(, "holidays": ["2026-10-01"])").add_working_time(cst(2027, 1, 1, 16), hours{24}) ==
        cst(2027, 1, 4, 16));
  const auto calendar = calendar_with("");
  CHECK(calendar.local_date(cst(2026, 3, 9, 0, 30)) == sys_days{year{2026} / March / 9});  // 16:30 UTC the day before
  CHECK(calendar.at_local(sys_days{year{2026} / March / 9}, hours{9}) == cst(2026, 3, 9, 9));
}
