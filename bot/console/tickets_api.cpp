#include "bot/console/tickets_api.hpp"

#include <memory>

#include "bot/console/ticket_json.hpp"
#include "bot/console/tickets_api_csv.hpp"
#include "bot/console/tickets_api_filter.hpp"
#include "bot/http/cross_site_guard.hpp"
#include "bot/log.hpp"
#include "handlers/console_actions.hpp"
#include "storage/console_queries.hpp"

namespace gridbot::console {

namespace asio = boost::asio;
using http::Status;
using nlohmann::json;

namespace {

constexpr std::size_t max_action_text_bytes = 2000;

http::Response unauthorized() { return http::error_response(Status::unauthorized, "sign in, or send 'Authorization: Bearer <token>'"); }

bool may_see_ticket(const Viewer& v, const Organization& org, const Ticket& t) {
  return v.role == ConsoleRole::admin || v.may_see_community(org, t.community);
}

std::optional<std::int64_t> ticket_number(const http::Params& params) {
  const std::string& n = params.path.at("number");
  if (n.empty() || n.size() > 12 || n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(n);
}

json page_json(const storage::TicketPage& page, const Organization& org, const templates::Catalog& text, Time now) {
  json tickets = json::array();
  for (const auto& t : page.tickets) tickets.push_back(ticket_summary_json(t, org, text, now));
  return {{"total", page.total}, {"tickets", std::move(tickets)}};
}

// The action as the body asks it: which, and its one argument, each checked.
struct ActionRequest {
  std::string action, member, grid, text;
};

std::variant<ActionRequest, std::string> read_action(const http::Request& request) {
  auto body = json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::string("body must be a JSON object");
  ActionRequest a;
  for (auto [key, field] : {std::pair{"action", &a.action}, {"member", &a.member}, {"grid", &a.grid}, {"text", &a.text}}) {
    if (!body.contains(key)) continue;
    if (!body[key].is_string()) return "'" + std::string(key) + "' must be a string";
    *field = body[key].get<std::string>();
  }
  if (a.text.size() > max_action_text_bytes) return "'text' is longer than " + std::to_string(max_action_text_bytes) + " bytes";
  if (a.action == "assign" && a.member.empty()) return std::string("'member' is required to assign");
  if (a.action == "transfer" && a.grid.empty()) return std::string("'grid' is required to transfer");
  if (a.action != "assign" && a.action != "transfer" && a.action != "supervise" && a.action != "note")
    return std::string("'action' must be assign, transfer, supervise or note");
  return a;
}

}  // namespace

void TicketsApi::add_routes(http::Router& router) {
  // The routes keep their own copy: the caller may build this on the stack.
  auto api = std::make_shared<TicketsApi>(*this);
  const ReadRouteDeps deps{readers, orgs, clock, text};
  router.add_async(http::Verb::get, "/api/v1/tickets",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->board(q); }));
  router.add_async(http::Verb::get, "/api/v1/tickets.csv",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->csv(q); }));
  // Before {number}, which would take "overdue" for a number.
  router.add_async(http::Verb::get, "/api/v1/tickets/overdue",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->overdue(q); }));
  router.add_async(http::Verb::get, "/api/v1/tickets/{number}",
                   read_route(deps, authenticate, [api](const ReadRequest& q) { return api->detail(q); }));
  router.add_async(http::Verb::post, "/api/v1/tickets/{number}/actions",
                   [api](const http::Request& r, const http::Params& p) { return api->act(r, p); });
}

http::Response TicketsApi::board(const ReadRequest& q) const {
  auto filter = read_ticket_filter(q.params, calendar);
  if (auto* why = std::get_if<std::string>(&filter)) return http::error_response(Status::bad_request, *why);
  auto page = storage::board(q.store.db(), std::get<storage::TicketFilter>(filter), scope_of(*q.viewer, q.org), q.now);
  return http::json_response(Status::ok, page_json(page, q.org, text, q.now));
}

http::Response TicketsApi::csv(const ReadRequest& q) const {
  auto read = read_ticket_filter(q.params, calendar);
  if (auto* why = std::get_if<std::string>(&read)) return http::error_response(Status::bad_request, *why);
  const auto& filter = std::get<storage::TicketFilter>(read);
  const auto scope = scope_of(*q.viewer, q.org);
  // Counted first: a refusal costs one COUNT, not building 100k rows to throw away.
  if (const auto n = storage::count_tickets(q.store.db(), filter, scope, q.now); n > max_csv_rows)
    return http::error_response(Status::bad_request, std::to_string(n) + " tickets match; the CSV holds at most " +
                                                         std::to_string(max_csv_rows) + ": narrow the filters (from, to, community)");
  TicketsCsv out(q.org, text, calendar, q.now);
  storage::each_ticket(q.store.db(), filter, scope, q.now, [&](const Ticket& t) { out.add(t); });
  auto response = http::text_response(Status::ok, out.take(), "text/csv; charset=utf-8");
  response.set(boost::beast::http::field::content_disposition, "attachment; filename=\"tickets.csv\"");
  return response;
}

