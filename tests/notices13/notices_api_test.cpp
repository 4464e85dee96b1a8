// The notices API in-process, with the console's Viewer: the viewer's member sends (a supervisor
// or a user without a member may not), the list holds the viewer's scope newest first and pages,
// and the report names each grid's non-responders (ids and names only).
#include <doctest/doctest.h>

#include "bot/notices_api.hpp"
#include "handlers/notices/notice_templates.hpp"
#include "bot/outbox/record.hpp"
#include "storage/database.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/await.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using console::ConsoleRole;
using console::Viewer;
using nlohmann::json;

namespace {

struct ApiRig {
  TempDir dir;
  std::string path = dir.file("gridbot.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store{db};
  SQLite::Database reader_db = storage::open_reader(path);
  storage::Store reader{reader_db};
  Writer writer{store};
  Readers readers{[this] { return storage::open_reader(path); }};
  World world;
  OrganizationSnapshots orgs{testing::borrowed(world.org)};
  ManualClock clock{wednesday_10am};
  std::optional<Viewer> viewer;  // who asks; nothing: 401
  http::Router router;

  ApiRig() {
    writer.start();
    readers.start();
    NoticesApi{writer, readers, orgs, world.policy, templates::Catalog::builtin(), clock,
               [this](const http::Request&) { return viewer; }, nullptr}
        .add_routes(router);
  }
  ~ApiRig() { writer.stop(); }

  http::Response call(http::Verb verb, const std::string& target, const json& body = nullptr) {
    http::Request request{verb, target, 11};
    if (!body.is_null()) request.body() = body.dump();
    request.prepare_payload();
    return await(router.dispatch(request));
  }
  static json body(const http::Response& r) { return json::parse(r.body()); }
  // The outbox sends every queued row: each copy delivered.
  void deliver_all() {
    await(writer.run([&](storage::Store& s) {
      for (const auto& row : s.outbox.due(clock.now(), 1000))
        outbox::record(s, clock.now(), row, platforms::SendResult::ok("m" + std::to_string(row.id)));
    }));
  }
  std::int64_t send(const json& notice) {
    auto r = call(http::Verb::post, "/api/v1/notices", notice);
    REQUIRE(r.result() == http::Status::created);
    return body(r)["id"].get<std::int64_t>();
  }
};

Viewer member_viewer(const std::string& member, ConsoleRole role, std::string street = {}, std::string community = {}) {
  return Viewer{.user = "u-" + member, .name = member, .role = role, .street = street, .community = community, .member = member};
}

const json water{{"scope", {{"grids", {"xfl-1"}}}}, {"text", "明天停水"}, {"require_ack", true}};

}  // namespace

TEST_CASE("who sends: the viewer's member; a supervisor or a user without a member gets 403 with the reason") {
  ApiRig r;
  CHECK(r.call(http::Verb::post, "/api/v1/notices", water).result() == http::Status::unauthorized);
  CHECK(r.call(http::Verb::get, "/api/v1/notices").result() == http::Status::unauthorized);

  r.viewer = Viewer{.user = "admin", .name = "管理员", .role = ConsoleRole::admin};
  auto no_member = r.call(http::Verb::post, "/api/v1/notices", water);
  CHECK(no_member.result() == http::Status::forbidden);
  CHECK(ApiRig::body(no_member)["error"].get<std::string>().find("not linked to a member") != std::string::npos);

  r.viewer = member_viewer("gaojian", ConsoleRole::supervisor, "heping");
  auto supervisor = r.call(http::Verb::post, "/api/v1/notices", water);
  CHECK(supervisor.result() == http::Status::forbidden);
  CHECK(ApiRig::body(supervisor)["error"].get<std::string>().find("supervisor") != std::string::npos);

  // The member's own jurisdiction still decides: chenjing (xfl-2) may not send to xfl-1.
  r.viewer = member_viewer("chenjing", ConsoleRole::community, "", "xingfuli");
  CHECK(r.call(http::Verb::post, "/api/v1/notices", water).result() == http::Status::forbidden);
  r.viewer = member_viewer("wangfang", ConsoleRole::community, "", "xingfuli");
  const auto id = r.send(water);
  CHECK(r.reader.notices.find_notice(id)->sender == "wangfang");
}

TEST_CASE("GET /api/v1/notices: the viewer's scope, newest first, with progress, paged") {
  ApiRig r;
  r.viewer = member_viewer("gaojian", ConsoleRole::street, "heping");
  const auto everywhere = r.send({{"scope", {{"all", true}}}, {"text", "今晚有暴雨"}});
  const auto yangliu = r.send({{"scope", {{"communities", {"yangliu"}}}}, {"text", "村委会开会"}, {"require_ack", true}});
  r.viewer = member_viewer("wangfang", ConsoleRole::community, "", "xingfuli");
  const auto own = r.send(water);
  r.deliver_all();

  r.viewer = member_viewer("gaojian", ConsoleRole::street, "heping");
  auto all = ApiRig::body(r.call(http::Verb::get, "/api/v1/notices"));
  CHECK(all["total"] == 3);
  REQUIRE(all["notices"].size() == 3);
  CHECK(all["notices"][0]["id"] == own);  // newest first
  CHECK(all["notices"][1]["id"] == yangliu);
  CHECK(all["notices"][2]["id"] == everywhere);
  const json& first = all["notices"][0];
  CHECK(first["sender"] == "wangfang");
  CHECK(first["sender_name"] == "王芳");
  CHECK(first["groups"] == json{{"targeted", 1}, {"delivered", 1}, {"failed", 0}, {"pending", 0}});
  CHECK(first["acknowledged"] == 0);
  CHECK(first["rate"] == 0.0);

  auto page = ApiRig::body(r.call(http::Verb::get, "/api/v1/notices?limit=1&offset=1"));
  CHECK(page["total"] == 3);
  REQUIRE(page["notices"].size() == 1);
  CHECK(page["notices"][0]["id"] == yangliu);
  CHECK(r.call(http::Verb::get, "/api/v1/notices?limit=0").result() == http::Status::bad_request);
  auto bad = r.call(http::Verb::get, "/api/v1/notices?offset=x");
  CHECK(bad.result() == http::Status::bad_request);
  CHECK(ApiRig::body(bad)["error"].get<std::string>().find("'offset'") != std::string::npos);

  // wangfang reads her own and nothing whose groups her jurisdiction does not hold.
  r.viewer = member_viewer("wangfang", ConsoleRole::community, "", "xingfuli");
  auto hers = ApiRig::body(r.call(http::Verb::get, "/api/v1/notices"));
  REQUIRE(hers["total"] == 1);
  CHECK(hers["notices"][0]["id"] == own);
  // A console user of the community, without a member: its scope is the community's groups.
  r.viewer = Viewer{.user = "xfl-desk", .name = "幸福里", .role = ConsoleRole::community, .community = "xingfuli"};
  auto desk = ApiRig::body(r.call(http::Verb::get, "/api/v1/notices"));
  REQUIRE(desk["total"] == 1);
  CHECK(desk["notices"][0]["id"] == own);
  r.viewer = Viewer{.user = "yl-desk", .name = "杨柳村", .role = ConsoleRole::community, .community = "yangliu"};
  auto village = ApiRig::body(r.call(http::Verb::get, "/api/v1/notices"));
  REQUIRE(village["total"] == 1);
  CHECK(village["notices"][0]["id"] == yangliu);
  CHECK(r.call(http::Verb::get, "/api/v1/notices/" + std::to_string(own)).result() == http::Status::forbidden);
}

TEST_CASE("the report: per grid, each group's non-responders by id and name, and the rate") {
  ApiRig r;
  r.viewer = member_viewer("wangfang", ConsoleRole::community, "", "xingfuli");
  const auto id = r.send(water);
  r.deliver_all();
  await(r.writer.run([&](storage::Store& s) {
    s.apply({RecordAck{id, "xfl-1-group", "zhangwei", "a1", r.clock.now()}, RecordAck{id, "xfl-1-group", "liqiang", "a2", r.clock.now()}},
            r.clock.now());
  }));
  auto report = ApiRig::body(r.call(http::Verb::get, "/api/v1/notices/" + std::to_string(id)));
  CHECK(report["acknowledged"] == 2);
  REQUIRE(report["grids"].size() == 1);
  const json& grid = report["grids"][0];
  CHECK(grid["grid"] == "xfl-1");
  CHECK(grid["people"] == 5);
  CHECK(grid["rate"] == doctest::Approx(0.4));
  REQUIRE(grid["non_responders"].size() == 1);
  const json& group = grid["non_responders"][0];
  CHECK(group["group"] == "xfl-1-group");
  CHECK(group["group_name"] == "幸福里第一网格居民群");
  std::map<std::string, std::string> people;
  for (const auto& p : group["people"]) {
    CHECK(p.size() == 3);  // id, name, kind: nothing else about a person leaves the service
    people[p["id"].get<std::string>()] = p["name"].get<std::string>() + "/" + p["kind"].get<std::string>();
  }
  CHECK(people == std::map<std::string, std::string>{{"liuna", "刘娜/resident"}, {"zhaomin", "赵敏/member"}, {"zhoulan", "周兰/member"}});
  CHECK(report["rate"] == doctest::Approx(0.4));
  CHECK(report["failures"].empty());
}

TEST_CASE("a grid member's bearer token stands for a viewer of the grid's community, acting as that member") {
  auto file = sample_organization_file();
  auto doc = json::parse(file.text);
  // sha256("token-wangfang"): the file holds only the hash.
  doc["admins"] = {{{"member", "wangfang"}, {"token_sha256", "e1b7462543654b89cac4899c9c6fb461337fc27f5f058a0165e3aa516f902232"}}};
  const Organization org = parse_organization(doc.dump(), file.source);
  http::Request request{http::Verb::get, "/api/v1/notices", 11};
  request.set(http::beast_http::field::authorization, "Bearer token-wangfang");
  auto viewer = console::bearer_viewer(request, org);
  REQUIRE(viewer);
  CHECK(viewer->member == "wangfang");
  CHECK(viewer->role == ConsoleRole::community);
  CHECK(viewer->community == "xingfuli");  // the file names only her grid
  request.set(http::beast_http::field::authorization, "Bearer token-nobody");
  CHECK_FALSE(console::bearer_viewer(request, org));
}

TEST_CASE("GET /api/v1/notice-templates: each template's name, fields with labels and languages, from the catalog") {
  ApiRig rig;
  CHECK(rig.call(http::Verb::get, "/api/v1/notice-templates").result() == http::Status::unauthorized);
  rig.viewer = member_viewer("zhoulan", ConsoleRole::community, "heping", "xingfuli");
  auto r = rig.call(http::Verb::get, "/api/v1/notice-templates");
  REQUIRE(r.result() == http::Status::ok);
  const json list = ApiRig::body(r);
  REQUIRE(list.size() == notice_templates().size());
  const auto& catalog = templates::Catalog::builtin();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& t = notice_templates()[i];
    const json& got = list[i];
    CHECK(got["id"] == t.id);
    CHECK(got["name"] == catalog.render("notice_template." + std::string(t.id) + ".name"));
    REQUIRE(got["fields"].size() == t.fields.size());
    for (std::size_t f = 0; f < t.fields.size(); ++f) {
      CHECK(got["fields"][f]["id"] == t.fields[f]);
      // A Chinese label, not the id: the catalog has one for every field a template asks for.
      CHECK(got["fields"][f]["label"] != t.fields[f]);
    }
    CHECK(got["languages"] == json{"zh-CN", "ug", "kk"});
  }
  CHECK(list[0]["name"] == "停水通知");
  CHECK(list[0]["fields"][0] == json{{"id", "reason"}, {"label", "原因"}});

  // What it lists is what sending takes: a notice from the first template with every listed field.
  json fields = json::object();
  for (const auto& f : list[0]["fields"]) fields[f["id"].get<std::string>()] = "测试";
  rig.viewer = member_viewer("wangfang", ConsoleRole::community, "heping", "xingfuli");
  rig.send({{"scope", {{"grids", {"xfl-1"}}}}, {"template", list[0]["id"]}, {"fields", fields}});
}
