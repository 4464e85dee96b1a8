// Notices through the real binary and the local platform, on the test clock: a scoped notice by
// direct message with its confirmation, acknowledgements counted from group replies, the
// non-responders and the reminder at the deadline, the API with bearer tokens, templates and a
// scheduled send, a permanent failure in the report, and kill -9 in the middle of a broadcast to
// 1,000 groups.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "tests/support/http_client.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/patience.hpp"

using namespace gridbot::testing;
using nlohmann::json;

namespace {

const std::int64_t t0 = 1794967200;  // Wednesday 2026-11-18 10:00 in Beijing
// sha256("token-gaojian") and sha256("token-wangfang"): the file holds only the hashes.
const std::string gaojian_hash = "7df289142a1af81dc84889c3d2ded56119124188f847418e7db978e1ab538e22";
const std::string wangfang_hash = "e1b7462543654b89cac4899c9c6fb461337fc27f5f058a0165e3aa516f902232";

// The sample organization with two admins, a tag, and `extra` more groups in grid xfl-2; one group
// on a platform this service does not run, so its copy of a notice can only fail.
std::string write_organization(const TempDir& dir, int extra = 0, bool unreachable_group = false) {
  std::ifstream in(std::string(GRIDBOT_SOURCE_DIR) + "/organization/sample.json");
  json doc = json::parse(in);
  doc["admins"] = {{{"member", "gaojian"}, {"token_sha256", gaojian_hash}}, {{"member", "wangfang"}, {"token_sha256", wangfang_hash}}};
  doc["groups"][1]["tags"] = {"沿河"};
  for (int i = 0; i < extra; ++i)
    doc["groups"].push_back({{"id", "bulk-" + std::to_string(i)}, {"name", "楼栋群" + std::to_string(i)}, {"grid", "xfl-2"}, {"platform", "local"}});
  if (unreachable_group)
    doc["groups"].push_back({{"id", "dd-group"}, {"name", "杨柳村钉钉群"}, {"grid", "yl-1"}, {"platform", "dingtalk"}});
  const std::string path = dir.file("organization.json");
  std::ofstream(path) << doc.dump();
  return path;
}

json messages(std::uint16_t port, const std::string& path) { return http_get(port, path).json()["messages"]; }

bool contains(const json& m, const std::string& needle) {
  return m.is_object() && m["text"].get<std::string>().find(needle) != std::string::npos;
}

// The outbox sends shortly after a commit: wait for a message matching `pred`.
json wait_for(std::uint16_t port, const std::string& path, const std::function<bool(const json&)>& pred) {
  const auto deadline = std::chrono::steady_clock::now() + patience(std::chrono::seconds(10));
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& m : messages(port, path))
      if (pred(m)) return m;
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  return json();
}

std::string group(const std::string& id) { return "/local/api/groups/" + id + "/messages"; }
std::string user(const std::string& id) { return "/local/api/users/" + id + "/messages"; }

HttpResult say(std::uint16_t port, const std::string& path, const std::string& sender, const std::string& text,
               std::optional<std::int64_t> quote = std::nullopt) {
  static int n = 0;
  json body{{"sender", sender}, {"text", text}, {"client_msg_id", "n-" + std::to_string(++n)}};
  if (quote) body["quote"] = *quote;
  return http_post(port, path, body);
}

HttpResult api(std::uint16_t port, const std::string& method, const std::string& target, const std::string& token,
               const json& body = nullptr) {
  Headers headers;
  if (!token.empty()) headers.push_back({"Authorization", "Bearer " + token});
  return http_request(port, method, target, body.is_null() ? std::string() : body.dump(), headers);
}

void advance(std::uint16_t port, std::int64_t seconds) {
  REQUIRE(http_post(port, "/local/api/clock", {{"advance_seconds", seconds}}).status == 200);
}

