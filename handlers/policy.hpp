// The organization's rules of the process: time limits (限时办结) per category and urgency, the
// working calendar, who answers for which category, and the numbers of the lifecycle.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "handlers/calendar.hpp"
#include "handlers/organization.hpp"
#include "handlers/time.hpp"

namespace gridbot {

struct Deadlines {
  Seconds claim{};    // wall time: a claim is minutes or hours away
  Seconds resolve{};  // working time, except for urgent tickets (wall time)
};

// Who a category goes to first: a role in the ticket's grid, or a department's liaison.
struct Route {
  std::optional<Role> role;
  std::string department;
};

// 监测预警: `count` reports of one category in one grid within `window` raise an alert. Off (count
// 0) unless the organization file's policy sets `early_warning`.
struct EarlyWarning {
  int count = 0;
  Seconds window{};
  bool enabled() const { return count > 0; }
};

struct Policy {
  Deadlines normal{std::chrono::hours(2), std::chrono::hours(72)};
  Deadlines urgent{std::chrono::minutes(15), std::chrono::hours(4)};
  std::map<std::string, Deadlines, std::less<>> by_category;  // overrides `normal` for a category
  // Each rung of the escalation ladder gets its own deadline: working time, or wall time if urgent.
  Seconds rung_normal = std::chrono::hours(24);
  Seconds rung_urgent = std::chrono::hours(1);
  Seconds report_in = std::chrono::hours(2);  // a summoned department must check in within this (wall time)
  double reminder_at = 0.8;                   // remind the owner at this fraction of each deadline
  int urges_before_next_rung = 2;             // 催办 count that also alerts the rung above
  Seconds urge_min_interval = std::chrono::minutes(30);  // one resident's chases of one ticket: at most one per this
  Seconds rating_timeout = std::chrono::hours(72);
  Seconds duplicate_window = std::chrono::hours(48);
  Seconds conversation_timeout = std::chrono::hours(24);  // a question to a resident expires
  std::set<std::string, std::less<>> sensitive_categories{"dispute", "welfare", "public_security"};
  std::map<std::string, Route, std::less<>> routes;
  WorkingCalendar calendar = WorkingCalendar::standard();
  EarlyWarning early_warning;

  const Deadlines& deadlines_for(std::string_view category, bool is_urgent) const {
    if (is_urgent) return urgent;
    auto it = by_category.find(category);
    return it == by_category.end() ? normal : it->second;
  }
  bool is_sensitive(std::string_view category) const { return sensitive_categories.contains(category); }
  // A deadline `duration` after `from`: wall time for urgent tickets, working time otherwise.
  Time deadline_after(Time from, Seconds duration, bool is_urgent) const {
    return is_urgent ? from + duration : calendar.add_working_time(from, duration);
  }
};

}  // namespace gridbot
