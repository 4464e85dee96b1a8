// What a platform does to a service at its worst moments: kill -9 under load, the same callback
// four times at once, and requests that are broken or hostile on purpose.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "tests/support/http_client.hpp"
#include "tests/support/load.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
using nlohmann::json;
namespace asio = boost::asio;

namespace {

const std::string group_path = "/local/api/groups/xfl-1-group/messages";

// The `k`-th report, its text unique so the database can be searched for it.
std::string report(std::uint64_t k) {
  return "【" + std::to_string(k) + "】" + std::to_string(1 + k % 40) + "号楼" + std::to_string(1 + k % 4) +
         "单元下水道堵了，污水漫到楼道了";
}

LoadRequest post(std::uint64_t k, const std::string& run) {
  return LoadRequest{"POST", group_path,
                     json{{"sender", k % 2 ? "zhangwei" : "liuna"}, {"text", report(k)}, {"client_msg_id", run + std::to_string(k)}}.dump()};
}

// How many resident messages carry each text, read straight from the database file.
std::map<std::string, int> stored_texts(const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT text, COUNT(*) FROM local_messages WHERE outbox_id IS NULL GROUP BY text");
  std::map<std::string, int> out;
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt();
  return out;
}

// Until `count` requests are answered, or 10 s pass (a slow or sanitized build).
void wait_for_answers(std::mutex& mutex, const std::set<std::uint64_t>& answered, std::size_t count) {
  for (int i = 0; i < 1000; ++i) {
    {
      std::lock_guard lock(mutex);
      if (answered.size() >= count) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// A raw connection: sends `bytes`, then reads until the server closes or `wait` passes.
struct RawAnswer {
  std::string text;
  bool closed = false;
};
RawAnswer raw_exchange(std::uint16_t port, const std::string& bytes, std::chrono::milliseconds wait) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  RawAnswer out;
  socket.non_blocking(true);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    std::size_t n = socket.read_some(asio::buffer(buf), ec);
    if (ec == asio::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (ec) {
      out.closed = true;
      break;
    }
    out.text.append(buf, n);
  }
  return out;
}

int status_of(const RawAnswer& a) {
  if (a.text.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(a.text.substr(9, 3));
}

}  // namespace

TEST_CASE("kill -9 under load: every answered message is stored exactly once, and redelivery adds nothing") {
  TempDir dir;
  const std::string db_path = dir.file("gridbot.db");
  std::mutex mutex;
  std::set<std::uint64_t> answered;  // k of every 202
  std::map<std::uint64_t, std::int64_t> message_ids;
  {
    ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=1794967200"});
    LoadSpec load{service.port(), 16, 20, 0, 0, [](std::uint64_t k) { return post(k, "crash-"); },
                  [&](std::uint64_t k, int status, const std::string& body) {
                    if (status != 202) return;
                    std::lock_guard lock(mutex);
                    answered.insert(k);
                    message_ids[k] = json::parse(body)["message_id"].get<std::int64_t>();
                  }};
    std::atomic<bool> killed = false;
    load.cancel = &killed;
    std::thread driver([&] { run_load(load); });
    // Kill once a few hundred are in (or after 10 s on a slow machine): the load is still
    // running, batches are in flight.
    wait_for_answers(mutex, answered, 300);
    service.kill_hard();
    killed = true;
    driver.join();
  }
  REQUIRE(answered.size() >= 50);
  const auto stored = stored_texts(db_path);
  for (std::uint64_t k : answered) {
    auto it = stored.find(report(k));
    CAPTURE(k);
    CHECK((it != stored.end() && it->second == 1));
  }
  for (const auto& [text, n] : stored) CHECK(n == 1);  // unanswered ones at most once too

  ServiceProcess restarted(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=1794967200"});
  const auto tickets = http_get(restarted.port(), "/healthz").json()["tickets"].get<int>();
  CHECK(tickets > 0);
  // The platform redelivers everything it got an answer for: all duplicates, nothing new.
  std::atomic<int> duplicates = 0, same_id = 0;
  std::vector<std::uint64_t> keys(answered.begin(), answered.end());
  LoadSpec redeliver{restarted.port(), 8, 60, keys.size(), 0, [&](std::uint64_t i) { return post(keys[i], "crash-"); },
                     [&](std::uint64_t i, int status, const std::string& body) {
                       if (status != 202) return;
                       auto j = json::parse(body);
                       duplicates += j["duplicate"].get<bool>();
                       same_id += j["message_id"].get<std::int64_t>() == message_ids[keys[i]];
                     }};
  auto result = run_load(redeliver);
  CHECK(result.errors == 0);
  CHECK(duplicates == static_cast<int>(keys.size()));
  CHECK(same_id == static_cast<int>(keys.size()));
  CHECK(http_get(restarted.port(), "/healthz").json()["tickets"] == tickets);
  CHECK(stored_texts(db_path).size() == stored.size());
  CHECK(restarted.stop() == 0);
}

// The clean counterpart of kill -9: SIGTERM while 16 connections post. The service drains what is
// in flight and exits 0 — under scripts/asan.sh that exit also means no leak, no sanitizer report
// in the shutdown of sessions, writer, sender and timers caught mid-work.
TEST_CASE("SIGTERM under load: in-flight requests are answered, every 202 is stored once, exit 0") {
  TempDir dir;
  std::mutex mutex;
  std::set<std::uint64_t> answered;
  int exit_status = -1;
  std::string log;
  {
    ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=1794967200"});
    std::atomic<bool> stopped = false;
    LoadSpec load{service.port(), 16, 20, 0, 0, [](std::uint64_t k) { return post(k, "term-"); },
                  [&](std::uint64_t k, int status, const std::string&) {
                    if (status != 202) return;
                    std::lock_guard lock(mutex);
                    answered.insert(k);
                  }};
    load.cancel = &stopped;
    std::thread driver([&] { run_load(load); });
    wait_for_answers(mutex, answered, 200);
    exit_status = service.stop();
    stopped = true;
    driver.join();
    log = service.log();
  }
  const std::string log_tail = log.substr(log.size() - std::min<std::size_t>(log.size(), 6000));  // a sanitizer's report
  CAPTURE(log_tail);
  CHECK(exit_status == 0);
  CHECK(log.find("stopped") != std::string::npos);
  REQUIRE(answered.size() >= 50);
  const auto stored = stored_texts(dir.file("gridbot.db"));
  for (std::uint64_t k : answered) {
    auto it = stored.find(report(k));
    CAPTURE(k);
    CHECK((it != stored.end() && it->second == 1));
  }
  for (const auto& [text, n] : stored) CHECK(n == 1);
}

TEST_CASE("a retry storm (each callback four times at once) creates one message and one ticket each") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=1794967200"});
  const std::uint64_t distinct = 60;
  std::mutex mutex;
  std::map<std::uint64_t, std::set<std::int64_t>> ids;  // k → message ids answered
  std::map<std::uint64_t, int> firsts;                  // k → answers with duplicate=false
  // Copies of one message are consecutive, so four connections carry them at the same moment.
  LoadSpec storm{service.port(), 16, 60, distinct * 4, 0, [](std::uint64_t seq) { return post(seq / 4, "storm-"); },
                 [&](std::uint64_t seq, int status, const std::string& body) {
                   REQUIRE(status == 202);
                   auto j = json::parse(body);
                   std::lock_guard lock(mutex);
                   ids[seq / 4].insert(j["message_id"].get<std::int64_t>());
                   firsts[seq / 4] += !j["duplicate"].get<bool>();
                 }};
  auto result = run_load(storm);
  CHECK(result.errors == 0);
  CHECK(result.answered == distinct * 4);
  for (std::uint64_t k = 0; k < distinct; ++k) {
    CAPTURE(k);
    CHECK(ids[k].size() == 1);
    CHECK(firsts[k] == 1);
  }
  const auto stored = stored_texts(dir.file("gridbot.db"));
  CHECK(stored.size() == distinct);
  for (const auto& [text, n] : stored) CHECK(n == 1);
  // Against one delivery of each: the same tickets.
  TempDir once_dir;
  ServiceProcess once(GRIDBOT_BINARY, once_dir.path().string(), {"--test-clock=1794967200"});
  for (std::uint64_t k = 0; k < distinct; ++k) {
    auto p = post(k, "storm-");
    REQUIRE(http_request(once.port(), p.method, p.target, p.body).status == 202);
  }
  CHECK(http_get(service.port(), "/healthz").json()["tickets"] == http_get(once.port(), "/healthz").json()["tickets"]);
}

TEST_CASE("broken and hostile requests get a 4xx or a closed connection, and others are served meanwhile") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const auto port = service.port();
  const std::string head = "POST " + group_path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

  // Slow clients that never finish their headers hold only their own connections.
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> slow;
  asio::io_context io;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<asio::ip::tcp::socket>(io));
    slow.back()->connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(*slow.back(), asio::buffer(std::string("POST ") + group_path + " HTTP/1.1\r\nHost: 127.0."));
  }

