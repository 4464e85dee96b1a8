#include "bot/console/ticket_json.hpp"

#include <algorithm>

#include "handlers/lateness.hpp"
#include "handlers/understand/sensitive_numbers.hpp"

namespace gridbot::console {

using nlohmann::json;

namespace {

std::int64_t seconds(Time t) { return t.time_since_epoch().count(); }

std::string member_name(const Organization& org, const std::string& id) {
  const Member* m = org.member(id);
  return m ? m->name : id;
}

}  // namespace

bool overdue(const Ticket& t, Time now) { return late_since(t, now).has_value(); }

std::int64_t lateness(const Ticket& t, Time now) {
  const auto since = late_since(t, now);
  return since ? std::max<std::int64_t>(seconds(now) - seconds(*since), 0) : 0;
}

json ticket_summary_json(const Ticket& t, const Organization& org, const templates::Catalog& text, Time now) {
  const Grid* grid = org.grid(t.grid);
  const std::string category_id = "category." + t.category;
  return {{"number", t.number},
          {"state", to_string(t.state)},
          {"category", t.category},
          {"category_name", text.has(category_id) ? text.render(category_id) : t.category},
          {"urgent", t.urgent},
          {"text", understand::mask_sensitive(t.text, {})},
          {"grid", t.grid},
          {"grid_name", grid ? grid->name : t.grid},
          {"community", t.community},
          {"building", t.building.value_or("")},
          {"owner", t.responsible()},
          {"owner_name", member_name(org, t.responsible())},
          {"escalation_level", t.escalation_level},
          {"rating", to_string(t.rating)},
          {"created_at", seconds(t.created_at)},
          {"claim_due_at", seconds(t.claim_due_at)},
          {"resolve_due_at", seconds(t.resolve_due_at)},
          {"resolved_at", t.resolved_at == Time{} ? json(nullptr) : json(seconds(t.resolved_at))},
          {"overdue", overdue(t, now)},
          {"lateness", lateness(t, now)}};
}

json ticket_detail_json(const Ticket& t, const std::vector<RecordEvent>& timeline, const Organization& org,
                        const templates::Catalog& text, Time now, const ConsoleUserNames& console_users) {
  auto actor_name = [&](const std::string& actor) -> std::string {
    if (actor == "system") return actor;
    if (const Member* m = org.member(actor)) return m->name;  // staff in chat act as themselves
    if (auto user = console_users ? console_users(actor) : std::nullopt) {
      const Member* m = org.member(user->member);
      return m ? m->name : user->name;
    }
    return actor;
  };
  json out = ticket_summary_json(t, org, text, now);
  out["reporter_name"] = t.reporter_name;
  out["source_platform"] = t.source_platform;
  out["group"] = t.group_id;
  out["claimed_by"] = t.claimed_by;
  out["resolution"] = understand::mask_sensitive(t.resolution, {});
  out["urges"] = t.urges;
  out["duplicates"] = t.duplicates;
  json events = json::array();
  for (const auto& e : timeline)
    events.push_back({{"kind", e.kind},
                      {"actor", e.actor},
                      {"actor_name", actor_name(e.actor)},
                      {"detail", understand::mask_sensitive(e.detail, {})},
                      {"at", seconds(e.at)}});
  out["timeline"] = std::move(events);
  return out;
}

}  // namespace gridbot::console
