// The real binary: sign in with the sample's demo password over a socket (the throttle counts
// the connection's address), and the page it serves at /console/ before the console is built.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "bot/console/password.hpp"

#include "tests/support/http_client.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;
using testing::http_request;

TEST_CASE("the service signs a console user in, and says how to build a console it does not have") {
  testing::TempDir dir;
  // The test runs in the build folder, which has no web/console/dist.
  testing::ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const auto port = service.port();
  CHECK(service.log().find("console") != std::string::npos);
  CHECK(service.log().find("./run build") != std::string::npos);

  auto page = testing::http_get(port, "/console/");
  CHECK(page.status == 503);
  CHECK(page.body.find("控制台尚未构建") != std::string::npos);
  CHECK(page.body.find("./run build") != std::string::npos);

  const nlohmann::json demo = {{"user", "zhoulan"}, {"password", "zhoulan-demo-2026"}};  // README's demo password
  auto signed_in = http_request(port, "POST", "/api/v1/session", demo.dump());
  REQUIRE(signed_in.status == 200);
  CHECK(signed_in.json()["community"] == "xingfuli");
  const std::string set_cookie = signed_in.headers["set-cookie"];
  CHECK(set_cookie.find("HttpOnly; SameSite=Strict; Path=/") != std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  auto who = http_request(port, "GET", "/api/v1/session", {}, {{"Cookie", cookie}});
  CHECK(who.status == 200);
  CHECK(who.json()["name"] == "周兰");

  const nlohmann::json wrong = {{"user", "zhoulan"}, {"password", "guess"}};
  for (int i = 0; i < 5; ++i) REQUIRE(http_request(port, "POST", "/api/v1/session", wrong.dump()).status == 401);
  auto slowed = http_request(port, "POST", "/api/v1/session", demo.dump());
  CHECK(slowed.status == 429);
  CHECK((slowed.headers["retry-after"] == "2" || slowed.headers["retry-after"] == "1"));  // a second may tick
  CHECK(service.stop() == 0);
}

TEST_CASE("gridbot hash-password reads the password from stdin and prints a hash that verifies") {
  auto run = [](const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
    const int status = pclose(pipe);
    return std::pair{WEXITSTATUS(status), out};
  };
  auto [status, out] = run("printf '%s\\n' '幸福里 2026' | " + std::string(GRIDBOT_BINARY) + " hash-password --iterations 1000");
  CHECK(status == 0);
  REQUIRE(out.ends_with("\n"));
  out.pop_back();
  auto hash = console::parse_password_hash(out);
  REQUIRE(hash);
  CHECK(hash->iterations == 1000);
  CHECK(console::verify_password("幸福里 2026", *hash));  // the line's end is not part of it
  CHECK(run("printf '' | " + std::string(GRIDBOT_BINARY) + " hash-password 2>/dev/null").first == 1);
  CHECK(run(std::string(GRIDBOT_BINARY) + " hash-password --iterations 5 </dev/null 2>/dev/null").first == 2);
}

TEST_CASE("the service: a member deleted in the console signs their console user out at the next request") {
  testing::TempDir dir;
  testing::ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const auto port = service.port();
  auto cookie_of = [](const testing::HttpResult& r) {
    const std::string set = r.headers.at("set-cookie");
    return set.substr(0, set.find(';'));
  };
  const nlohmann::json zhoulan = {{"user", "zhoulan"}, {"password", "zhoulan-demo-2026"}};  // README's demo passwords
  const nlohmann::json admin = {{"user", "admin"}, {"password", "admin-demo-2026"}};
  auto signed_in = http_request(port, "POST", "/api/v1/session", zhoulan.dump());
  REQUIRE(signed_in.status == 200);
  const std::string her = cookie_of(signed_in);
  auto admin_in = http_request(port, "POST", "/api/v1/session", admin.dump());
  REQUIRE(admin_in.status == 200);
  REQUIRE(http_request(port, "GET", "/api/v1/session", {}, {{"Cookie", her}}).status == 200);

  auto removed = http_request(port, "DELETE", "/api/v1/organization/members/zhoulan", {}, {{"Cookie", cookie_of(admin_in)}});
  REQUIRE(removed.status == 200);
  CHECK(http_request(port, "GET", "/api/v1/session", {}, {{"Cookie", her}}).status == 401);
  CHECK(http_request(port, "GET", "/api/v1/tickets", {}, {{"Cookie", her}}).status == 401);
  CHECK(http_request(port, "POST", "/api/v1/session", zhoulan.dump()).status == 401);
  CHECK(service.stop() == 0);
}
