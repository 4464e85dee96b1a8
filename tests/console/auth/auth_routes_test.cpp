#include <doctest/doctest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "bot/console/auth.hpp"
#include "bot/organization_loader.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/await.hpp"

using namespace gridbot;
using namespace gridbot::console;
using http::Status;

namespace {

// pbkdf2-sha256 of "幸福里2026" at 1000 iterations (see password_test.cpp).
const std::string known_hash = "pbkdf2-sha256$1000$c2FsdFNBTFRzYWx0U0FMVA==$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4=";

// The sample with one admin token (sha256 of "desk-token-1") for 周兰.
Organization organization() {
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  doc["admins"] = {{{"member", "zhoulan"}, {"token_sha256", "86d3a7e8da6d50dc9dc52d6761677c01f5d1c9709ef273f9e1abdd208f023bc0"}}};
  return parse_organization(doc.dump(), "org.json");
}

std::vector<ConsoleUser> users(const Organization& org) {
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  doc["console_users"] = {
      {{"id", "zhoulan"}, {"name", "周兰"}, {"role", "community"}, {"community", "xingfuli"}, {"member", "zhoulan"},
       {"password_hash", known_hash}},
      {{"id", "admin"}, {"name", "管理员"}, {"role", "admin"}, {"password_hash", known_hash}},
  };
  return parse_console_users({doc.dump(), "org.json", "."}, org);
}

struct Rig {
  Organization org = organization();
  OrganizationSnapshots orgs{testing::borrowed(org)};
  ManualClock clock{Time(Seconds(1'800'000'000))};
  ConsoleAuth auth;
  http::Router router;
  explicit Rig(AuthSettings settings = {}) : auth(users(org), orgs, clock, settings) {
    router.add_filter(ConsoleAuth::cross_origin_filter());
    auth.add_routes(router);
    // Any state-changing console route, as the other console parts add them.
    router.add(http::Verb::post, "/api/v1/tickets/{n}/notes", [this](const http::Request& r, const http::Params&) {
      auto viewer = auth.authenticate(r);
      return viewer ? http::json_response(Status::ok, {{"by", viewer->user}}) : http::error_response(Status::unauthorized, "who?");
    });
  }

  http::Response send(http::Verb verb, const std::string& target, const std::string& body = {},
                      std::vector<std::pair<std::string, std::string>> headers = {}, const std::string& peer = "203.0.113.7") {
    http::Request request{verb, target, 11};
    request.set(http::beast_http::field::host, "127.0.0.1:8080");
    for (auto& [name, value] : headers) request.set(name, value);
    if (!body.empty()) request.set(http::beast_http::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    return testing::await(router.dispatch(request, peer));
  }
  http::Response sign_in(const std::string& user, const std::string& password, const std::string& peer = "203.0.113.7",
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
    return send(http::Verb::post, "/api/v1/session", nlohmann::json{{"user", user}, {"password", password}}.dump(),
                std::move(headers), peer);
  }
};

std::string cookie_of(const http::Response& r) {
  const std::string set = std::string(r[http::beast_http::field::set_cookie]);
  return set.substr(0, set.find(';'));
}

}  // namespace

TEST_CASE("signing in sets an HttpOnly, SameSite=Strict session cookie and answers the viewer") {
  Rig rig;
  auto r = rig.sign_in("zhoulan", "幸福里2026");
  REQUIRE(r.result() == Status::ok);
  const std::string set = std::string(r[http::beast_http::field::set_cookie]);
  CHECK(std::regex_match(set, std::regex("gridbot_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/")));
  auto body = nlohmann::json::parse(r.body());
  CHECK(body["user"] == "zhoulan");
  CHECK(body["role"] == "community");
  CHECK(body["community"] == "xingfuli");
  CHECK(body["member"] == "zhoulan");

  auto who = rig.send(http::Verb::get, "/api/v1/session", {}, {{"Cookie", "theme=dark; " + cookie_of(r)}});
  CHECK(who.result() == Status::ok);
  CHECK(nlohmann::json::parse(who.body())["name"] == "周兰");
  CHECK(rig.send(http::Verb::get, "/api/v1/session").result() == Status::unauthorized);
  CHECK(rig.send(http::Verb::get, "/api/v1/session", {}, {{"Cookie", "gridbot_session=" + std::string(64, 'a')}}).result() ==
        Status::unauthorized);
}

TEST_CASE("behind TLS the cookie is Secure too") {
  Rig rig(AuthSettings{.secure_cookie = true});
  auto r = rig.sign_in("admin", "幸福里2026");
  REQUIRE(r.result() == Status::ok);
  CHECK(std::string(r[http::beast_http::field::set_cookie]).ends_with("; Path=/; Secure"));
  auto out = rig.send(http::Verb::delete_, "/api/v1/session", {}, {{"Cookie", cookie_of(r)}});
  CHECK(std::string(out[http::beast_http::field::set_cookie]).ends_with("; Max-Age=0; Secure"));
}

TEST_CASE("signing out ends the session and clears the cookie") {
  Rig rig;
  const std::string cookie = cookie_of(rig.sign_in("zhoulan", "幸福里2026"));
  auto out = rig.send(http::Verb::delete_, "/api/v1/session", {}, {{"Cookie", cookie}});
  CHECK(out.result() == Status::no_content);
  CHECK(std::string(out[http::beast_http::field::set_cookie]) == "gridbot_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  CHECK(rig.send(http::Verb::get, "/api/v1/session", {}, {{"Cookie", cookie}}).result() == Status::unauthorized);
}

TEST_CASE("a session expires on the clock: idle, then absolute") {
  Rig rig(AuthSettings{.sessions = {.idle = Seconds(3600), .absolute = Seconds(3 * 3600)}});
  const std::string cookie = cookie_of(rig.sign_in("zhoulan", "幸福里2026"));
  for (int i = 0; i < 5; ++i) {
    rig.clock.advance(Seconds(3500));
    CHECK(rig.send(http::Verb::get, "/api/v1/session", {}, {{"Cookie", cookie}}).result() ==
          (i < 3 ? Status::ok : Status::unauthorized));  // 3 × 3500 s < 3 h < 4 × 3500 s
  }
  const std::string idle = cookie_of(rig.sign_in("zhoulan", "幸福里2026"));
  rig.clock.advance(Seconds(3600));
  CHECK(rig.send(http::Verb::get, "/api/v1/session", {}, {{"Cookie", idle}}).result() == Status::unauthorized);
}

TEST_CASE("a wrong password and an unknown user get the same answer") {
  Rig rig;
  auto wrong_password = rig.sign_in("zhoulan", "幸福里2025", "198.51.100.1");
  auto unknown_user = rig.sign_in("zhoulan2", "幸福里2026", "198.51.100.2");
  CHECK(wrong_password.result() == Status::unauthorized);
  CHECK(unknown_user.result() == wrong_password.result());
  CHECK(unknown_user.body() == wrong_password.body());
  CHECK(nlohmann::json::parse(unknown_user.body())["error"] == "wrong user or password");
  CHECK(unknown_user[http::beast_http::field::set_cookie].empty());
  CHECK(wrong_password[http::beast_http::field::set_cookie].empty());
}

TEST_CASE("bad sign-in bodies are 400 naming the field") {
  Rig rig;
  auto error = [&](const std::string& body) {
    auto r = rig.send(http::Verb::post, "/api/v1/session", body);
    CHECK(r.result() == Status::bad_request);
    return nlohmann::json::parse(r.body())["error"].get<std::string>();
  };
  CHECK(error("{") == "body must be a JSON object");
  CHECK(error(R"({"password": "x"})") == "'user' must be a non-empty string");
  CHECK(error(R"({"user": "zhoulan", "password": 7})") == "'password' must be a non-empty string");
  CHECK(error(nlohmann::json{{"user", "zhoulan"}, {"password", std::string(2000, 'x')}}.dump()) == "'password' is too long");
}

TEST_CASE("five failed sign-ins from one address: the next waits with 429 and Retry-After, growing; success resets") {
  Rig rig;
  for (int i = 0; i < 5; ++i) REQUIRE(rig.sign_in("zhoulan", "guess" + std::to_string(i)).result() == Status::unauthorized);
  auto slowed = rig.sign_in("zhoulan", "幸福里2026");  // even the right password waits
  CHECK(slowed.result() == Status::too_many_requests);
  CHECK(slowed[http::beast_http::field::retry_after] == "2");
  CHECK(slowed[http::beast_http::field::set_cookie].empty());
  CHECK(rig.sign_in("zhoulan", "幸福里2026", "198.51.100.9").result() == Status::ok);  // another address is not slowed

  rig.clock.advance(Seconds(2));
  CHECK(rig.sign_in("zhoulan", "guess5").result() == Status::unauthorized);
  CHECK(rig.sign_in("zhoulan", "幸福里2026")[http::beast_http::field::retry_after] == "4");
  rig.clock.advance(Seconds(4));
  CHECK(rig.sign_in("zhoulan", "幸福里2026").result() == Status::ok);
  for (int i = 0; i < 5; ++i) CHECK(rig.sign_in("zhoulan", "guess").result() == Status::unauthorized);
  CHECK(rig.sign_in("zhoulan", "guess").result() == Status::too_many_requests);
}

TEST_CASE("writes with the session cookie from another origin are refused with 403") {
  Rig rig;
  const std::string cookie = cookie_of(rig.sign_in("zhoulan", "幸福里2026"));
  auto note = [&](std::vector<std::pair<std::string, std::string>> headers) {
    headers.emplace_back("Cookie", cookie);
    return rig.send(http::Verb::post, "/api/v1/tickets/7/notes", R"({"text": "x"})", headers);
  };
  CHECK(note({{"Origin", "https://evil.example"}}).result() == Status::forbidden);
  CHECK(note({{"Sec-Fetch-Site", "cross-site"}}).result() == Status::forbidden);
  CHECK(note({{"Origin", "http://127.0.0.1:8080"}, {"Sec-Fetch-Site", "same-origin"}}).result() == Status::ok);
  CHECK(note({}).result() == Status::ok);  // no browser marks: not a browser, not a cross-site page
  // Signing out from elsewhere is refused too, and the session lives on.
  CHECK(rig.send(http::Verb::delete_, "/api/v1/session", {}, {{"Cookie", cookie}, {"Origin", "https://evil.example"}}).result() ==
        Status::forbidden);
  CHECK(rig.send(http::Verb::get, "/api/v1/session", {}, {{"Cookie", cookie}, {"Origin", "https://evil.example"}}).result() ==
        Status::ok);  // a read: the browser keeps its answer from the other page
  // A page elsewhere cannot sign the visitor in either.
  CHECK(rig.sign_in("zhoulan", "幸福里2026", "203.0.113.8", {{"Origin", "https://evil.example"}}).result() == Status::forbidden);
}

TEST_CASE("the session cookie comes first, else an admin's bearer token") {
  Rig rig;
  const std::string admin_cookie = cookie_of(rig.sign_in("admin", "幸福里2026"));
  http::Request bearer{http::Verb::get, "/api/v1/tickets", 11};
  bearer.set(http::beast_http::field::authorization, "Bearer desk-token-1");
  auto by_token = rig.auth.authenticate(bearer);
  REQUIRE(by_token);
  CHECK(by_token->user == "token:zhoulan");
  CHECK(by_token->role == ConsoleRole::community);
  bearer.set(http::beast_http::field::cookie, admin_cookie);
  CHECK(rig.auth.authenticate(bearer)->user == "admin");
  bearer.set(http::beast_http::field::cookie, "gridbot_session=" + std::string(64, 'b'));  // stale: the token still counts
  CHECK(rig.auth.authenticate(bearer)->user == "token:zhoulan");
  bearer.set(http::beast_http::field::authorization, "Bearer wrong");
  CHECK_FALSE(rig.auth.authenticate(bearer));
}

TEST_CASE("behind a trusted proxy the throttle counts the browser's address, not the proxy's") {
  const std::vector<std::string> proxies = {"127.0.0.1", "10.0.0.2"};
  http::Request r{http::Verb::post, "/api/v1/session", 11};
  CHECK(client_address(r, "127.0.0.1", proxies) == "127.0.0.1");  // no header: the proxy itself
  r.set("X-Forwarded-For", "6.6.6.6, 203.0.113.7, 10.0.0.2");      // the client may write anything left of its own
  CHECK(client_address(r, "127.0.0.1", proxies) == "203.0.113.7");
  CHECK(client_address(r, "198.51.100.1", proxies) == "198.51.100.1");  // an untrusted peer's header is ignored
  CHECK(client_address(r, "127.0.0.1", {}) == "127.0.0.1");

  Rig rig(AuthSettings{.trusted_proxies = proxies});
  auto from = [&](const std::string& client) {
    return rig.send(http::Verb::post, "/api/v1/session", R"({"user": "zhoulan", "password": "guess"})",
                    {{"X-Forwarded-For", client}}, "127.0.0.1");
  };
  for (int i = 0; i < 5; ++i) REQUIRE(from("203.0.113.7").result() == Status::unauthorized);
  CHECK(from("203.0.113.7").result() == Status::too_many_requests);
  CHECK(from("203.0.113.8").result() == Status::unauthorized);  // a colleague behind the same proxy is not slowed
}

TEST_CASE("the users of the organization now in service: a removed user is signed out, a changed one changes, at the next request") {
  Rig rig;
  const std::string zhoulan = cookie_of(rig.sign_in("zhoulan", "幸福里2026"));
  const std::string admin = cookie_of(rig.sign_in("admin", "幸福里2026"));
  auto who = [&](const std::string& cookie) { return rig.send(http::Verb::get, "/api/v1/session", {}, {{"Cookie", cookie}}); };
  REQUIRE(who(zhoulan).result() == Status::ok);

  // An edit publishes users where 周兰 became a street user and the admin is gone.
  auto next = users(rig.org);
  next.erase(next.begin() + 1);
  next[0].role = ConsoleRole::street;
  next[0].street = "heping";
  next[0].community.clear();
  rig.auth.replace_users(std::move(next));

  auto changed = who(zhoulan);
  REQUIRE(changed.result() == Status::ok);
  CHECK(nlohmann::json::parse(changed.body())["role"] == "street");
  CHECK(nlohmann::json::parse(changed.body())["street"] == "heping");
  CHECK(who(admin).result() == Status::unauthorized);
  CHECK(rig.sign_in("admin", "幸福里2026").result() == Status::unauthorized);
  // Gone for good: the session ended, so the user coming back later needs a new sign-in.
  rig.auth.replace_users(users(rig.org));
  CHECK(who(admin).result() == Status::unauthorized);
  CHECK(rig.sign_in("admin", "幸福里2026").result() == Status::ok);
}
