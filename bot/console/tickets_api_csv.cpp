#include "bot/console/tickets_api_csv.hpp"

#include <fmt/format.h>

#include "bot/console/ticket_json.hpp"

namespace gridbot::console {

std::string csv_field(std::string_view value) {
  std::string v(value);
  if (!v.empty() && (v.front() == '=' || v.front() == '+' || v.front() == '-' || v.front() == '@')) v.insert(0, "'");
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

TicketsCsv::TicketsCsv(const Organization& org, const templates::Catalog& text, const WorkingCalendar& calendar, Time now)
    : org_(org), text_(text), calendar_(calendar), now_(now), out_("\xEF\xBB\xBF") {
  out_ += text_.render("console.tickets.csv_header");
  out_ += "\r\n";
}

std::string TicketsCsv::local_time(Time t) const {
  if (t == Time{}) return {};
  const auto day = calendar_.local_date(t);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(t - calendar_.at_local(day, std::chrono::minutes(0)));
  const std::chrono::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), minutes.count() / 60, minutes.count() % 60);
}

void TicketsCsv::add(const Ticket& t) {
  // The summary, so the CSV masks exactly what the board masks and names what it names.
  const auto s = ticket_summary_json(t, org_, text_, now_);
  const std::string yes = text_.render("console.tickets.yes"), no = text_.render("console.tickets.no");
  const Community* community = org_.community(t.community);
  const std::string state_id = "state." + std::string(to_string(t.state));
  const std::string rating_id = "rating." + std::string(to_string(t.rating));
  const std::string fields[] = {
      std::to_string(t.number),
      text_.has(state_id) ? text_.render(state_id) : std::string(to_string(t.state)),
      s["category_name"].get<std::string>(),
      t.urgent ? yes : no,
      s["text"].get<std::string>(),
      s["grid_name"].get<std::string>(),
      community ? community->name : t.community,
      t.building.value_or(""),
      s["owner_name"].get<std::string>(),
      std::to_string(t.escalation_level),
      text_.has(rating_id) ? text_.render(rating_id) : std::string(),
      local_time(t.created_at),
      local_time(t.claim_due_at),
      local_time(t.resolve_due_at),
      local_time(t.resolved_at),
      s["overdue"].get<bool>() ? yes : no,
      std::to_string(s["lateness"].get<std::int64_t>()),
  };
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out_ += ',';
    first = false;
    out_ += csv_field(f);
  }
  out_ += "\r\n";
}

}  // namespace gridbot::console
