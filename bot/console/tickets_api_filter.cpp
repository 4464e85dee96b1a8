#include "bot/console/tickets_api_filter.hpp"

#include <charconv>

namespace gridbot::console {

namespace {

constexpr std::size_t max_search_bytes = 200;

std::optional<int> read_int(std::string_view text, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > max) return std::nullopt;
  return value;
}

// "true"/"false" (and 1/0, which forms send), or the reason.
std::variant<bool, std::string> read_bool(std::string_view name, std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return "'" + std::string(name) + "' must be true or false";
}

}  // namespace

std::optional<std::chrono::sys_days> read_date(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t at, std::size_t n, auto& out) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + n, out);
    return ec == std::errc() && end == text.data() + at + n;
  };
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date);
}

std::variant<std::pair<int, int>, std::string> read_page(const http::Params& params) {
  std::pair<int, int> page{50, 0};
  if (auto it = params.query.find("limit"); it != params.query.end()) {
    auto v = read_int(it->second, max_page);
    if (!v || *v == 0) return "'limit' must be a whole number from 1 to " + std::to_string(max_page);
    page.first = *v;
  }
  if (auto it = params.query.find("offset"); it != params.query.end()) {
    auto v = read_int(it->second, 1'000'000'000);
    if (!v) return std::string("'offset' must be a whole number from 0");
    page.second = *v;
  }
  return page;
}

std::variant<storage::TicketFilter, std::string> read_ticket_filter(const http::Params& params, const WorkingCalendar& calendar) {
  storage::TicketFilter f;
  for (const auto& [key, value] : params.query) {
    if (key == "grid") f.grid = value;
    else if (key == "community") f.community = value;
    else if (key == "category") f.category = value;
    else if (key == "q") {
      if (value.size() > max_search_bytes) return "'q' is longer than " + std::to_string(max_search_bytes) + " bytes";
      f.q = value;
    } else if (key == "state") {
      if (value == "open") f.open_only = true;
      else if (auto s = ticket_state_from_string(value)) f.state = s;
      else return "'state' must be open, accepted, claimed, suspended, resolved, closed or cancelled";
    } else if (key == "overdue" || key == "urgent") {
      auto b = read_bool(key, value);
      if (auto* why = std::get_if<std::string>(&b)) return *why;
      (key == "overdue" ? f.overdue : f.urgent) = std::get<bool>(b);
    } else if (key == "from" || key == "to") {
      auto date = read_date(value);
      if (!date) return "'" + key + "' must be a date (YYYY-MM-DD)";
      // Local midnight of the day, and of the day after `to`: the board's days are the desk's days.
      if (key == "from") f.created_from = calendar.at_local(*date, std::chrono::minutes(0));
      else f.created_before = calendar.at_local(*date + std::chrono::days(1), std::chrono::minutes(0));
    } else if (key != "limit" && key != "offset") {
      return "unknown parameter '" + key + "'";
    }
  }
  if (f.created_from && f.created_before && *f.created_from >= *f.created_before) return std::string("'from' is after 'to'");
  auto page = read_page(params);
  if (auto* why = std::get_if<std::string>(&page)) return *why;
  std::tie(f.limit, f.offset) = std::get<std::pair<int, int>>(page);
  return f;
}

storage::TicketScope scope_of(const Viewer& viewer, const Organization& org) {
  storage::TicketScope scope;
  if (viewer.role == ConsoleRole::admin || (viewer.role == ConsoleRole::supervisor && viewer.street.empty())) {
    scope.all = true;
    return scope;
  }
  for (const auto& c : org.communities)
    if (viewer.may_see_community(org, c.id)) scope.communities.push_back(c.id);
  return scope;
}

}  // namespace gridbot::console
