#include "bot/console/figures_api_json.hpp"

#include "bot/net/url.hpp"

namespace gridbot::console {

using figures::Figure;
using nlohmann::json;

namespace {

constexpr const char* drill_down = "/api/v1/figures/tickets?figure=";

json rate_json(std::optional<double> r) { return r ? json(*r) : json(nullptr); }
json seconds_json(std::optional<std::int64_t> s) { return s ? json(*s) : json(nullptr); }

std::string category_label(const std::string& category, const templates::Catalog& text) {
  const std::string id = "category." + category;
  return text.has(id) ? text.render(id) : category;
}

std::string grid_label(const std::string& grid, const Organization& org) {
  const Grid* g = org.grid(grid);
  return g ? g->name : grid;
}

// Every count of a slice as a plain number, and its rates.
json tally_json(const figures::Tally& t) {
  json out = json::object();
  for (Figure f : figures::all_figures) out[std::string(to_string(f))] = t[f];
  out["claim_on_time_rate"] = rate_json(t.claim_on_time_rate());
  out["resolve_on_time_rate"] = rate_json(t.resolve_on_time_rate());
  out["satisfied_rate"] = rate_json(t.satisfied_rate());
  return out;
}

json on_time_json(const figures::Tally& t, Figure on_time, Figure late, std::optional<double> r, const std::string& query) {
  return {{"on_time", t[on_time]},
          {"late", t[late]},
          {"rate", rate_json(r)},
          {"on_time_tickets", drill_down + std::string(to_string(on_time)) + "&" + query},
          {"late_tickets", drill_down + std::string(to_string(late)) + "&" + query}};
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string FiguresQuery::text() const {
  std::string out = "from=" + net::percent_encode(from) + "&to=" + net::percent_encode(to);
  if (!community.empty()) out += "&community=" + net::percent_encode(community);
  if (!grid.empty()) out += "&grid=" + net::percent_encode(grid);
  return out;
}

json figures_json(const figures::Summary& s, const FiguresQuery& query, const Organization& org, const templates::Catalog& text) {
  const std::string q = query.text();
  json out{{"from", query.from}, {"to", query.to}};
  for (Figure f : {Figure::received, Figure::answered, Figure::resolved, Figure::confirmed, Figure::satisfied,
                   Figure::basically_satisfied, Figure::unsatisfied, Figure::unrated, Figure::awaiting_rating})
    out[std::string(to_string(f))] = {{"count", s.total[f]}, {"tickets", drill_down + std::string(to_string(f)) + "&" + q}};
  out["claim_on_time"] = on_time_json(s.total, Figure::claim_on_time, Figure::claim_late, s.total.claim_on_time_rate(), q);
  out["resolve_on_time"] =
      on_time_json(s.total, Figure::resolve_on_time, Figure::resolve_late, s.total.resolve_on_time_rate(), q);
  out["satisfied_rate"] = rate_json(s.total.satisfied_rate());
  out["claim_time"] = {{"median", seconds_json(s.claim_time.median)}, {"p90", seconds_json(s.claim_time.p90)}};
  out["resolve_time"] = {{"median", seconds_json(s.resolve_time.median)}, {"p90", seconds_json(s.resolve_time.p90)}};
  json by_grid = json::array(), by_category = json::array(), by_week = json::array(), ranking = json::array();
  for (const auto& [grid, tally] : s.by_grid) {
    json row = tally_json(tally);
    row["grid"] = grid;
    row["name"] = grid_label(grid, org);
    const Grid* g = org.grid(grid);
    row["community"] = g ? g->community : std::string();
    by_grid.push_back(std::move(row));
  }
  for (const auto& [category, tally] : s.by_category) {
    json row = tally_json(tally);
    row["category"] = category;
    row["name"] = category_label(category, text);
    by_category.push_back(std::move(row));
  }
  for (const auto& w : s.by_week) {
    json row = tally_json(w.tally);
    row["week"] = w.week.label;
    row["from"] = figures::date_text(w.week.first);
    row["to"] = figures::date_text(w.week.last);
    by_week.push_back(std::move(row));
  }
  for (const auto& r : s.ranking)
    ranking.push_back({{"grid", r.grid},
                       {"name", grid_label(r.grid, org)},
                       {"rank", r.rank},
                       {"resolve_on_time_rate", r.resolve_on_time_rate},
                       {"satisfied_rate", r.satisfied_rate},
                       {"list", to_string(r.list)}});
  out["by_grid"] = std::move(by_grid);
  out["by_category"] = std::move(by_category);
  out["by_week"] = std::move(by_week);
  out["ranking"] = std::move(ranking);
  out["ranking_min_tickets"] = figures::min_ranked_tickets;
  return out;
}

std::string figures_csv(const std::vector<figures::Slice>& slices, const Organization& org, const templates::Catalog& text) {
  std::string out = "\xEF\xBB\xBF" + text.render("console.figures.csv_header") + "\r\n";
  for (const auto& slice : slices) {
    out += csv_field(slice.grid) + "," + csv_field(grid_label(slice.grid, org)) + "," + csv_field(slice.category) + "," +
           csv_field(category_label(slice.category, text));
    for (Figure f : figures::all_figures) out += "," + std::to_string(slice.tally[f]);
    out += "\r\n";
  }
  return out;
}

json alert_json(const Alert& a, const Organization& org, const templates::Catalog& text) {
  return {{"id", a.id},
          {"category", a.category},
          {"category_name", category_label(a.category, text)},
          {"grid", a.grid},
          {"grid_name", grid_label(a.grid, org)},
          {"community", a.community},
          {"building", a.building},
          {"count", a.count},
          {"window", a.window.count()},
          {"raised_at", a.raised_at.time_since_epoch().count()},
          {"last_report_at", a.last_report_at.time_since_epoch().count()},
          {"tickets", a.tickets}};
}

}  // namespace gridbot::console
