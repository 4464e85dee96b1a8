#include "bot/notices_api.hpp"

#include <algorithm>
#include <memory>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "bot/log.hpp"
#include "bot/notices_api_json.hpp"
#include "handlers/notices/compose.hpp"
#include "handlers/notices/notice_templates.hpp"
#include "handlers/notices/progress.hpp"

namespace gridbot {

namespace asio = boost::asio;
using http::Status;
using nlohmann::json;

namespace {

constexpr std::size_t max_notice_bytes = 8 * 1024;

// A request's problem, answered as a 4xx with the reason.
struct BadRequest {
  Status status;
  std::string reason;
};

std::vector<std::string> id_list(const json& scope, const char* key) {
  std::vector<std::string> out;
  if (!scope.contains(key)) return out;
  if (!scope[key].is_array()) throw BadRequest{Status::bad_request, std::string("'scope.") + key + "' must be an array of ids"};
  for (const auto& v : scope[key]) {
    if (!v.is_string()) throw BadRequest{Status::bad_request, std::string("'scope.") + key + "' must be an array of ids"};
    out.push_back(v.get<std::string>());
  }
  return out;
}

template <class Found>
void require_known(const std::vector<std::string>& ids, const char* what, Found found) {
  for (const auto& id : ids)
    if (!found(id)) throw BadRequest{Status::bad_request, std::string("unknown ") + what + " '" + id + "'"};
}

NoticeScope read_scope(const json& body, const Organization& org) {
  if (!body.contains("scope") || !body["scope"].is_object())
    throw BadRequest{Status::bad_request, "'scope' must be an object: all, streets, communities, grids, tags or groups"};
  const json& s = body["scope"];
  NoticeScope scope;
  if (s.contains("all")) {
    if (!s["all"].is_boolean()) throw BadRequest{Status::bad_request, "'scope.all' must be true or false"};
    scope.all = s["all"].get<bool>();
  }
  scope.streets = id_list(s, "streets");
  scope.communities = id_list(s, "communities");
  scope.grids = id_list(s, "grids");
  scope.tags = id_list(s, "tags");
  scope.groups = id_list(s, "groups");
  require_known(scope.streets, "street", [&](const std::string& id) {
    return std::any_of(org.streets.begin(), org.streets.end(), [&](const Street& x) { return x.id == id; });
  });
  require_known(scope.communities, "community", [&](const std::string& id) { return org.community(id) != nullptr; });
  require_known(scope.grids, "grid", [&](const std::string& id) { return org.grid(id) != nullptr; });
  require_known(scope.groups, "group", [&](const std::string& id) { return org.group(id) != nullptr; });
  require_known(scope.tags, "tag", [&](const std::string& tag) {
    return std::any_of(org.groups.begin(), org.groups.end(),
                       [&](const Group& g) { return std::find(g.tags.begin(), g.tags.end(), tag) != g.tags.end(); });
  });
  if (scope.empty()) throw BadRequest{Status::bad_request, "'scope' names no groups"};
  return scope;
}

std::map<std::string, std::string> string_map(const json& body, const char* key) {
  std::map<std::string, std::string> out;
  if (!body.contains(key)) return out;
  if (!body[key].is_object()) throw BadRequest{Status::bad_request, std::string("'") + key + "' must be an object of strings"};
  for (auto& [k, v] : body[key].items()) {
    if (!v.is_string()) throw BadRequest{Status::bad_request, std::string("'") + key + "." + k + "' must be a string"};
    out.emplace(k, v.get<std::string>());
  }
  return out;
}

std::optional<Time> time_field(const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  if (!body[key].is_number_integer()) throw BadRequest{Status::bad_request, std::string("'") + key + "' must be Unix seconds"};
  return Time(Seconds(body[key].get<std::int64_t>()));
}

NoticeRequest read_request(const http::Request& request, const Organization& org, const templates::Catalog& text) {
  auto body = json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) throw BadRequest{Status::bad_request, "body must be a JSON object"};
  NoticeRequest r;
  r.scope = read_scope(body, org);
  r.versions = string_map(body, "versions");
  if (body.contains("template")) {
    if (!body["template"].is_string()) throw BadRequest{Status::bad_request, "'template' must be a template id"};
    auto rendered = render_notice_template(body["template"].get<std::string>(), string_map(body, "fields"), text);
    if (auto* problem = std::get_if<TemplateProblem>(&rendered)) throw BadRequest{Status::bad_request, problem->reason};
    auto& done = std::get<RenderedNotice>(rendered);
    r.text = std::move(done.text);
    for (auto& [language, version] : done.versions) r.versions.try_emplace(language, std::move(version));  // the sender's own win
  } else {
    if (!body.contains("text") || !body["text"].is_string() || body["text"].get<std::string>().empty())
      throw BadRequest{Status::bad_request, "'text' (or 'template' with 'fields') is required"};
    r.text = body["text"].get<std::string>();
  }
  if (r.text.size() > max_notice_bytes) throw BadRequest{Status::payload_too_large, "'text' is longer than 8 KB"};
  for (const auto& [language, version] : r.versions)
    if (version.size() > max_notice_bytes) throw BadRequest{Status::payload_too_large, "'versions." + language + "' is longer than 8 KB"};
  if (body.contains("priority")) {
    const json& p = body["priority"];
    // A notice never takes the escalations' lane; "high" goes with the replies to residents.
    if (p == "normal") r.priority = static_cast<int>(Priority::notice);
    else if (p == "high") r.priority = static_cast<int>(Priority::reply);
    else throw BadRequest{Status::bad_request, "'priority' must be \"normal\" or \"high\""};
  }
  if (body.contains("require_ack")) {
    if (!body["require_ack"].is_boolean()) throw BadRequest{Status::bad_request, "'require_ack' must be true or false"};
    r.require_ack = body["require_ack"].get<bool>();
  }
  r.deadline = time_field(body, "deadline");
  r.send_at = time_field(body, "send_at");
  return r;
}

BadRequest refusal(const ComposeRefusal& r) {
  switch (r.problem) {
    case ComposeProblem::not_allowed: return {Status::forbidden, "sending notices needs the role manager, grid_head, community_head or street_officer"};
    case ComposeProblem::outside_jurisdiction: return {Status::forbidden, "group '" + r.detail + "' is outside the sender's jurisdiction"};
    case ComposeProblem::no_groups: return {Status::bad_request, "the scope holds none of the sender's groups"};
    case ComposeProblem::empty_text: return {Status::bad_request, "'text' is empty"};
    case ComposeProblem::deadline_passed: return {Status::bad_request, "'deadline' must be after the notice goes out"};
    case ComposeProblem::unknown_language: return {Status::bad_request, "unknown language '" + r.detail + "' in 'versions' (ug or kk)"};
  }
  return {Status::bad_request, "refused"};
}

// "limit" and "offset" of a list: whole numbers, limit at most 100.
std::int64_t paging(const http::Params& params, std::string_view key, std::int64_t fallback, std::int64_t low,
                    std::int64_t high) {
  const std::string_view v = params.query_or(key, "");
  if (v.empty()) return fallback;
  if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string_view::npos || std::stoll(std::string(v)) < low ||
      std::stoll(std::string(v)) > high)
    throw BadRequest{Status::bad_request,
                     "'" + std::string(key) + "' must be a whole number from " + std::to_string(low) + " to " + std::to_string(high)};
  return std::stoll(std::string(v));
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) out += hex[digest[i] >> 4], out += hex[digest[i] & 15];
  return out;
}

