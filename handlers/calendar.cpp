#include "handlers/calendar.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace gridbot {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::minutes;
using std::chrono::sys_days;

// std::chrono's tzdb is missing from g++ 12, so ICU's zone rules turn instants into local wall time
// and back. ICU's const members are safe to call concurrently, which lets copies share one object.
class WorkingCalendar::ZoneRules {
 public:
  explicit ZoneRules(std::string_view name) {
    const icu::UnicodeString id =
        icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    zone_.reset(icu::TimeZone::createTimeZone(id));
    // ICU answers an unknown name with a clone of "Etc/Unknown" (GMT) instead of failing; running a
    // Chinese deployment on GMT would shift every deadline by eight hours, so refuse it.
    if (!zone_ || *zone_ == icu::TimeZone::getUnknown()) {
      throw std::runtime_error("'" + std::string(name) + "' is not a known IANA time zone");
    }
    basic_ = dynamic_cast<const icu::BasicTimeZone*>(zone_.get());
    if (basic_ == nullptr) {
      throw std::runtime_error("time zone '" + std::string(name) + "' has no transition rules");
    }
  }

  // Local wall time of an instant; always unambiguous in this direction.
  local_seconds to_local(Time t) const {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    zone_->getOffset(to_udate(t.time_since_epoch()), false, raw, dst, status);
    check(status);
    return local_seconds{t.time_since_epoch() + offset_seconds(raw, dst)};
  }

  // The instant of a local wall time. A wall time skipped by a spring-forward gap maps to the
  // instant the gap ends (ICU's "former" offset), so a day whose midnight does not exist still
  // starts at its first real instant. A repeated wall time maps to its first or second occurrence.
  Time to_utc(local_seconds wall, bool second_occurrence) const {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    basic_->getOffsetFromLocal(to_udate(wall.time_since_epoch()), UCAL_TZ_LOCAL_FORMER,
                               second_occurrence ? UCAL_TZ_LOCAL_LATTER : UCAL_TZ_LOCAL_FORMER, raw,
                               dst, status);
    check(status);
    return Time{wall.time_since_epoch() - offset_seconds(raw, dst)};
  }

 private:
  static UDate to_udate(Seconds s) { return static_cast<UDate>(s.count()) * 1000.0; }
  static Seconds offset_seconds(int32_t raw_ms, int32_t dst_ms) {
    return std::chrono::duration_cast<Seconds>(std::chrono::milliseconds{raw_ms + dst_ms});
  }
  static void check(UErrorCode status) {
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU time zone error: ") + u_errorName(status));
  }

  std::unique_ptr<icu::TimeZone> zone_;
  const icu::BasicTimeZone* basic_ = nullptr;
};

namespace {

// Tickets run for days, so a deadline three years out can only mean a calendar with (almost) no
// working days; stop there instead of stepping forever.
constexpr days kDeadlineSearchLimit{3 * 366};
// working_time_between always ends, but absurd bounds (e.g. Time::min()) would step for ages.
constexpr days kBetweenLimit{100 * 366};

// Indexed by std::chrono::weekday::c_encoding(): 0 = Sunday.
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 7> kKnownKeys = {
    "time_zone", "weekend", "holidays", "workdays", "quiet_hours", "source", "covers_until"};

std::uint8_t weekday_bit(sys_days date) {
  return static_cast<std::uint8_t>(1u << std::chrono::weekday{date}.c_encoding());
}

// Every configuration error reads "<source>: <key>: <why>" so an admin can find the line to fix.
[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& why) {
  throw std::runtime_error(source + ": " + key + ": " + why);
}

const nlohmann::json& expect_string(const nlohmann::json& value, const std::string& source,
                                    const std::string& key, std::string_view example) {
  if (!value.is_string()) {
    fail(source, key, "expected a string like \"" + std::string(example) + "\", got " + value.type_name());
  }
  return value;
}

const nlohmann::json& expect_array(const nlohmann::json& value, const std::string& source,
                                   const std::string& key) {
  if (!value.is_array()) fail(source, key, std::string("expected an array, got ") + value.type_name());
  return value;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

// Strict YYYY-MM-DD that must name a real calendar date (no 2026-02-30).
std::optional<sys_days> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{to_int(y)},
                                         std::chrono::month{static_cast<unsigned>(to_int(m))},
                                         std::chrono::day{static_cast<unsigned>(to_int(d))}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date};
}

