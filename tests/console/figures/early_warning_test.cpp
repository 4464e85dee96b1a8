// 监测预警 through intake: a burst of reports of one category in one grid — a new ticket and its
// neighbours' "+1"s — raises one alert, stored and sent to the community head; the 6th and 7th
// report grow it without a second message; other categories and other grids do not count; after
// a quiet window a new burst raises a new alert. And the policy's errors name file and key.
#include <doctest/doctest.h>

#include "bot/config.hpp"
#include "bot/console/figures_api.hpp"
#include "storage/database.hpp"
#include "storage/store.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/await.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {

struct Watch {
  World world;
  SQLite::Database db = storage::open_database(":memory:");
  storage::Store store{db};
  int next_resident = 1;

  Watch() { world.policy.early_warning = {5, std::chrono::minutes(60)}; }

  // A new resident writes `text` in `chat`; the store is the early warning's reader.
  Actions say(const std::string& chat, const std::string& text) {
    const std::string sender = "r" + std::to_string(next_resident++);
    Inbound in{"local", "m" + std::to_string(world.next_message++), chat, sender, text, std::nullopt, world.now};
    MessageReceived event{in, world.org.group_by_chat("local", chat), world.org.person_by_account("local", sender)};
    Context ctx{world.now, world.org, world.tickets, world.policy, templates::Catalog::builtin(), &world.notices, &store.alerts};
    Actions out = handle(event, ctx);
    world.tickets.apply(out);
    store.apply(out, world.now);
    world.now += std::chrono::minutes(1);
    return out;
  }
  std::vector<Alert> alerts() const { return store.alerts.recent(std::nullopt, 100); }
};

std::vector<std::string> alerts_to(const Actions& out, const std::string& user) {
  std::vector<std::string> texts;
  for (const auto& m : to_user_(out, user))
    if (has(m.text, "监测预警")) texts.push_back(m.text);
  return texts;
}

}  // namespace

TEST_CASE("the fifth report within the window raises one alert to the community head; the sixth and seventh do not") {
  Watch w;
  for (int i = 0; i < 4; ++i) CHECK(alerts_to(w.say("xfl-1-group", "3号楼下水道堵了"), "zhoulan").empty());
  CHECK(w.alerts().empty());
  const Actions fifth = w.say("xfl-1-group", "3号楼下水道堵了，污水冒出来了");
  const auto told = alerts_to(fifth, "zhoulan");
  REQUIRE(told.size() == 1);
  CHECK(has(told[0], "幸福里第一网格3号楼"));
  CHECK(has(told[0], "60分钟"));
  CHECK(has(told[0], "5起"));
  CHECK(has(told[0], "排水堵塞"));
  CHECK(alerts_to(fifth, "maimaiti").empty());  // 杨柳村's head is not told about 幸福里
  REQUIRE(w.alerts().size() == 1);
  CHECK(w.alerts()[0].count == 5);
  CHECK(w.alerts()[0].building == "3");
  CHECK(w.alerts()[0].tickets.size() == 1);  // one ticket and four "+1"s on it: duplicates count as reports

  CHECK(alerts_to(w.say("xfl-1-group", "3号楼下水道又堵了"), "zhoulan").empty());
  CHECK(alerts_to(w.say("xfl-1-group", "2号楼下水道也堵了"), "zhoulan").empty());
  REQUIRE(w.alerts().size() == 1);
  CHECK(w.alerts()[0].count == 7);
  CHECK(w.alerts()[0].building.empty());  // the burst spread to building 2: the grid is the place now
  CHECK(w.alerts()[0].tickets.size() == 2);
}

TEST_CASE("other categories and other grids are other bursts") {
  Watch w;
  for (int i = 0; i < 3; ++i) w.say("xfl-1-group", "3号楼下水道堵了");
  w.say("xfl-2-group", "6号楼下水道堵了");
  w.say("xfl-2-group", "7号楼下水道堵了");
  w.say("xfl-1-group", "楼上装修噪音太大了，晚上还在吵");
  w.say("xfl-1-group", "4号楼晚上广场舞噪音太吵了");
  CHECK(w.alerts().empty());
  // Four drainage reports in 幸福里第一网格: one short (merged with the noise or the other grid it
  // would be six).
  CHECK(alerts_to(w.say("xfl-1-group", "1号楼下水道堵了"), "zhoulan").empty());
  CHECK(w.alerts().empty());
  CHECK(alerts_to(w.say("xfl-1-group", "2号楼下水道堵了"), "zhoulan").size() == 1);
  REQUIRE(w.alerts().size() == 1);
  CHECK(w.alerts()[0].count == 5);
  CHECK(w.alerts()[0].building.empty());  // three buildings: the grid is the place
}