const Member* admin_for(std::string_view authorization, const Organization& org) {
  constexpr std::string_view scheme = "Bearer ";
  if (!authorization.starts_with(scheme)) return nullptr;
  const std::string hash = sha256_hex(authorization.substr(scheme.size()));
  const Admin* found = nullptr;
  for (const auto& a : org.admins)  // no early exit: every hash is compared
    if (a.token_sha256.size() == hash.size() && CRYPTO_memcmp(a.token_sha256.data(), hash.data(), hash.size()) == 0)
      found = &a;
  return found ? org.member(found->member) : nullptr;
}

void NoticesApi::add_routes(http::Router& router) {
  // The routes keep their own copy: the caller may build this on the stack.
  auto api = std::make_shared<NoticesApi>(*this);
  router.add_async(http::Verb::post, "/api/v1/notices", [api](const http::Request& request, const http::Params&) {
    return api->send_notice(request);
  });
  const console::ReadRouteDeps deps{readers, orgs, clock, text};
  router.add_async(http::Verb::get, "/api/v1/notices",
                   console::read_route(deps, authenticate, [api](const console::ReadRequest& q) { return api->list(q); }));
  router.add_async(http::Verb::get, "/api/v1/notices/{id}",
                   console::read_route(deps, authenticate, [api](const console::ReadRequest& q) { return api->report(q); }));
  // The compose page's templates, from the templates catalog (names and labels are templates too):
  // no SQL, so answered here.
  router.add(http::Verb::get, "/api/v1/notice-templates", [api](const http::Request& request, const http::Params&) {
    if (!api->authenticate(request)) return http::error_response(Status::unauthorized, "sign in, or send 'Authorization: Bearer <token>'");
    return http::json_response(Status::ok, notice_templates_json(api->text));
  });
}

const Member* NoticesApi::member_of(const console::Viewer& viewer, const Organization& org) const {
  return viewer.member.empty() ? nullptr : org.member(viewer.member);
}

