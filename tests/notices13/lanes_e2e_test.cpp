// Priority lanes through the real binary: the local bot paced at 20 sends a minute (its
// quota_per_minute), a 40-group notice queued, then a resident's gas leak. When the bucket's tokens
// come back, the urgent ticket's messages go before the notice's remaining copies.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "tests/support/http_client.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
using nlohmann::json;

namespace {

const std::int64_t t0 = 1794967200;  // Wednesday 2026-11-18 10:00 in Beijing
// sha256("token-gaojian"): the file holds only the hash.
const std::string gaojian_hash = "7df289142a1af81dc84889c3d2ded56119124188f847418e7db978e1ab538e22";

struct Sent {
  std::int64_t local_id;
  int priority;
  bool notice_copy;
};

// What the local bot posted, in the order it posted it, with each row's lane.
std::vector<Sent> sent_in_order(const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT l.id, o.priority, EXISTS(SELECT 1 FROM notice_deliveries d WHERE d.outbox_id = o.id)"
                          " FROM local_messages l JOIN outbox o ON o.id = l.outbox_id ORDER BY l.id");
  std::vector<Sent> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt(), q.getColumn(2).getInt() != 0});
  return out;
}

int pending(std::uint16_t port) { return http_get(port, "/healthz").json()["outbox_pending"].get<int>(); }

// Polls until `done` holds, for up to 10 s.
bool eventually(const std::function<bool()>& done) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > limit) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace

TEST_CASE("a queued 40-group notice, then an urgent report: the urgent rows go before the notice's remaining copies") {
  TempDir dir;
  std::ifstream in(std::string(GRIDBOT_SOURCE_DIR) + "/organization/sample.json");
  json org = json::parse(in);
  org["admins"] = {{{"member", "gaojian"}, {"token_sha256", gaojian_hash}}};
  for (int i = 0; i < 39; ++i)  // with xfl-2-group, 40 groups in grid xfl-2
    org["groups"].push_back({{"id", "bulk-" + std::to_string(i)}, {"name", "楼栋群" + std::to_string(i)}, {"grid", "xfl-2"}, {"platform", "local"}});
  std::ofstream(dir.file("organization.json")) << org.dump();
  std::ofstream(dir.file("gridbot.json")) << json{{"platforms", {{"local", {{"enabled", true}, {"quota_per_minute", 20}}}}}}.dump();
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string(),
                         {"--config", dir.file("gridbot.json"), "--test-clock=" + std::to_string(t0), "--organization",
                          dir.file("organization.json")});
  const auto port = service.port();

  auto sent = http_request(port, "POST", "/api/v1/notices",
                           json{{"scope", {{"grids", {"xfl-2"}}}}, {"text", "防汛预警：今晚有大暴雨，请勿外出"}}.dump(),
                           {{"Authorization", "Bearer token-gaojian"}});
  REQUIRE(sent.status == 201);
  REQUIRE(sent.json()["groups"] == 40);
  // The minute's 20 tokens go to the first 20 copies; the other 20 wait in the bucket.
  REQUIRE(eventually([&] { return sent_in_order(dir.file("gridbot.db")).size() == 20; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(sent_in_order(dir.file("gridbot.db")).size() == 20);
  CHECK(pending(port) == 20);

  // A gas leak: an urgent ticket, its receipt in the group and its owner's alert in the urgent lane.
  auto report = http_post(port, "/local/api/groups/xfl-1-group/messages",
                          {{"sender", "zhangwei"}, {"text", "3号楼2单元燃气泄漏了，味道很大，快来人"}, {"client_msg_id", "gas-1"}});
  REQUIRE(report.status == 202);
  REQUIRE(eventually([&] { return pending(port) > 20; }));
  const int urgent_queued = pending(port) - 20;
  CHECK(sent_in_order(dir.file("gridbot.db")).size() == 20);  // no token: it waits too

  // A minute on, the 20 tokens come back: every urgent row first, then copies; a minute later the rest.
  REQUIRE(http_post(port, "/local/api/clock", {{"advance_seconds", 60}}).status == 200);
  REQUIRE(eventually([&] { return sent_in_order(dir.file("gridbot.db")).size() == 40; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(sent_in_order(dir.file("gridbot.db")).size() == 40);  // the quota holds: 20 in the second minute
  REQUIRE(http_post(port, "/local/api/clock", {{"advance_seconds", 60}}).status == 200);
  REQUIRE(eventually([&] { return pending(port) == 0; }));
  const auto order = sent_in_order(dir.file("gridbot.db"));
  REQUIRE(order.size() == static_cast<std::size_t>(40 + urgent_queued));
  // After the first minute's 20 copies: the urgent rows (and any reply), then only notice copies.
  CHECK(order[20].priority == 0);  // Priority::urgent
  bool copies_began = false;
  int urgent_seen = 0;
  for (std::size_t i = 20; i < order.size(); ++i) {
    CAPTURE(i);
    if (order[i].notice_copy) copies_began = true;
    else CHECK_FALSE(copies_began);  // nothing of the urgent report waited behind a copy
    urgent_seen += order[i].priority == 0;
  }
  CHECK(urgent_seen >= 2);  // the group's receipt and the owner's alert
  int copies = 0;
  for (const auto& s : order) copies += s.notice_copy;
  CHECK(copies == 40);
}