http::Response TicketsApi::overdue(const ReadRequest& q) const {
  auto page = read_page(q.params);
  if (auto* why = std::get_if<std::string>(&page)) return http::error_response(Status::bad_request, *why);
  const auto [limit, offset] = std::get<std::pair<int, int>>(page);
  return http::json_response(Status::ok, page_json(storage::overdue_board(q.store.db(), scope_of(*q.viewer, q.org), q.now, limit, offset),
                                                   q.org, text, q.now));
}

http::Response TicketsApi::detail(const ReadRequest& q) const {
  auto number = ticket_number(q.params);
  if (!number) return http::error_response(Status::bad_request, "the ticket number must be a number");
  auto t = q.store.tickets.find(*number);
  if (!t) return http::error_response(Status::not_found, "no ticket " + std::to_string(*number));
  if (!may_see_ticket(*q.viewer, q.org, *t))
    return http::error_response(Status::forbidden, "ticket " + std::to_string(*number) + " is outside the viewer's scope");
  return http::json_response(Status::ok, ticket_detail_json(*t, q.store.tickets.timeline(*number), q.org, text, q.now, console_users));
}

asio::awaitable<http::Response> TicketsApi::act(const http::Request& request, const http::Params& params) {
  const auto snapshot = orgs.current();  // this request reads one organization throughout
  const Organization& org = *snapshot;
  // A session cookie rides along on a request another site's page makes: an action must be
  // same-origin JSON (CrossSiteGuard's write rules). Its Host check is for routes without
  // sign-in; here the cookie is the host's own, so the request's Host is taken as it comes.
  if (auto refused = http::CrossSiteGuard({std::string(request[boost::beast::http::field::host])}).refuse(request))
    co_return std::move(*refused);
  auto viewer = authenticate(request);
  if (!viewer) co_return unauthorized();
  auto number = ticket_number(params);
  if (!number) co_return http::error_response(Status::bad_request, "the ticket number must be a number");
  auto read = read_action(request);
  if (auto* why = std::get_if<std::string>(&read)) co_return http::error_response(Status::bad_request, *why);
  const ActionRequest a = std::get<ActionRequest>(read);
  auto seen = reader.tickets.find(*number);
  if (!seen) co_return http::error_response(Status::not_found, "no ticket " + std::to_string(*number));
  if (!may_see_ticket(*viewer, org, *seen))
    co_return http::error_response(Status::forbidden, "ticket " + std::to_string(*number) + " is outside the viewer's scope");
  if ((a.action == "assign" || a.action == "transfer") && !viewer->may_assign())
    co_return http::error_response(Status::forbidden, "a supervisor may supervise and add notes, not " + a.action);
  if (a.action == "transfer" && org.grid(a.grid) && !viewer->may_see_grid(org, a.grid))
    co_return http::error_response(Status::forbidden, "grid '" + a.grid + "' is outside the viewer's scope");

  const ConsoleActor actor{viewer->user, viewer->name};
  ConsoleOutcome outcome = ConsoleRefusal{ConsoleRefusal::Kind::invalid, "not run"};
  bool gone = false;
  // Decided on the writer thread against the writer's own view of the ticket: a claim or a rating
  // committed since the read above is what the action meets.
  co_await writer.run([&](storage::Store& store) {
    auto t = store.tickets.find(*number);
    if (!t) {
      gone = true;
      return;
    }
    const Time now = clock.now();
    Context ctx{now, org, store.tickets, policy, text, &store.notices};
    if (a.action == "assign") outcome = console_assign(std::move(*t), a.member, actor, ctx);
    else if (a.action == "transfer") outcome = console_transfer(std::move(*t), a.grid, actor, ctx);
    else if (a.action == "supervise") outcome = console_supervise(*t, a.text, actor, ctx);
    else outcome = console_note(*t, a.text, actor, ctx);
    if (auto* actions = std::get_if<Actions>(&outcome)) store.apply(*actions, now);
  });
  if (gone) co_return http::error_response(Status::not_found, "no ticket " + std::to_string(*number));
  if (auto* refused = std::get_if<ConsoleRefusal>(&outcome))
    co_return http::error_response(refused->kind == ConsoleRefusal::Kind::conflict ? Status::conflict : Status::bad_request,
                                   refused->reason);
  if (queued) queued();
  log::info("console", "ticket {}: {} by {}", *number, a.action, viewer->user);
  auto t = reader.tickets.find(*number);
  if (!t) co_return http::error_response(Status::not_found, "no ticket " + std::to_string(*number));
  co_return http::json_response(Status::ok, ticket_detail_json(*t, reader.tickets.timeline(*number), org, text, clock.now(), console_users));
}

}  // namespace gridbot::console
