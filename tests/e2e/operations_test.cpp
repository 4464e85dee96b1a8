// An operator's probes through the real binary: descriptor exhaustion, DNS rebinding and
// cross-origin writes, the first thing a newcomer opens, and the text cap.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
using nlohmann::json;
namespace asio = boost::asio;

namespace {

// Connections that never send a byte: what a stuck client or a scanner leaves behind.
std::vector<std::unique_ptr<asio::ip::tcp::socket>> open_idle(asio::io_context& io, std::uint16_t port, int n) {
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> sockets;
  for (int i = 0; i < n; ++i) {
    auto s = std::make_unique<asio::ip::tcp::socket>(io);
    s->connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    sockets.push_back(std::move(s));
  }
  return sockets;
}

// /healthz within `seconds`, tried once a connection; -1 when it never answered.
int healthz_within(std::uint16_t port, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      return http_get(port, "/healthz").status;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // closed to make room: try again
    }
  }
  return -1;
}

std::size_t count_lines(const std::string& log, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("idle connections past the file limit do not stop a new request from being served") {
  TempDir dir;
  asio::io_context io;

  SUBCASE("under the default cap (three quarters of the file limit), the longest-idle one makes room") {
    ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), {}, 128);
    auto idle = open_idle(io, service.port(), 300);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(healthz_within(service.port(), 10) == 200);
    CHECK(http_post(service.port(), "/local/api/groups/xfl-1-group/messages", {{"sender", "zhangwei"}, {"text", "收到"}}).status == 202);
    const std::string log = service.log();
    CHECK(count_lines(log, "accept failed") == 0);
    CHECK(count_lines(log, "out of file descriptors") == 0);
    CHECK(count_lines(log, "at the cap of 64 connections") == 1);  // min(3/4 of 128, 128 - 64)
    CHECK(service.stop() == 0);
  }

  SUBCASE("with a cap above the file limit, accept pauses and logs once per interval, not per attempt") {
    const std::string config = dir.file("config.json");
    std::ofstream(config) << R"({"max_connections": 5000})";
    ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), {"--config", config}, 128);
    auto idle = open_idle(io, service.port(), 300);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    CHECK(healthz_within(service.port(), 10) == 200);
    const std::string log = service.log();
    CHECK(count_lines(log, "out of file descriptors") >= 1);
    CHECK(count_lines(log, "out of file descriptors") <= 2);
    CHECK(log.size() < 64 * 1024);
    CHECK(service.stop() == 0);
  }
}

TEST_CASE("the local platform answers only to its own address, and writes only from its own page") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const auto port = service.port();
  const std::string post = "/local/api/users/wangfang/messages";
  const std::string body = json{{"text", "我的工单"}}.dump();
  const std::string self = "127.0.0.1:" + std::to_string(port);

  // DNS rebinding: the browser sends the attacker's name as Host, with any port.
  for (const std::string& host : std::vector<std::string>{"evil.example", "evil.example:" + std::to_string(port), "127.0.0.1.evil.example",
                                 "localhost.evil.example:80", ""}) {
    CAPTURE(host);
    CHECK(http_request(port, "GET", post, "", {{"Host", host}}).status == 403);
    CHECK(http_request(port, "POST", post, body, {{"Host", host}}).status == 403);
    CHECK(http_request(port, "GET", "/local/", "", {{"Host", host}}).status == 403);
  }
  auto refused = http_request(port, "GET", post, "", {{"Host", "evil.example"}});
  CHECK(refused.json()["error"].get<std::string>().find("evil.example") != std::string::npos);
  // Health is no secret and a monitor may name the machine however it likes.
  CHECK(http_request(port, "GET", "/healthz", "", {{"Host", "monitor.internal"}}).status == 200);
  for (const std::string& host : std::vector<std::string>{self, "localhost:" + std::to_string(port), "LOCALHOST", "[::1]:" + std::to_string(port)}) {
    CAPTURE(host);
    CHECK(http_request(port, "GET", post, "", {{"Host", host}}).status == 200);
  }

  // Cross-origin writes: another site's page, a form post, a sandboxed frame.
  const Headers cross_site[] = {{{"Origin", "http://evil.example"}},
                                {{"Origin", "null"}},
                                {{"Origin", "http://localhost:1"}},
                                {{"Sec-Fetch-Site", "cross-site"}},
                                {{"Sec-Fetch-Site", "same-site"}},
                                {{"Content-Type", "text/plain"}},
                                {{"Content-Type", "application/x-www-form-urlencoded"}},
                                {{"Content-Type", "multipart/form-data; boundary=x"}},
                                {{"Content-Type", ""}}};
  for (const auto& headers : cross_site) {
    CAPTURE(headers.front().first + ": " + headers.front().second);
    CHECK(http_request(port, "POST", post, body, headers).status == 403);
    CHECK(http_request(port, "POST", "/local/api/groups/xfl-1-group/messages",
                       json{{"sender", "wangfang"}, {"text", "办结 1001"}}.dump(), headers).status == 403);
  }
  // The page's own requests, as a browser sends them.
  CHECK(http_request(port, "POST", post, body,
                     {{"Host", self}, {"Origin", "http://" + self}, {"Sec-Fetch-Site", "same-origin"},
                      {"Content-Type", "application/json;charset=UTF-8"}}).status == 202);
  // A script or curl, which sends neither Origin nor Sec-Fetch-Site.
  CHECK(http_request(port, "POST", post, body).status == 202);
  CHECK(service.stop() == 0);
}