// Strict HH:MM on a 24-hour clock, 00:00 to 23:59.
std::optional<minutes> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  const auto h = s.substr(0, 2), m = s.substr(3, 2);
  if (!all_digits(h) || !all_digits(m) || to_int(h) > 23 || to_int(m) > 59) return std::nullopt;
  return minutes{to_int(h) * 60 + to_int(m)};
}

std::vector<sys_days> parse_date_list(const nlohmann::json& value, const std::string& source,
                                      const std::string& key) {
  std::vector<sys_days> dates;
  const auto& list = expect_array(value, source, key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_key = key + "[" + std::to_string(i) + "]";
    const auto text = expect_string(list[i], source, item_key, "2026-10-01").get<std::string>();
    const auto date = parse_date(text);
    if (!date) fail(source, item_key, "'" + text + "' is not a date (YYYY-MM-DD)");
    // A repeated date is harmless to the arithmetic but usually a typo for a different day.
    if (std::find(dates.begin(), dates.end(), *date) != dates.end()) {
      fail(source, item_key, "'" + text + "' is listed twice");
    }
    dates.push_back(*date);
  }
  std::sort(dates.begin(), dates.end());
  return dates;
}

std::uint8_t parse_weekend(const nlohmann::json& value, const std::string& source) {
  std::uint8_t mask = 0;
  const auto& list = expect_array(value, source, "weekend");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_key = "weekend[" + std::to_string(i) + "]";
    const auto name = expect_string(list[i], source, item_key, "saturday").get<std::string>();
    const auto it = std::find(kWeekdayNames.begin(), kWeekdayNames.end(), name);
    if (it == kWeekdayNames.end()) {
      fail(source, item_key, "'" + name + "' is not a weekday name (monday ... sunday, lower case)");
    }
    const auto bit = static_cast<std::uint8_t>(1u << (it - kWeekdayNames.begin()));
    if (mask & bit) fail(source, item_key, "'" + name + "' is listed twice");
    mask |= bit;
  }
  // Without a single regular working day every deadline would depend on make-up days alone.
  if (mask == 0x7F) fail(source, "weekend", "all seven days are weekend days; no day would be a working day");
  return mask;
}

minutes parse_quiet_clock(const nlohmann::json& hours, const char* field, const std::string& source) {
  const std::string key = std::string("quiet_hours.") + field;
  if (!hours.contains(field)) fail(source, key, "missing (expected \"HH:MM\")");
  const auto text = expect_string(hours.at(field), source, key, "22:00").get<std::string>();
  const auto clock = parse_clock(text);
  if (!clock) fail(source, key, "'" + text + "' is not a time of day (HH:MM, 00:00-23:59)");
  return *clock;
}

bool contains_date(const std::vector<sys_days>& sorted, sys_days date) {
  return std::binary_search(sorted.begin(), sorted.end(), date);
}

}  // namespace

WorkingCalendar WorkingCalendar::standard(std::string_view time_zone) {
  WorkingCalendar calendar;
  calendar.time_zone_ = std::string(time_zone);
  calendar.zone_ = std::make_shared<const ZoneRules>(time_zone);
  calendar.weekend_mask_ = (1u << 0) | (1u << 6);  // Sunday, Saturday
  calendar.quiet_hours_ = QuietHours{minutes{22 * 60}, minutes{7 * 60}};
  return calendar;
}

