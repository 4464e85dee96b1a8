#include "bot/console/auth.hpp"

#include <algorithm>
#include <map>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/http/cross_site_guard.hpp"
#include "bot/log.hpp"

namespace gridbot::console {

namespace asio = boost::asio;
using http::Status;

namespace {

constexpr std::size_t max_user_bytes = 128;
constexpr std::size_t max_password_bytes = 1024;

// The iterations most users' hashes have: what an unknown user's sign-in spends.
int usual_iterations(const std::vector<ConsoleUser>& users) {
  std::map<int, int> counts;
  for (const auto& u : users) ++counts[u.password.iterations];
  int best = default_iterations, most = 0;
  for (const auto& [iterations, n] : counts)
    if (n > most) best = iterations, most = n;
  return best;
}

bool is_session_id(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string client_address(const http::Request& request, const std::string& peer,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view a) { return std::ranges::find(trusted_proxies, a) != trusted_proxies.end(); };
  if (!trusted(peer)) return peer;
  std::string address = peer;
  // Right to left: each trusted hop vouches for the one before it.
  std::vector<std::string_view> hops;
  for (auto [field, end] = request.equal_range("X-Forwarded-For"); field != end; ++field) {
    std::string_view rest = field->value();
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      hops.push_back(trim(rest.substr(0, comma)));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (it->empty()) break;
    address = std::string(*it);
    if (!trusted(*it)) break;
  }
  return address;
}

std::optional<std::string> session_id_of(const http::Request& request) {
  for (auto [field, end] = request.equal_range(http::beast_http::field::cookie); field != end; ++field) {
    std::string_view rest = field->value();
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      const std::string_view pair = trim(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos || pair.substr(0, eq) != session_cookie) continue;
      const std::string_view value = pair.substr(eq + 1);
      if (is_session_id(value)) return std::string(value);
    }
  }
  return std::nullopt;
}

nlohmann::json viewer_json(const Viewer& v) {
  return {{"user", v.user}, {"name", v.name},           {"role", to_string(v.role)},
          {"street", v.street}, {"community", v.community}, {"member", v.member}};
}

ConsoleAuth::ConsoleAuth(std::vector<ConsoleUser> users, const OrganizationSnapshots& orgs, const Clock& clock,
                         AuthSettings settings)
    : orgs_(orgs), settings_(settings), sessions_(clock, settings.sessions), throttle_(clock, settings.throttle) {
  replace_users(std::move(users));
}

ConsoleAuth::~ConsoleAuth() { hasher_.join(); }

void ConsoleAuth::replace_users(std::vector<ConsoleUser> users) {
  const int iterations = usual_iterations(users);
  users_.store(std::make_shared<const Users>(Users{std::move(users), iterations}), std::memory_order_release);
}

const ConsoleUser* ConsoleAuth::Users::find(std::string_view id) const {
  for (const auto& u : list)
    if (u.id == id) return &u;
  return nullptr;
}

// An empty id clears the cookie. No Max-Age otherwise: the browser forgets it when it closes, and
// the server's idle and absolute limits decide the rest.
std::string ConsoleAuth::cookie(const std::string& session_id) const {
  return std::string(session_cookie) + "=" + session_id + "; HttpOnly; SameSite=Strict; Path=/" +
         (session_id.empty() ? "; Max-Age=0" : "") + (settings_.secure_cookie ? "; Secure" : "");
}

std::optional<Viewer> ConsoleAuth::authenticate(const http::Request& request) {
  if (auto id = session_id_of(request))
    if (auto user_id = sessions_.user_of(*id)) {
      if (const ConsoleUser* u = users()->find(*user_id)) return u->viewer();
      sessions_.end(*id);  // the user is no longer in the organization file
    }
  return bearer_viewer(request, *orgs_.current());
}

Authenticate ConsoleAuth::authenticator() {
  return [this](const http::Request& request) { return authenticate(request); };
}

http::Filter ConsoleAuth::cross_origin_filter() {
  return [](const http::Request& request) -> std::optional<http::Response> {
    // Reads first, without looking at the cookie: the filter sees every request, /ping too.
    if (request.method() == http::Verb::get || request.method() == http::Verb::head) return std::nullopt;
    if (!session_id_of(request)) return std::nullopt;  // a bearer token is not sent by a browser on its own
    return http::refuse_cross_origin_write(request);
  };
}

void ConsoleAuth::add_routes(http::Router& router) {
  router.add_async(http::Verb::post, "/api/v1/session",
                   [this](const http::Request& request, const http::Params& params) { return sign_in(request, params); });
  router.add(http::Verb::get, "/api/v1/session",
             [this](const http::Request& request, const http::Params&) { return who(request); });
  router.add(http::Verb::delete_, "/api/v1/session",
             [this](const http::Request& request, const http::Params&) { return sign_out(request); });
}

asio::awaitable<http::Response> ConsoleAuth::sign_in(const http::Request& request, const http::Params& params) {
  // No cookie yet, so the filter does not see it: a page elsewhere must not sign a visitor in.
  if (auto refused = http::refuse_cross_origin_write(request)) co_return std::move(*refused);
  const std::string address = client_address(request, params.peer, settings_.trusted_proxies);
  if (auto wait = throttle_.wait(address)) {
    http::Response r = http::error_response(Status::too_many_requests, "too many failed sign-ins from this address; try again later");
    r.set(http::beast_http::field::retry_after, std::to_string(wait->count()));
    co_return r;
  }
  const auto body = nlohmann::json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) co_return http::error_response(Status::bad_request, "body must be a JSON object");
  for (const char* field : {"user", "password"})
    if (!body.contains(field) || !body[field].is_string() || body[field].get<std::string>().empty())
      co_return http::error_response(Status::bad_request, std::string("'") + field + "' must be a non-empty string");
  const std::string user_id = body["user"].get<std::string>();
  const std::string password = body["password"].get<std::string>();
  if (user_id.size() > max_user_bytes) co_return http::error_response(Status::bad_request, "'user' is too long");
  if (password.size() > max_password_bytes) co_return http::error_response(Status::bad_request, "'password' is too long");
  if (hashing_ >= settings_.max_hashing || checking_.contains(address)) {
    http::Response r = http::error_response(Status::too_many_requests, "too many sign-ins at once; try again in a moment");
    r.set(http::beast_http::field::retry_after, "1");
    co_return r;
  }

