// Sign-in for the console: POST /api/v1/session checks a console user's password and sets the
// session cookie, GET says who is signed in, DELETE signs out. `authenticate` is the service's
// console::Authenticate: the session cookie first, else an admin's bearer token.
//  - Passwords are hashed on a thread of their own (PBKDF2 takes a good part of a second by
//    design), so the event loop keeps serving while a sign-in is checked.
//  - A wrong user and a wrong password get the same 401 after the same work: an unknown user's
//    password is hashed too, with the iterations the users' hashes have.
//  - Failures count per peer address (SignInThrottle): the sixth try in a row waits, with 429.
//  - A request that carries the session cookie and changes state must be same-origin
//    (cross_origin_filter, for every route), the cookie being SameSite=Strict already.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "bot/clock.hpp"
#include "bot/console/console_users.hpp"
#include "bot/console/sessions.hpp"
#include "bot/console/sign_in_throttle.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "bot/organization_snapshots.hpp"
#include "handlers/organization.hpp"

namespace gridbot::console {

inline constexpr std::string_view session_cookie = "gridbot_session";

struct AuthSettings {
  bool secure_cookie = false;  // the service is behind TLS: the cookie says Secure
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For names the client
  SessionLimits sessions;
  ThrottleLimits throttle;
  std::size_t max_hashing = 16;  // sign-ins being checked at once; past it, 429 at once
};

class ConsoleAuth {
 public:
  ConsoleAuth(std::vector<ConsoleUser> users, const OrganizationSnapshots& orgs, const Clock& clock, AuthSettings settings = {});
  ~ConsoleAuth();

  std::optional<Viewer> authenticate(const http::Request& request);
  // The same, as the function every console route takes. Bound to this object.
  Authenticate authenticator();
  void add_routes(http::Router& router);
  // For Router::add_filter: refuses cross-origin writes that carry the session cookie.
  static http::Filter cross_origin_filter();

  boost::asio::awaitable<http::Response> sign_in(const http::Request& request, const http::Params& params);
  http::Response who(const http::Request& request);
  http::Response sign_out(const http::Request& request);

  // The users of the organization snapshot now in service (an edit through the console publishes
  // new ones). A session names its user by id and finds them here at every request: a user gone
  // is signed out at their next request, a changed role or scope applies at it.
  void replace_users(std::vector<ConsoleUser> users);
  struct Users {
    std::vector<ConsoleUser> list;
    int unknown_user_iterations;  // what an unknown user's sign-in spends: the users' usual iterations
    const ConsoleUser* find(std::string_view id) const;
  };
  std::shared_ptr<const Users> users() const { return users_.load(std::memory_order_acquire); }

 private:
  std::string cookie(const std::string& session_id) const;

  std::atomic<std::shared_ptr<const Users>> users_;
  const OrganizationSnapshots& orgs_;  // bearer tokens are read against the current snapshot
  AuthSettings settings_;
  Sessions sessions_;
  SignInThrottle throttle_;
  std::size_t hashing_ = 0;
  // Addresses with a sign-in being checked: one at a time each, or a burst sent at once would
  // all pass the throttle before the first failure counted.
  std::set<std::string, std::less<>> checking_;
  boost::asio::thread_pool hasher_{1};
};

// The address a sign-in is counted against: the peer, or, when the peer is a trusted proxy, the
// nearest X-Forwarded-For entry that is not one (entries further left are the client's own say).
std::string client_address(const http::Request& request, const std::string& peer,
                           const std::vector<std::string>& trusted_proxies);
// The session id in a request's Cookie header (64 hex digits), if any.
std::optional<std::string> session_id_of(const http::Request& request);
nlohmann::json viewer_json(const Viewer& viewer);

}  // namespace gridbot::console
