#include "storage/ticket_codec.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

using nlohmann::json;

const char* const ticket_columns =
    "number, state, category, urgent, text, grid, community, building, unit, room, reporter_id, reporter_name, "
    "source_platform, reporter_user, group_id, owner, claimed_by, created_at, claim_due_at, resolve_due_at, updated_at, "
    "sensitive, escalation_level, escalated_to, urges, duplicates, suspended_remaining, rating, resolution, "
    "summons, resolved_at, claim_missed_at, resolve_missed_at";

namespace {

// Most tickets have no summons: their "[]" is neither built nor parsed through
// a JSON document, on every ticket read and every save's comparison with the stored row.
constexpr std::string_view empty_array = "[]";

std::string summons_json(const std::vector<Summons>& summons) {
  if (summons.empty()) return std::string(empty_array);
  json out = json::array();
  for (const auto& s : summons)
    out.push_back({{"department", s.department}, {"lead", s.lead}, {"status", std::string(to_string(s.status))},
                   {"due_at", s.due_at.time_since_epoch().count()}});
  return out.dump();
}

std::vector<Summons> parse_summons(const std::string& text) {
  std::vector<Summons> out;
  if (text == empty_array) return out;
  for (const auto& s : json::parse(text, nullptr, false)) {
    if (!s.is_object()) continue;
    out.push_back(Summons{s.value("department", ""), s.value("lead", false),
                          summons_status_from_string(s.value("status", "")).value_or(Summons::Status::summoned),
                          Time(Seconds(s.value("due_at", std::int64_t{0})))});
  }
  return out;
}

}  // namespace

Ticket read_ticket(SQLite::Statement& s) {
  Ticket t;
  int i = 0;
  auto col = [&] { return s.getColumn(i++); };
  t.number = col().getInt64();
  t.state = ticket_state_from_string(col().getString()).value_or(TicketState::accepted);
  t.category = col().getString();
  t.urgent = col().getInt() != 0;
  t.text = col().getString();
  t.grid = col().getString();
  t.community = col().getString();
  t.building = optional_text(col());
  t.unit = optional_text(col());
  t.room = optional_text(col());
  t.reporter_id = col().getString();
  t.reporter_name = col().getString();
  t.source_platform = col().getString();
  t.reporter_user = col().getString();
  t.group_id = col().getString();
  t.owner = col().getString();
  t.claimed_by = col().getString();
  t.created_at = to_time(col());
  t.claim_due_at = to_time(col());
  t.resolve_due_at = to_time(col());
  t.updated_at = to_time(col());
  t.sensitive = col().getInt() != 0;
  t.escalation_level = col().getInt();
  t.escalated_to = col().getString();
  t.urges = col().getInt();
  t.duplicates = col().getInt();
  t.suspended_remaining = Seconds(col().getInt64());
  t.rating = rating_from_string(col().getString()).value_or(Rating::none);
  t.resolution = col().getString();
  t.summons = parse_summons(col().getString());
  t.resolved_at = to_time(col());
  t.claim_missed_at = to_time(col());
  t.resolve_missed_at = to_time(col());
  return t;
}

TicketRow ticket_row(const Ticket& t) {
  auto text = [](std::string_view v) { return ColumnValue(std::string(v)); };
  auto optional = [](const std::optional<std::string>& v) { return v ? ColumnValue(*v) : ColumnValue(); };
  auto integer = [](std::int64_t v) { return ColumnValue(v); };
  auto time = [](Time v) { return ColumnValue(static_cast<std::int64_t>(v.time_since_epoch().count())); };
  return TicketRow{integer(t.number),
                   text(to_string(t.state)),
                   text(t.category),
                   integer(t.urgent ? 1 : 0),
                   text(t.text),
                   text(t.grid),
                   text(t.community),
                   optional(t.building),
                   optional(t.unit),
                   optional(t.room),
                   text(t.reporter_id),
                   text(t.reporter_name),
                   text(t.source_platform),
                   text(t.reporter_user),
                   text(t.group_id),
                   text(t.owner),
                   text(t.claimed_by),
                   time(t.created_at),
                   time(t.claim_due_at),
                   time(t.resolve_due_at),
                   time(t.updated_at),
                   integer(t.sensitive ? 1 : 0),
                   integer(t.escalation_level),
                   text(t.escalated_to),
                   integer(t.urges),
                   integer(t.duplicates),
                   integer(static_cast<std::int64_t>(t.suspended_remaining.count())),
                   text(to_string(t.rating)),
                   text(t.resolution),
                   text(summons_json(t.summons)),
                   time(t.resolved_at),
                   time(t.claim_missed_at),
                   time(t.resolve_missed_at)};
}

TicketRow read_row(SQLite::Statement& s) {
  TicketRow row;
  for (int i = 0; i < ticket_column_count; ++i) {
    const SQLite::Column c = s.getColumn(i);
    if (c.isInteger()) row[i] = c.getInt64();
    else if (c.isText()) row[i] = c.getString();
    else if (!c.isNull()) row[i] = Unequal{};
  }
  return row;
}

void bind_value(SQLite::Statement& s, int index, const ColumnValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) s.bind(index, *i);
  else if (const auto* t = std::get_if<std::string>(&v)) s.bind(index, *t);  // TEXT, not BLOB
  else if (std::holds_alternative<std::monostate>(v)) s.bind(index);
  else throw std::logic_error("bind_value: an Unequal is read, never written");
}

void bind_ticket(SQLite::Statement& s, const Ticket& t) {
  const TicketRow row = ticket_row(t);
  for (int i = 0; i < ticket_column_count; ++i) bind_value(s, i + 1, row[i]);
}

const std::array<std::string, ticket_column_count>& ticket_column_names() {
  static const auto names = [] {
    std::array<std::string, ticket_column_count> out;
    std::string_view rest = ticket_columns;
    for (auto& name : out) {
      const auto comma = rest.find(',');
      name = std::string(rest.substr(0, comma));
      name.erase(0, name.find_first_not_of(' '));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return out;
  }();
  return names;
}

}  // namespace gridbot::storage