WorkingCalendar WorkingCalendar::parse(std::string_view json_text, const std::string& source) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(source + ": not valid JSON: " + e.what());
  }
  if (!doc.is_object()) fail(source, "(top level)", std::string("expected an object, got ") + doc.type_name());
  for (const auto& [key, value] : doc.items()) {
    if (std::find(kKnownKeys.begin(), kKnownKeys.end(), key) == kKnownKeys.end()) {
      fail(source, key,
           "unknown key (expected time_zone, weekend, holidays, workdays, quiet_hours, covers_until or source)");
    }
  }

  WorkingCalendar calendar;
  calendar.time_zone_ = "Asia/Shanghai";
  if (doc.contains("time_zone")) {
    calendar.time_zone_ = expect_string(doc["time_zone"], source, "time_zone", "Asia/Shanghai").get<std::string>();
  }
  try {
    calendar.zone_ = std::make_shared<const ZoneRules>(calendar.time_zone_);
  } catch (const std::runtime_error& e) {
    fail(source, "time_zone", e.what());
  }

  calendar.weekend_mask_ = doc.contains("weekend") ? parse_weekend(doc["weekend"], source)
                                                   : static_cast<std::uint8_t>((1u << 0) | (1u << 6));
  if (doc.contains("holidays")) calendar.holidays_ = parse_date_list(doc["holidays"], source, "holidays");
  if (doc.contains("workdays")) calendar.workdays_ = parse_date_list(doc["workdays"], source, "workdays");

  // Cross-checks point at the workdays entry because that list is the shorter, more error-prone one.
  const auto& workday_texts = doc.contains("workdays") ? doc["workdays"] : nlohmann::json::array();
  for (std::size_t i = 0; i < workday_texts.size(); ++i) {
    const std::string item_key = "workdays[" + std::to_string(i) + "]";
    const auto text = workday_texts[i].get<std::string>();
    const auto date = *parse_date(text);
    if (contains_date(calendar.holidays_, date)) {
      fail(source, item_key, "'" + text + "' is also listed in holidays; a date is one or the other");
    }
    // A make-up working day (调休上班日) only means something on a rest day; on a weekday it is
    // almost always a typo for the neighbouring weekend date.
    if ((calendar.weekend_mask_ & weekday_bit(date)) == 0) {
      const auto name = kWeekdayNames[std::chrono::weekday{date}.c_encoding()];
      fail(source, item_key, "'" + text + "' is a " + std::string(name) +
                                 ", already a working day; make-up working days must fall on the weekend");
    }
  }

  if (doc.contains("quiet_hours")) {
    const auto& hours = doc["quiet_hours"];
    if (!hours.is_object()) {
      fail(source, "quiet_hours", std::string("expected an object like {\"start\": \"22:00\", \"end\": \"07:00\"}, got ") +
                                      hours.type_name());
    }
    for (const auto& [key, value] : hours.items()) {
      if (key != "start" && key != "end") fail(source, "quiet_hours." + key, "unknown key (expected start or end)");
    }
    const QuietHours quiet{parse_quiet_clock(hours, "start", source), parse_quiet_clock(hours, "end", source)};
    // Equal ends could mean "never" or "always"; make the admin say which by omitting the key instead.
    if (quiet.start == quiet.end) fail(source, "quiet_hours", "start and end are the same time");
    calendar.quiet_hours_ = quiet;
  }

  if (doc.contains("source")) expect_string(doc["source"], source, "source", "State Council notice ...");

  // A notice covers a year: by default the calendar ends with the last year it lists a date in.
  std::optional<sys_days> last_listed;
  if (!calendar.holidays_.empty()) last_listed = calendar.holidays_.back();
  if (!calendar.workdays_.empty()) last_listed = std::max(last_listed.value_or(calendar.workdays_.back()), calendar.workdays_.back());
  if (last_listed) {
    const std::chrono::year_month_day ymd{*last_listed};
    calendar.covered_until_ = sys_days{ymd.year() / std::chrono::December / 31};
  }
  if (doc.contains("covers_until")) {
    const auto text = expect_string(doc["covers_until"], source, "covers_until", "2027-12-31").get<std::string>();
    const auto date = parse_date(text);
    if (!date) fail(source, "covers_until", "'" + text + "' is not a date (YYYY-MM-DD)");
    if (last_listed && *date < *last_listed) fail(source, "covers_until", "'" + text + "' is before the last listed date");
    calendar.covered_until_ = *date;
  }
  return calendar;
}

