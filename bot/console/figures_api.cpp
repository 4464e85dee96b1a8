#include "bot/console/figures_api.hpp"

#include <memory>
#include <variant>

#include "bot/console/figures_api_json.hpp"
#include "bot/console/ticket_json.hpp"
#include "storage/figures_queries.hpp"

namespace gridbot::console {

using http::Status;
using nlohmann::json;

namespace {

constexpr int default_days = 30;
constexpr int default_limit = 500, max_limit = 5000;

struct BadRequest {
  Status status;
  std::string reason;
};

// What a figures request asks for, checked field by field.
struct Asked {
  figures::Period period;
  FiguresQuery query;
  storage::FiguresScope scope;
};

std::chrono::sys_days date_param(const http::Params& params, const char* key, std::chrono::sys_days fallback) {
  auto it = params.query.find(key);
  if (it == params.query.end() || it->second.empty()) return fallback;
  auto date = figures::parse_date_text(it->second);
  if (!date) throw BadRequest{Status::bad_request, std::string("'") + key + "' must be a date YYYY-MM-DD"};
  return *date;
}

std::string id_param(const http::Params& params, const char* key) {
  auto it = params.query.find(key);
  return it == params.query.end() ? std::string() : it->second;
}

int int_param(const http::Params& params, const char* key, int fallback, int max) {
  const std::string value = id_param(params, key);
  if (value.empty()) return fallback;
  if (value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos || std::stoi(value) > max)
    throw BadRequest{Status::bad_request, std::string("'") + key + "' must be a whole number from 0 to " + std::to_string(max)};
  return std::stoi(value);
}

}  // namespace

std::optional<std::vector<std::string>> visible_communities(const Viewer& viewer, const Organization& org) {
  // Those who see everything get no condition at all (and the created_at index); the others the
  // list their scope allows, which may be empty (then nothing is counted).
  if (viewer.role == ConsoleRole::admin || (viewer.role == ConsoleRole::supervisor && viewer.street.empty())) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& c : org.communities)
    if (viewer.may_see_community(org, c.id)) out.push_back(c.id);
  return out;
}

namespace {

Asked read_request(const Viewer& viewer, const http::Params& params, const Organization& org, const WorkingCalendar& zone,
                   Time now) {
  const auto today = zone.local_date(now);
  const auto to = date_param(params, "to", today);
  const auto from = date_param(params, "from", to - std::chrono::days(default_days - 1));
  auto period = figures::make_period(from, to, zone);
  if (auto* error = std::get_if<figures::PeriodError>(&period)) throw BadRequest{Status::bad_request, error->reason};
  Asked a{std::get<figures::Period>(std::move(period)), {figures::date_text(from), figures::date_text(to), {}, {}}, {}};
  a.scope.span = a.period.span;
  a.scope.communities = visible_communities(viewer, org);
  if (const std::string community = id_param(params, "community"); !community.empty()) {
    if (!org.community(community)) throw BadRequest{Status::bad_request, "'community': no community '" + community + "'"};
    if (!viewer.may_see_community(org, community))
      throw BadRequest{Status::forbidden, "'community': '" + community + "' is outside the viewer's scope"};
    a.scope.communities = std::vector<std::string>{community};
    a.query.community = community;
  }
  if (const std::string grid = id_param(params, "grid"); !grid.empty()) {
    const Grid* g = org.grid(grid);
    if (!g) throw BadRequest{Status::bad_request, "'grid': no grid '" + grid + "'"};
    if (!viewer.may_see_grid(org, grid)) throw BadRequest{Status::forbidden, "'grid': '" + grid + "' is outside the viewer's scope"};
    if (!a.query.community.empty() && g->community != a.query.community)
      throw BadRequest{Status::bad_request, "'grid': '" + grid + "' is not in community '" + a.query.community + "'"};
    a.scope.grid = grid;
    a.query.grid = grid;
  }
  return a;
}

// The weeks' slices, one aggregate query per week: each an index range, together one pass.
std::vector<std::vector<figures::Slice>> slices_by_week(const storage::FiguresQueries& q, const Asked& a, Time now) {
  std::vector<std::vector<figures::Slice>> out;
  for (const auto& week : a.period.weeks) {
    storage::FiguresScope scope = a.scope;
    scope.span = week.span;
    out.push_back(q.tallies(scope, now));
  }
  return out;
}

template <class Answer>
http::Response answering(Answer answer) {
  try {
    return answer();
  } catch (const BadRequest& bad) {
    return http::error_response(bad.status, bad.reason);
  }
}

}  // namespace