void wait_until_sent(std::uint16_t port) {
  for (int i = 0; i < 500 && http_get(port, "/healthz").json()["outbox_pending"].get<int>() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

}  // namespace

TEST_CASE("a notice by direct message: confirmation, scoped delivery, acknowledgements, non-responders and reminder") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string(),
                         {"--test-clock=" + std::to_string(t0), "--organization", write_organization(dir)});
  const auto port = service.port();

  REQUIRE(say(port, user("wangfang"), "wangfang", "通知 幸福里第一网格 今晚燃气检修，请于2小时内回复收到").status == 202);
  json confirm = wait_for(port, user("wangfang"), [](const json& m) { return contains(m, "回复「确认」"); });
  REQUIRE(confirm.is_object());
  CHECK(contains(confirm, "1 个群"));
  CHECK(contains(confirm, "覆盖 5 人"));
  CHECK(messages(port, group("xfl-1-group")).empty());  // nothing before the confirmation

  say(port, user("wangfang"), "wangfang", "确认");
  json copy = wait_for(port, group("xfl-1-group"), [](const json& m) { return m["from_bot"].get<bool>(); });
  REQUIRE(copy.is_object());
  CHECK(contains(copy, "燃气检修"));
  CHECK(contains(copy, "收到请回复「收到」"));
  wait_until_sent(port);
  CHECK(messages(port, group("xfl-2-group")).empty());  // scoped: the other grid hears nothing
  CHECK(messages(port, group("yl-1-group")).empty());

  // Residents and staff alike; variants count, a denial and a repeat do not.
  say(port, group("xfl-1-group"), "zhangwei", "收到 3-2-501");
  say(port, group("xfl-1-group"), "liqiang", "好的收到");
  say(port, group("xfl-1-group"), "liuna", "我家没收到通知啊");
  say(port, group("xfl-1-group"), "zhangwei", "收到");
  say(port, user("wangfang"), "wangfang", "通知 1 进度");
  json report = wait_for(port, user("wangfang"), [](const json& m) { return contains(m, "通知 #1 进度"); });
  REQUIRE(report.is_object());
  CHECK(contains(report, "已送达 1，失败 0"));
  CHECK(contains(report, "幸福里第一网格：2/5（40%）"));

  // The deadline: wangfang hears who is missing, the group gets one reminder @-mentioning them.
  advance(port, 2 * 3600);
  json missing = wait_for(port, user("wangfang"), [](const json& m) { return contains(m, "未回复"); });
  REQUIRE(missing.is_object());
  CHECK(contains(missing, "3 人未回复"));
  CHECK(contains(missing, "刘娜"));
  CHECK_FALSE(contains(missing, "张伟"));
  json reminder = wait_for(port, group("xfl-1-group"), [](const json& m) { return contains(m, "【提醒】"); });
  REQUIRE(reminder.is_object());
  std::set<std::string> mentioned;
  for (const auto& u : reminder["mentions"]) mentioned.insert(u.get<std::string>());
  CHECK(mentioned == std::set<std::string>{"liuna", "zhaomin", "zhoulan"});

  // After the deadline 收到 is chat again, and nobody else hears a reminder.
  advance(port, 3600);
  wait_until_sent(port);
  int reminders = 0;
  for (const auto& m : messages(port, group("xfl-1-group"))) reminders += contains(m, "【提醒】");
  CHECK(reminders == 1);
}