// A viewer with a member reads what that member may (the sender, or a jurisdiction holding every
// group), as by direct message; a supervisor (督查) or a console user without a member reads what
// its scope holds: every group of the notice.
bool NoticesApi::may_read(const console::Viewer& viewer, const Notice& n, const Organization& org) const {
  const Member* m = member_of(viewer, org);
  if (m && viewer.role != console::ConsoleRole::supervisor) return may_read_progress(*m, n, org);
  if (m && m->id == n.sender) return true;
  return std::all_of(n.groups.begin(), n.groups.end(), [&](const std::string& id) {
    const Group* g = org.group(id);
    return g && viewer.may_see_group(org, *g);
  });
}

asio::awaitable<http::Response> NoticesApi::send_notice(const http::Request& request) {
  const auto snapshot = orgs.current();  // the writer job below reads it too
  const Organization& org = *snapshot;
  const auto viewer = authenticate(request);
  if (!viewer) co_return http::error_response(Status::unauthorized, "sign in, or send 'Authorization: Bearer <token>'");
  if (viewer->role == console::ConsoleRole::supervisor)
    co_return http::error_response(Status::forbidden, "a supervisor (督查) reads notices but does not send them");
  const Member* sender = member_of(*viewer, org);
  if (!sender)
    co_return http::error_response(Status::forbidden, "console user '" + viewer->user +
                                                          "' is not linked to a member, and notices are sent by members");
  std::optional<BadRequest> bad;
  NoticeRequest notice_request;
  try {
    notice_request = read_request(request, org, text);
  } catch (const BadRequest& b) {
    bad = b;
  }
  if (bad) co_return http::error_response(bad->status, bad->reason);
  std::variant<Notice, ComposeRefusal> composed = ComposeRefusal{ComposeProblem::no_groups, {}};
  // Composed on the writer thread, against the writer's own view: the notice's number and its
  // rows are taken in the transaction that stores them.
  co_await writer.run([&](storage::Store& store) {
    const Time now = clock.now();
    Context ctx{now, org, store.tickets, policy, text, &store.notices, nullptr, &store.rosters};
    const auto platform = sender->accounts.empty() ? std::string() : sender->accounts.begin()->first;
    const auto user = sender->accounts.empty() ? std::string() : sender->accounts.begin()->second;
    composed = compose_notice(notice_request, *sender, platform, user, ctx);
    if (auto* n = std::get_if<Notice>(&composed)) store.apply(release_notice(*n, ctx), now);
  });
  if (auto* refused = std::get_if<ComposeRefusal>(&composed)) {
    auto b = refusal(*refused);
    co_return http::error_response(b.status, b.reason);
  }
  const Notice& n = std::get<Notice>(composed);
  if (queued) queued();
  log::info("notices", "notice {} by {} ({}) to {} groups", n.id, sender->id, viewer->user, n.groups.size());
  std::vector<const Group*> groups;
  for (const auto& id : n.groups) groups.push_back(org.group(id));
  co_return http::json_response(Status::created, {{"id", n.id},
                                                  {"status", n.send_at > clock.now() ? "scheduled" : "sent"},
                                                  {"groups", n.groups.size()},
                                                  {"people", people_reached(groups, sender->id, org)}});
}

http::Response NoticesApi::list(const console::ReadRequest& q) const {
  const Organization& org = q.org;
  std::int64_t limit = 0, offset = 0;
  try {
    limit = paging(q.params, "limit", 20, 1, 100);
    offset = paging(q.params, "offset", 0, 0, 100'000'000);
  } catch (const BadRequest& b) {
    return http::error_response(b.status, b.reason);
  }
  Context ctx{q.now, org, q.store.tickets, policy, text, &q.store.notices, nullptr, &q.store.rosters};
  json notices = json::array();
  std::int64_t total = 0;
  // Scope first, progress only for the page: the progress of a notice reads its every group.
  for (const auto& n : q.store.notices.notices_newest_first()) {
    if (!may_read(*q.viewer, n, org)) continue;
    if (total++ < offset || static_cast<std::int64_t>(notices.size()) >= limit) continue;
    notices.push_back(notice_summary_json(n, notice_progress(n, ctx), org));
  }
  return http::json_response(Status::ok, {{"total", total}, {"limit", limit}, {"offset", offset}, {"notices", notices}});
}

http::Response NoticesApi::report(const console::ReadRequest& q) const {
  const Organization& org = q.org;
  const std::string& id = q.params.path.at("id");
  if (id.empty() || id.size() > 12 || id.find_first_not_of("0123456789") != std::string::npos)
    return http::error_response(Status::bad_request, "the notice id must be a number");
  auto n = q.store.notices.find_notice(std::stoll(id));
  if (!n || n->status == NoticeStatus::draft) return http::error_response(Status::not_found, "no notice " + id);
  if (!may_read(*q.viewer, *n, org))
    return http::error_response(Status::forbidden, "notice " + id + " is neither the viewer's nor within their scope");
  Context ctx{q.now, org, q.store.tickets, policy, text, &q.store.notices, nullptr, &q.store.rosters};
  return http::json_response(Status::ok, notice_report_json(*n, notice_progress(*n, ctx), org));
}

}  // namespace gridbot
