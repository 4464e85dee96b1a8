#include "storage/ticket_codec.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

using nlohmann::json;

const char* const ticket_columns =
    "number, state, category, urgent, text, grid, community, building, unit, room, reporter_id, reporter_name, "
    "source_platform, reporter_user, group_id, owner, claimed_by, created_at, claim_due_at, resolve_due_at, updated_at, "
    "sensitive, escalation_level, escalated_to, urges, duplicates, suspended_remaining, rating, resolution, "
    "subscribers, summons, resolved_at";

namespace {

std::string subscribers_json(const std::vector<Subscriber>& subscribers) {
  json out = json::array();
  for (const auto& s : subscribers) out.push_back({{"person", s.person_id}, {"platform", s.platform}, {"user", s.user_id}});
  return out.dump();
}

std::vector<Subscriber> parse_subscribers(const std::string& text) {
  std::vector<Subscriber> out;
  for (const auto& s : json::parse(text, nullptr, false))
    if (s.is_object()) out.push_back({s.value("person", ""), s.value("platform", ""), s.value("user", "")});
  return out;
}

std::string summons_json(const std::vector<Summons>& summons) {
  json out = json::array();
  for (const auto& s : summons)
    out.push_back({{"department", s.department}, {"lead", s.lead}, {"status", std::string(to_string(s.status))},
                   {"due_at", s.due_at.time_since_epoch().count()}});
  return out.dump();
}

std::vector<Summons> parse_summons(const std::string& text) {
  std::vector<Summons> out;
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
  t.subscribers = parse_subscribers(col().getString());
  t.summons = parse_summons(col().getString());
  t.resolved_at = to_time(col());
  return t;
}

void bind_ticket(SQLite::Statement& s, const Ticket& t) {
  int i = 0;
  s.bind(++i, t.number);
  bind_text(s, ++i, to_string(t.state));
  bind_text(s, ++i, t.category);
  s.bind(++i, t.urgent ? 1 : 0);
  bind_text(s, ++i, t.text);
  bind_text(s, ++i, t.grid);
  bind_text(s, ++i, t.community);
  bind_optional(s, ++i, t.building);
  bind_optional(s, ++i, t.unit);
  bind_optional(s, ++i, t.room);
  bind_text(s, ++i, t.reporter_id);
  bind_text(s, ++i, t.reporter_name);
  bind_text(s, ++i, t.source_platform);
  bind_text(s, ++i, t.reporter_user);
  bind_text(s, ++i, t.group_id);
  bind_text(s, ++i, t.owner);
  bind_text(s, ++i, t.claimed_by);
  bind_time(s, ++i, t.created_at);
  bind_time(s, ++i, t.claim_due_at);
  bind_time(s, ++i, t.resolve_due_at);
  bind_time(s, ++i, t.updated_at);
  s.bind(++i, t.sensitive ? 1 : 0);
  s.bind(++i, t.escalation_level);
  bind_text(s, ++i, t.escalated_to);
  s.bind(++i, t.urges);
  s.bind(++i, t.duplicates);
  s.bind(++i, static_cast<std::int64_t>(t.suspended_remaining.count()));
  bind_text(s, ++i, to_string(t.rating));
  bind_text(s, ++i, t.resolution);
  bind_text(s, ++i, subscribers_json(t.subscribers));
  bind_text(s, ++i, summons_json(t.summons));
  bind_time(s, ++i, t.resolved_at);
}

}  // namespace gridbot::storage