TEST_CASE("the API: bearer tokens, jurisdiction, a template, a scheduled send, quoting to acknowledge, and the report") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string(),
                         {"--test-clock=" + std::to_string(t0), "--organization", write_organization(dir, 0, true)});
  const auto port = service.port();
  const json water{{"scope", {{"communities", {"xingfuli"}}}},
                   {"template", "water_outage"},
                   {"fields", {{"reason", "管道检修"}, {"area", "3号楼"}, {"start", "明天9:00"}, {"end", "17:00"}, {"contact", "物业 12345"}}},
                   {"require_ack", true},
                   {"send_at", t0 + 3600},
                   {"deadline", t0 + 4 * 3600}};

  CHECK(api(port, "POST", "/api/v1/notices", "", water).status == 401);
  CHECK(api(port, "POST", "/api/v1/notices", "token-nobody", water).status == 401);
  CHECK(api(port, "POST", "/api/v1/notices", "token-wangfang", water).status == 403);  // xfl-2 is not hers
  auto bad = api(port, "POST", "/api/v1/notices", "token-gaojian", {{"scope", {{"grids", {"xfl-9"}}}}, {"text", "x"}});
  CHECK(bad.status == 400);
  CHECK(bad.json()["error"] == "unknown grid 'xfl-9'");
  auto missing_field = api(port, "POST", "/api/v1/notices", "token-gaojian",
                           {{"scope", {{"all", true}}}, {"template", "meeting"}, {"fields", {{"time", "周五"}}}});
  CHECK(missing_field.status == 400);
  CHECK(missing_field.json()["error"].get<std::string>().find("'place'") != std::string::npos);

  auto sent = api(port, "POST", "/api/v1/notices", "token-gaojian", water);
  REQUIRE(sent.status == 201);
  CHECK(sent.json()["status"] == "scheduled");
  CHECK(sent.json()["groups"] == 2);
  const auto id = sent.json()["id"].get<std::int64_t>();

  wait_until_sent(port);
  CHECK(messages(port, group("xfl-1-group")).empty());  // scheduled: not yet
  advance(port, 3600);
  json copy = wait_for(port, group("xfl-2-group"), [](const json& m) { return contains(m, "停水通知"); });
  REQUIRE(copy.is_object());
  CHECK(contains(copy, "因管道检修，3号楼将于明天9:00至17:00停水"));
  CHECK(contains(copy, "物业 12345"));  // staff's numbers stand as written

  // Quoting the notice acknowledges it; a "1" on its own too.
  say(port, group("xfl-2-group"), "wujun", "好的", copy["message_id"].get<std::int64_t>());
  say(port, group("xfl-2-group"), "zhenghong", "1");
  auto progress = api(port, "GET", "/api/v1/notices/" + std::to_string(id), "token-gaojian");
  REQUIRE(progress.status == 200);
  json p = progress.json();
  CHECK(p["groups"]["targeted"] == 2);
  CHECK(p["groups"]["delivered"] == 2);
  CHECK(p["acknowledged"] == 2);
  bool found = false;
  for (const auto& g : p["grids"])
    if (g["grid"] == "xfl-2") {
      found = true;
      CHECK(g["acknowledged"] == 2);
      CHECK(g["people"] == 5);
    }
  CHECK(found);
  CHECK(api(port, "GET", "/api/v1/notices/" + std::to_string(id), "").status == 401);
  CHECK(api(port, "GET", "/api/v1/notices/" + std::to_string(id), "token-wangfang").status == 403);
  CHECK(api(port, "GET", "/api/v1/notices/999", "token-gaojian").status == 404);

  // A group on a platform this service does not run: a permanent failure, reported with its reason.
  auto everywhere = api(port, "POST", "/api/v1/notices", "token-gaojian", {{"scope", {{"all", true}}}, {"text", "今晚有暴雨，请注意安全"}});
  REQUIRE(everywhere.status == 201);
  CHECK(everywhere.json()["groups"] == 5);
  wait_until_sent(port);
  json failed = api(port, "GET", "/api/v1/notices/" + everywhere.json()["id"].dump(), "token-gaojian").json();
  CHECK(failed["groups"]["delivered"] == 4);
  CHECK(failed["groups"]["failed"] == 1);
  REQUIRE(failed["failures"].size() == 1);
  CHECK(failed["failures"][0]["group"] == "dd-group");
  // A sentence for staff, not the sender's English ("platform 'dingtalk' is not enabled", in the log).
  CHECK(failed["failures"][0]["reason"] == "未能发出，请联系管理员查看日志。");
  CHECK(failed["failures"][0]["errcode"] == 0);
}

TEST_CASE("kill -9 in the middle of a broadcast to 1,000 groups: after a restart every group has it, none twice") {
  TempDir dir;
  const std::string organization = write_organization(dir, 1000);
  const std::string db_path = dir.file("gridbot.db");
  const std::string text = "防汛预警：今晚有大暴雨，请勿外出";
  auto copies_per_chat = [&] {
    SQLite::Database db(db_path, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT chat_id, COUNT(*) FROM local_messages WHERE outbox_id IS NOT NULL AND text LIKE ? GROUP BY chat_id");
    q.bind(1, "%" + text + "%");
    std::map<std::string, int> out;
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt();
    return out;
  };
  std::size_t before_restart = 0;
  {
    ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=" + std::to_string(t0), "--organization", organization});
    auto sent = api(service.port(), "POST", "/api/v1/notices", "token-gaojian", {{"scope", {{"all", true}}}, {"text", text}});
    REQUIRE(sent.status == 201);
    REQUIRE(sent.json()["groups"] == 1004);
    // Kill once some copies are out and most are not (or at once, on a machine too fast to catch).
    for (int i = 0; i < 400 && copies_per_chat().size() < 50; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    service.kill_hard();
    before_restart = copies_per_chat().size();
  }
  MESSAGE("groups that had the notice at the kill: " << before_restart << " of 1004");
  ServiceProcess restarted(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=" + std::to_string(t0), "--organization", organization});
  wait_until_sent(restarted.port());
  const auto copies = copies_per_chat();
  CHECK(copies.size() == 1004);
  int twice = 0;
  for (const auto& [chat, n] : copies) twice += n > 1;
  CHECK(twice == 0);  // the local platform keys bot messages by outbox id: a resend is not a second post
}