bool WorkingCalendar::is_working_date(sys_days local_date) const {
  if (contains_date(workdays_, local_date)) return true;
  if (contains_date(holidays_, local_date)) return false;
  return (weekend_mask_ & weekday_bit(local_date)) == 0;
}

WorkingCalendar::LocalDay WorkingCalendar::local_day_of(Time t) const {
  const auto date = std::chrono::floor<days>(zone_->to_local(t));
  const Time end = zone_->to_utc(local_seconds{date + days{1}}, false);
  // Only corrupt zone data could put the next midnight at or before t; stepping loops need progress.
  if (end <= t) throw std::runtime_error("time zone " + time_zone_ + ": local day does not advance");
  return LocalDay{end, is_working_date(sys_days{date.time_since_epoch()})};
}

bool WorkingCalendar::is_working_day(Time t) const { return local_day_of(t).working; }

sys_days WorkingCalendar::local_date(Time t) const {
  return sys_days{std::chrono::floor<days>(zone_->to_local(t)).time_since_epoch()};
}

Time WorkingCalendar::at_local(sys_days date, minutes time_of_day) const {
  return zone_->to_utc(local_seconds{date.time_since_epoch()} + time_of_day, false);
}

Time WorkingCalendar::add_working_time(Time start, Seconds duration) const {
  if (duration <= Seconds::zero()) return start;
  Seconds left = duration;
  for (Time t = start; t - start < kDeadlineSearchLimit;) {
    const LocalDay day = local_day_of(t);
    if (day.working) {
      if (left <= day.end - t) return t + left;
      left -= day.end - t;
    }
    t = day.end;
  }
  throw std::runtime_error("working calendar (" + time_zone_ +
                           "): no deadline within 3 years of the start; check weekend, holidays and workdays");
}

Seconds WorkingCalendar::working_time_between(Time from, Time to) const {
  if (to <= from) return Seconds::zero();
  if (to - from > kBetweenLimit) {
    throw std::runtime_error("working calendar: interval of more than 100 years; the bounds look wrong");
  }
  Seconds total{0};
  for (Time t = from; t < to;) {
    const LocalDay day = local_day_of(t);
    const Time end = std::min(day.end, to);
    if (day.working) total += end - t;
    t = end;
  }
  return total;
}

Time WorkingCalendar::after_quiet_hours(Time t) const {
  if (!quiet_hours_) return t;
  const auto wall = zone_->to_local(t);
  const auto date = std::chrono::floor<days>(wall);
  const auto clock = wall - date;
  const auto [start, end] = *quiet_hours_;

  std::optional<local_days> end_date;
  if (start < end) {
    if (clock >= start && clock < end) end_date = date;
  } else if (clock >= start) {
    end_date = date + days{1};  // inside the evening part: quiet ends tomorrow morning
  } else if (clock < end) {
    end_date = date;  // inside the early-morning part
  }
  if (!end_date) return t;

  const local_seconds end_wall = *end_date + end;
  // When clocks fall back, t may sit in the repeated hour after the first occurrence of the end
  // time has already passed; the quiet window then ends at the second occurrence.
  Time result = zone_->to_utc(end_wall, false);
  if (result <= t) result = zone_->to_utc(end_wall, true);
  return std::max(result, t);
}

}  // namespace gridbot