TEST_CASE("a newcomer's first steps: / opens the page, serve --help lists the options") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  auto root = http_get(service.port(), "/");
  CHECK(root.status == 302);
  CHECK(root.headers["location"] == "/local/");
  CHECK(http_get(service.port(), "/local/").status == 200);
  CHECK(service.stop() == 0);

  for (const char* flag : {"--help", "-h"}) {
    CAPTURE(flag);
    const std::string out = dir.file("help.txt");
    const int status = std::system((std::string(GRIDBOT_BINARY) + " serve " + flag + " > " + out + " 2>&1").c_str());
    CHECK(WEXITSTATUS(status) == 0);
    std::ifstream in(out);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* option : {"--config", "--listen", "--data", "--organization", "--test-clock"}) {
      CAPTURE(option);
      CHECK(text.find(option) != std::string::npos);
    }
  }
}

TEST_CASE("listening beyond loopback with the local platform needs platforms.local.allow_remote") {
  TempDir dir;
  const std::string out = dir.file("out.txt");
  const std::string command = std::string(GRIDBOT_BINARY) + " serve --listen 0.0.0.0:" + std::to_string(free_port()) +
                              " --data " + dir.path().string() + " > " + out + " 2>&1";
  const int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 2);
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("platforms.local.allow_remote") != std::string::npos);
}

TEST_CASE("a huge post is cut to max_text_bytes with a marker before anything stores it") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const auto port = service.port();
  const std::string text = "3号楼2单元下水道堵了" + std::string(900 * 1024, 'x');
  auto posted = http_post(port, "/local/api/groups/xfl-1-group/messages", {{"sender", "zhangwei"}, {"text", text}});
  REQUIRE(posted.status == 202);
  auto messages = http_get(port, "/local/api/groups/xfl-1-group/messages").json()["messages"];
  REQUIRE(messages.size() >= 1);
  const std::string stored = messages[0]["text"].get<std::string>();
  CHECK(stored.size() <= 8 * 1024);
  CHECK(stored.starts_with("3号楼2单元下水道堵了"));
  CHECK(stored.ends_with("……（消息过长，以下内容未保存）"));
  // Text that normalizes to nothing is no message: ideographic and no-break spaces only.
  for (const char* blank : {"\u3000\u3000", "\u00a0 \u3000\n"}) {
    CAPTURE(blank);
    CHECK(http_post(port, "/local/api/groups/xfl-1-group/messages", {{"sender", "zhangwei"}, {"text", blank}}).status == 400);
  }
  CHECK(service.stop() == 0);
}

TEST_CASE("the local page speaks Chinese, names current tickets, and offers members who are in no group") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const std::string page = http_get(service.port(), "/local/").body;
  // Errors shown to people go through one Chinese mapping, never the browser's or the API's text.
  CHECK(page.find("e.message") == std::string::npos);
  CHECK(page.find("HTTP ${") == std::string::npos);
  CHECK(page.find("function errorText") != std::string::npos);
  CHECK(page.find("无法连接网格助手服务") != std::string::npos);
  // Example commands take the ticket the member was last told about, not a fixed number.
  CHECK(page.find("1001") == std::string::npos);
  CHECK(page.find("S.lastTicket") != std::string::npos);
  // The street officer and the department liaisons are in no group: they are offered anyway.
  CHECK(page.find("其他工作人员（不在本群，仅私信）") != std::string::npos);
  auto users = http_get(service.port(), "/local/api/users").json()["users"];
  auto groups = http_get(service.port(), "/local/api/groups").json()["groups"];
  int outside_every_group = 0;
  for (const auto& u : users) {
    if (u["kind"] != "member") continue;
    bool in_some = false;
    for (const auto& g : groups)
      for (const auto& m : g["members"]) in_some = in_some || m == u["user_id"];
    outside_every_group += in_some ? 0 : 1;
  }
  CHECK(outside_every_group >= 2);
  // And it says what it is for.
  CHECK(page.find("仅供体验与测试") != std::string::npos);
  CHECK(service.stop() == 0);
}