TEST_CASE("after the window passes quietly, a new burst raises a new alert") {
  Watch w;
  for (int i = 0; i < 5; ++i) w.say("xfl-1-group", "3号楼下水道堵了");
  REQUIRE(w.alerts().size() == 1);
  w.world.now += std::chrono::minutes(61);
  for (int i = 0; i < 4; ++i) CHECK(alerts_to(w.say("xfl-1-group", "3号楼下水道堵了"), "zhoulan").empty());
  CHECK(w.alerts().size() == 1);
  CHECK(alerts_to(w.say("xfl-1-group", "3号楼下水道堵了"), "zhoulan").size() == 1);
  REQUIRE(w.alerts().size() == 2);
  CHECK(w.alerts()[0].count == 5);  // newest first
  CHECK(w.alerts()[1].count == 5);
}

TEST_CASE("without early_warning in the policy nothing is watched") {
  Watch w;
  w.world.policy.early_warning = {};
  for (int i = 0; i < 8; ++i) CHECK(alerts_to(w.say("xfl-1-group", "3号楼下水道堵了"), "zhoulan").empty());
  CHECK(w.alerts().empty());
  CHECK(w.db.execAndGet("SELECT COUNT(*) FROM grid_reports").getInt() == 0);
}

TEST_CASE("GET /api/v1/alerts: newest first, in the viewer's scope") {
  Watch w;
  for (int i = 0; i < 5; ++i) w.say("xfl-1-group", "3号楼下水道堵了");
  ManualClock clock(w.world.now);
  std::optional<console::Viewer> viewer = console::Viewer{.user = "c", .role = console::ConsoleRole::community, .community = "yangliu"};
  http::Router router;
  OrganizationSnapshots orgs{testing::borrowed(w.world.org)};
  Readers readers(w.store);
  readers.start();
  console::FiguresApi{readers, orgs, templates::Catalog::builtin(), clock, WorkingCalendar::standard("Asia/Shanghai"),
                      [&](const http::Request&) { return viewer; }}
      .add_routes(router);
  const auto get = [&] { return nlohmann::json::parse(await(router.dispatch(http::Request{http::Verb::get, "/api/v1/alerts", 11})).body()); };
  CHECK(get()["alerts"].empty());  // 杨柳村 does not see 幸福里's alert
  viewer->community = "xingfuli";
  const auto alerts = get()["alerts"];
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0]["category"] == "drainage");
  CHECK(alerts[0]["category_name"] == "排水堵塞");
  CHECK(alerts[0]["grid"] == "xfl-1");
  CHECK(alerts[0]["building"] == "3");
  CHECK(alerts[0]["count"] == 5);
  CHECK(alerts[0]["window"] == 3600);
  CHECK(alerts[0]["tickets"].size() == 1);
}

TEST_CASE("early_warning errors name the file and the key") {
  const auto error_of = [](const std::string& rule) {
    const OrganizationFile sample = sample_organization_file();
    auto doc = nlohmann::json::parse(sample.text);
    doc["policy"]["early_warning"] = nlohmann::json::parse(rule);
    const Organization org = parse_organization(sample.text, sample.source);
    try {
      parse_policy(doc.dump(), "org.json", ".", org);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of(R"({"count": 1, "window_minutes": 60})") == "org.json: policy.early_warning.count: must be a whole number from 2 to 1000");
  CHECK(error_of(R"({"count": 5})") == "org.json: policy.early_warning.window_minutes: is required");
  CHECK(error_of(R"({"count": 5, "window_minutes": 0})") == "org.json: policy.early_warning.window_minutes: must be a positive whole number");
  CHECK(error_of(R"({"count": 5, "window_minutes": 60, "span": 1})") == "org.json: policy.early_warning.span: unknown key");
  CHECK(error_of(R"(5)") == "org.json: policy.early_warning: must be an object");
  CHECK(error_of(R"({"count": 5, "window_minutes": 60})") == "no error");
}