  const auto users = this->users();  // held across the hashing: an edit meanwhile does not free it
  const ConsoleUser* u = users->find(user_id);
  ++hashing_;
  checking_.insert(address);
  struct Done {
    ConsoleAuth& auth;
    const std::string& address;
    ~Done() {
      --auth.hashing_;
      auth.checking_.erase(address);
    }
  } done{*this, address};
  const bool right = co_await asio::co_spawn(
      hasher_,
      [&]() -> asio::awaitable<bool> {
        if (!u) {
          spend_like_verify(password, users->unknown_user_iterations);
          co_return false;
        }
        co_return verify_password(password, u->password);
      },
      asio::use_awaitable);
  if (!right) {
    throttle_.failed(address);
    // Never the user field: people type their password into it.
    log::info("console", "a sign-in from {} failed", address.empty() ? "(no address)" : address);
    co_return http::error_response(Status::unauthorized, "wrong user or password");
  }
  throttle_.succeeded(address);
  const std::string id = sessions_.start(u->id);
  log::info("console", "console user '{}' signed in from {}", u->id, address.empty() ? "(no address)" : address);
  http::Response r = http::json_response(Status::ok, viewer_json(u->viewer()));
  r.set(http::beast_http::field::set_cookie, cookie(id));
  co_return r;
}

http::Response ConsoleAuth::who(const http::Request& request) {
  auto viewer = authenticate(request);
  if (!viewer) return http::error_response(Status::unauthorized, "not signed in");
  return http::json_response(Status::ok, viewer_json(*viewer));
}

http::Response ConsoleAuth::sign_out(const http::Request& request) {
  if (auto id = session_id_of(request)) sessions_.end(*id);
  http::Response r{Status::no_content, 11};
  r.set(http::beast_http::field::cache_control, "no-store");
  r.set(http::beast_http::field::set_cookie, cookie(""));
  return r;
}

}  // namespace gridbot::console