  // A body shorter than its Content-Length, then the client gives up: nothing is stored.
  auto truncated = raw_exchange(port, head + "Content-Length: 100\r\n\r\n{\"sender\": \"zhangwei\", \"te", std::chrono::milliseconds(200));
  CHECK(status_of(truncated) == 0);  // still waiting for the rest: no answer, no crash
  // Garbage instead of HTTP.
  auto garbage = raw_exchange(port, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n", std::chrono::seconds(2));
  CHECK(status_of(garbage) == 400);
  CHECK(garbage.closed);
  // Headers over the limit.
  auto big_headers = raw_exchange(port, head + "X-Padding: " + std::string(64 * 1024, 'a') + "\r\n\r\n", std::chrono::seconds(2));
  CHECK((status_of(big_headers) == 400 || status_of(big_headers) == 431 || big_headers.closed));
  // A Content-Length that promises more than the body limit is refused before it is read.
  auto promised = raw_exchange(port, head + "Content-Length: 999999999\r\n\r\n{", std::chrono::seconds(3));
  CHECK(status_of(promised) == 413);
  // Deeply nested JSON: parsed without recursion, refused as a body.
  const std::string nested = std::string(300000, '[') + std::string(300000, ']');
  CHECK(http_request(port, "POST", group_path, nested).status == 400);
  const std::string nested_object = "{\"sender\": \"zhangwei\", \"text\": \"x\", \"extra\": " + nested + "}";
  CHECK(http_request(port, "POST", group_path, nested_object).status == 202);  // unknown fields are ignored
  // Wrong content types: a form post is what a hostile page can send without a preflight, so the
  // local platform's cross-site guard refuses it (403) before its body is read as JSON.
  auto form = raw_exchange(port,
                           "POST " + group_path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           "Content-Length: 19\r\nConnection: close\r\n\r\nsender=a&text=hello",
                           std::chrono::seconds(2));
  CHECK(status_of(form) == 403);
  // Invalid UTF-8 in a header and in the target.
  auto bad_target = raw_exchange(port, "GET /local/api/groups/\xff\xfe/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                                 std::chrono::seconds(2));
  CHECK((status_of(bad_target) == 400 || status_of(bad_target) == 404));

  // Meanwhile every ordinary request is answered.
  CHECK(http_post(port, group_path, {{"sender", "zhangwei"}, {"text", "3号楼2单元下水道堵了"}}).status == 202);
  CHECK(http_get(port, "/healthz").status == 200);
  auto load = run_load(LoadSpec{port, 8, 30, 200, 0, [](std::uint64_t k) { return post(k, "hostile-"); }, {}});
  CHECK(load.errors == 0);
  CHECK(load.answered == 200);
  for (auto& s : slow) s->close();
  CHECK(service.stop() == 0);
}
