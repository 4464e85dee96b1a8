#include "handlers/early_warning.hpp"

#include <algorithm>

#include "handlers/messages.hpp"

namespace gridbot {

namespace {

std::string place_of(const Alert& a, const Context& ctx) {
  const Grid* grid = ctx.org.grid(a.grid);
  const std::string grid_name = grid ? grid->name : a.grid;
  if (a.building.empty()) return ctx.text.render("console.alerts.place_grid", {{"grid", grid_name}});
  return ctx.text.render("console.alerts.place_building", {{"grid", grid_name}, {"building", a.building}});
}

void tell_community_heads(Actions& out, const Alert& a, const Ticket& t, const Context& ctx) {
  std::string numbers;
  for (auto n : a.tickets) numbers += (numbers.empty() ? "" : "、") + std::to_string(n);
  const std::string text = ctx.text.render("console.alerts.raised", {{"category", category_name(a.category, ctx.text)},
                                                                      {"place", place_of(a, ctx)},
                                                                      {"count", a.count},
                                                                      {"minutes", a.window.count() / 60},
                                                                      {"tickets", numbers}});
  for (const Member* head : ctx.org.members_with_role(t.grid, Role::community_head))
    if (head->community == a.community) notify_member(out, head, t, text, ctx);
}

void add_ticket(Alert& a, std::int64_t number) {
  if (std::find(a.tickets.begin(), a.tickets.end(), number) == a.tickets.end()) a.tickets.push_back(number);
}

}  // namespace

void watch_for_burst(Actions& out, const Ticket& t, const Context& ctx) {
  const EarlyWarning& rule = ctx.policy.early_warning;
  if (!rule.enabled() || !ctx.early_warning || t.grid.empty()) return;
  const Time since = ctx.now - rule.window;
  const GridReport report{t.number, ctx.now, t.building.value_or("")};
  out.push_back(RecordReport{t.grid, t.category, report, since});

  if (auto ongoing = ctx.early_warning->ongoing_alert(t.grid, t.category, since)) {
    Alert a = std::move(*ongoing);
    a.count += 1;
    a.last_report_at = ctx.now;
    if (a.building != report.building) a.building.clear();
    add_ticket(a, t.number);
    out.push_back(SaveAlert{std::move(a)});
    return;
  }

  std::vector<GridReport> reports = ctx.early_warning->reports_since(t.grid, t.category, since);
  reports.push_back(report);
  if (static_cast<int>(reports.size()) < rule.count) return;
  Alert a;
  a.category = t.category;
  a.grid = t.grid;
  a.community = t.community;
  a.building = report.building;
  for (const auto& r : reports) {
    if (r.building != a.building) a.building.clear();
    add_ticket(a, r.ticket);
  }
  a.count = static_cast<std::int64_t>(reports.size());
  a.window = rule.window;
  a.raised_at = a.last_report_at = ctx.now;
  out.push_back(SaveAlert{a});
  tell_community_heads(out, a, t, ctx);
}

}  // namespace gridbot