void FiguresApi::add_routes(http::Router& router) {
  // The routes keep their own copy: the caller may build this on the stack.
  auto api = std::make_shared<FiguresApi>(*this);
  const ReadRouteDeps deps{readers, orgs, clock, text};
  router.add_async(http::Verb::get, "/api/v1/figures",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->figures(q); }));
  router.add_async(http::Verb::get, "/api/v1/figures/tickets",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->drill_down(q); }));
  router.add_async(http::Verb::get, "/api/v1/figures.csv",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->csv(q); }));
  router.add_async(http::Verb::get, "/api/v1/alerts",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->alerts(q); }));
}

http::Response FiguresApi::figures(const ReadRequest& q) const {
  return answering([&] {
    const Asked a = read_request(*q.viewer, q.params, q.org, zone, q.now);
    const storage::FiguresQueries f(q.store.db());
    const auto summary = figures::summarize(a.period, slices_by_week(f, a, q.now), f.claim_times(a.scope), f.resolve_times(a.scope));
    return http::json_response(Status::ok, figures_json(summary, a.query, q.org, text));
  });
}

http::Response FiguresApi::drill_down(const ReadRequest& q) const {
  return answering([&] {
    const std::string name = id_param(q.params, "figure");
    const auto figure = figures::figure_from_string(name);
    if (!figure) throw BadRequest{Status::bad_request, "'figure' must be one of received, answered, resolved, confirmed, satisfied, "
                                                       "basically_satisfied, unsatisfied, unrated, awaiting_rating, claim_on_time, "
                                                       "claim_late, resolve_on_time, resolve_late"};
    Asked a = read_request(*q.viewer, q.params, q.org, zone, q.now);
    if (const std::string category = id_param(q.params, "category"); !category.empty()) {
      if (!text.has("category." + category)) throw BadRequest{Status::bad_request, "'category': no category '" + category + "'"};
      a.scope.category = category;
    }
    const int limit = int_param(q.params, "limit", default_limit, max_limit);
    const int offset = int_param(q.params, "offset", 0, 100'000'000);
    const storage::FiguresQueries f(q.store.db());
    json tickets = json::array();
    for (const auto& t : f.tickets(a.scope, *figure, q.now, limit, offset)) tickets.push_back(ticket_summary_json(t, q.org, text, q.now));
    return http::json_response(Status::ok, {{"total", f.count(a.scope, *figure, q.now)}, {"tickets", std::move(tickets)}});
  });
}

http::Response FiguresApi::csv(const ReadRequest& q) const {
  return answering([&] {
    const Asked a = read_request(*q.viewer, q.params, q.org, zone, q.now);
    const storage::FiguresQueries f(q.store.db());
    auto response = http::text_response(Status::ok, figures_csv(figures::merge_slices(slices_by_week(f, a, q.now)), q.org, text),
                                        "text/csv; charset=utf-8");
    response.set(boost::beast::http::field::content_disposition,
                 "attachment; filename=\"figures-" + a.query.from + "-" + a.query.to + ".csv\"");
    return response;
  });
}

http::Response FiguresApi::alerts(const ReadRequest& q) const {
  return answering([&] {
    const int limit = int_param(q.params, "limit", 100, 500);
    json out = json::array();
    for (const auto& a : q.store.alerts.recent(visible_communities(*q.viewer, q.org), limit)) out.push_back(alert_json(a, q.org, text));
    return http::json_response(Status::ok, {{"alerts", std::move(out)}});
  });
}

}  // namespace gridbot::console
