// Console edits take effect without a restart, are checked by the organization loader, keep every
// key of the file the console does not edit, and stay inside the viewer's scope.
#include <doctest/doctest.h>

#include "bot/console/console_users.hpp"
#include "bot/console/organization_file.hpp"
#include "tests/console/org/org_rig.hpp"

using namespace gridbot;
using http::Status;
using http::Verb;

namespace {

const char* new_manager = R"({"name": "周新", "roles": ["manager"], "grid": "xfl-1", "accounts": {"local": "zhouxin"}})";

}  // namespace

TEST_CASE("a message after an edit routes to the new member, without a restart") {
  testing::OrgRig r;
  const auto before = r.orgs.current();
  CHECK(r.owner_of(r.report("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了", "m1")) == "wangfang");

  REQUIRE(r.send(Verb::put, "/api/v1/organization/members/zhouxin", new_manager).result() == Status::ok);
  REQUIRE(r.send(Verb::delete_, "/api/v1/organization/members/wangfang").result() == Status::ok);
  CHECK(r.orgs.current() != before);
  CHECK(r.orgs.current()->member("zhouxin"));
  CHECK_FALSE(r.orgs.current()->member("wangfang"));
  // The old snapshot is untouched: work that took it finishes on it.
  CHECK(before->member("wangfang"));

  CHECK(r.owner_of(r.report("xfl-1-group", "liuna", "2号楼路灯坏了", "m2")) == "zhouxin");
  // The organization tables follow the swap.
  CHECK(r.reader_db.execAndGet("SELECT COUNT(*) FROM members WHERE id = 'zhouxin'").getInt() == 1);
  CHECK(r.reader_db.execAndGet("SELECT COUNT(*) FROM members WHERE id = 'wangfang'").getInt() == 0);
}

TEST_CASE("the rewritten file keeps every key the console does not edit") {
  auto doc = nlohmann::ordered_json::parse(sample_organization_file().text);
  // pbkdf2-sha256 of "幸福里2026" at 1000 iterations (tests/console/auth/password_test.cpp).
  doc["console_users"] = nlohmann::json::array(
      {{{"id", "desk"}, {"name", "值班台"}, {"role", "admin"},
        {"password_hash", "pbkdf2-sha256$1000$c2FsdFNBTFRzYWx0U0FMVA==$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4="}}});
  doc["platform_preference"] = {"local"};
  doc["x_note"] = "kept";
  doc["members"][0]["phone"] = "13800000000";  // wangfang's own extra key
  testing::OrgRig r(doc.dump(2));

  const char* body = R"({"name": "王芳", "roles": ["manager", "grid_head"], "grid": "xfl-1", "accounts": {"local": "wangfang"}})";
  REQUIRE(r.send(Verb::put, "/api/v1/organization/members/wangfang", body).result() == Status::ok);
  const auto file = r.file();
  CHECK(file["console_users"][0]["id"] == "desk");
  CHECK(file["x_note"] == "kept");
  CHECK(file["platform_preference"] == nlohmann::json{"local"});
  CHECK(file["policy"]["routes"]["dispute"]["role"] == "grid_head");
  CHECK(file["members"][0]["id"] == "wangfang");
  CHECK(file["members"][0]["phone"] == "13800000000");
  CHECK(file["members"][0]["roles"] == nlohmann::json{"manager", "grid_head"});
  // The file as written is one start-up accepts.
  CHECK_NOTHROW(load_organization_file(r.org_path));
  // No temporary file left behind.
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(r.dir.path())) entries += e.path().filename().string().starts_with(".");
  CHECK(entries == 0);
}

TEST_CASE("an edit the loader would refuse is a 400 naming the field, and changes nothing") {
  testing::OrgRig r;
  const auto before = r.orgs.current();
  const std::string file_before = testing::read_text(r.org_path);

  auto unknown_grid = r.send(Verb::put, "/api/v1/organization/members/zhouxin",
                             R"({"name": "周新", "roles": ["manager"], "grid": "xfl-9"})");
  CHECK(unknown_grid.result() == Status::bad_request);
  CHECK(nlohmann::json::parse(unknown_grid.body())["error"] == "grid: unknown grid 'xfl-9'");
  auto bad_role = r.send(Verb::put, "/api/v1/organization/members/zhouxin", R"({"name": "周新", "roles": ["boss"], "grid": "xfl-1"})");
  CHECK(bad_role.result() == Status::bad_request);
  CHECK(nlohmann::json::parse(bad_role.body())["error"].get<std::string>().starts_with("roles: unknown role 'boss'"));
  auto unknown_field = r.send(Verb::put, "/api/v1/organization/members/zhouxin", R"({"name": "周新", "salary": 1})");
  CHECK(nlohmann::json::parse(unknown_field.body())["error"] == "salary: is not a field the console edits");
  CHECK(r.send(Verb::put, "/api/v1/organization/members/zhouxin", "not json").result() == Status::bad_request);
  CHECK(r.send(Verb::put, "/api/v1/organization/members/zhouxin", R"({"id": "other", "name": "x"})").result() ==
        Status::bad_request);
  CHECK(r.send(Verb::delete_, "/api/v1/organization/members/nobody").result() == Status::not_found);
  // A group on a chat another group already uses.
  auto clash = r.send(Verb::put, "/api/v1/organization/groups/g2",
                      R"({"name": "重复", "grid": "xfl-1", "platform": "local", "chat_id": "xfl-1-group"})");
  CHECK(clash.result() == Status::bad_request);
  CHECK(nlohmann::json::parse(clash.body())["error"].get<std::string>().starts_with("chat_id: "));

  CHECK(r.orgs.current() == before);
  CHECK(testing::read_text(r.org_path) == file_before);
}

TEST_CASE("groups and grids: created, renamed and moved; a new group is reachable at once") {
  testing::OrgRig r;
  REQUIRE(r.send(Verb::put, "/api/v1/organization/grids/xfl-3",
                 R"({"name": "幸福里第三网格", "community": "xingfuli", "buildings": ["9", "10"]})").result() == Status::ok);
  REQUIRE(r.send(Verb::put, "/api/v1/organization/groups/xfl-3-group",
                 R"({"name": "幸福里第三网格居民群", "grid": "xfl-3", "platform": "local"})").result() == Status::ok);
  auto org = r.orgs.current();
  REQUIRE(org->grid("xfl-3"));
  CHECK(org->grid("xfl-3")->community == "xingfuli");
  CHECK(org->grid("xfl-3")->buildings == std::vector<std::string>{"9", "10"});
  REQUIRE(org->group_by_chat("local", "xfl-3-group"));
  // Renamed, then moved to the other community: the file's hierarchy moves it.
  REQUIRE(r.send(Verb::put, "/api/v1/organization/grids/xfl-3", R"({"name": "三网格", "community": "yangliu"})").result() ==
          Status::ok);
  org = r.orgs.current();
  CHECK(org->grid("xfl-3")->name == "三网格");
  CHECK(org->grid("xfl-3")->community == "yangliu");
  CHECK(org->group("xfl-3-group")->community == "yangliu");
  CHECK(r.send(Verb::put, "/api/v1/organization/grids/x", R"({"name": "无", "community": "nowhere"})").result() ==
        Status::bad_request);
}

TEST_CASE("scope: 401 without a viewer, 403 outside the viewer's community, supervisors only read") {
  testing::OrgRig r;
  r.viewer = std::nullopt;
  CHECK(r.send(Verb::get, "/api/v1/organization").result() == Status::unauthorized);
  CHECK(r.send(Verb::put, "/api/v1/organization/members/zhouxin", new_manager).result() == Status::unauthorized);

  r.viewer = testing::community_viewer("yangliu");
  auto other = r.send(Verb::put, "/api/v1/organization/members/wangfang",
                      R"({"name": "王芳", "roles": ["manager"], "grid": "yl-1"})");
  CHECK(other.result() == Status::forbidden);  // wangfang is xingfuli's
  CHECK(r.send(Verb::delete_, "/api/v1/organization/members/wangfang").result() == Status::forbidden);
  CHECK(r.send(Verb::put, "/api/v1/organization/members/zhouxin", new_manager).result() == Status::forbidden);  // into xfl-1
  CHECK(r.orgs.current()->member("wangfang")->grid == "xfl-1");
  CHECK(r.send(Verb::put, "/api/v1/organization/members/yl-new",
               R"({"name": "杨新", "roles": ["manager"], "grid": "yl-1"})").result() == Status::ok);

  auto view = r.send_json(Verb::get, "/api/v1/organization");
  for (const auto& m : view["members"]) CHECK(m["id"] != "wangfang");
  for (const auto& g : view["grids"]) CHECK(g["community"] == "yangliu");
  bool liaison = false;
  for (const auto& m : view["members"]) liaison = liaison || m["id"] == "liuyang";
  CHECK(liaison);  // departments serve every grid

  r.viewer = console::Viewer{.user = "sup", .role = console::ConsoleRole::supervisor};
  CHECK(r.send(Verb::get, "/api/v1/organization").result() == Status::ok);
  CHECK(r.send(Verb::put, "/api/v1/organization/members/yl-new", R"({"name": "杨新", "roles": ["manager"], "grid": "yl-1"})")
            .result() == Status::forbidden);
}

TEST_CASE("on the built-in sample, edits land in data_dir and the next start loads them") {
  testing::TempDir data;
  auto first = console::organization_source("", data.path().string());
  CHECK(first.file.source == "organization/sample.json");
  CHECK(first.edits_path == data.file("organization.json"));
  CHECK_FALSE(std::filesystem::exists(first.edits_path));

  auto doc = nlohmann::json::parse(first.file.text);
  doc["name"] = "已编辑";
  console::replace_file_atomically(first.edits_path, doc.dump());
  auto next = console::organization_source("", data.path().string());
  CHECK(next.file.source == data.file("organization.json"));
  CHECK(parse_organization(next.file.text, next.file.source).name == "已编辑");
  // An organization named in the config wins, and is where its edits go.
  auto named = console::organization_source(data.file("organization.json"), "/nonexistent");
  CHECK(named.edits_path == data.file("organization.json"));
}

TEST_CASE("the file is replaced by a rename: a reader of the old file sees all of it, the path all of the new") {
  testing::TempDir dir;
  const std::string path = dir.file("org.json");
  const std::string old_text(100'000, 'a'), new_text(100'000, 'b');
  console::replace_file_atomically(path, old_text);
  std::ifstream held(path, std::ios::binary);  // opened before the replace, like a crash's survivor
  console::replace_file_atomically(path, new_text);
  std::stringstream s;
  s << held.rdbuf();
  CHECK(s.str() == old_text);
  CHECK(testing::read_text(path) == new_text);
  CHECK_THROWS_AS(console::replace_file_atomically(dir.file("org.json/inside"), "x"), std::runtime_error);
  CHECK(testing::read_text(path) == new_text);
}

TEST_CASE("a file that cannot be written fails the edit whole: 500, no swap, no reassignment, tables unchanged") {
  testing::OrgRig r;
  const auto ticket = r.report("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了", "m1");
  const auto before = r.orgs.current();
  // The rename over the file fails: a non-empty folder stands where the file was.
  std::filesystem::remove(r.org_path);
  std::filesystem::create_directories(r.org_path + "/in-the-way");
  auto answer = r.send(Verb::delete_, "/api/v1/organization/members/wangfang");
  CHECK(answer.result() == Status::internal_server_error);
  CHECK(nlohmann::json::parse(answer.body())["error"] == "the organization could not be saved; nothing changed");
  CHECK(r.orgs.current() == before);
  CHECK(r.owner_of(ticket) == "wangfang");
  CHECK(r.reader_db.execAndGet("SELECT COUNT(*) FROM members WHERE id = 'wangfang'").getInt() == 1);
  // Once the file can be written again, the next edit starts from the organization in service.
  std::filesystem::remove_all(r.org_path);
  REQUIRE(r.send(Verb::put, "/api/v1/organization/members/zhouxin", new_manager).result() == Status::ok);
  CHECK(r.orgs.current()->member("wangfang"));
  CHECK(r.file()["members"].size() == before->members.size() + 1);
}

TEST_CASE("a member removed takes the console users who act as them along; the sign-in hears of each swap") {
  testing::OrgRig r;  // the sample: console users admin (高建), zhoulan (周兰), sunhao (孙浩)
  REQUIRE(r.send(Verb::delete_, "/api/v1/organization/members/zhoulan").result() == Status::ok);
  const auto file = r.file();  // kept: a range over r.file()[...] would outlive the temporary
  std::vector<std::string> left;
  for (const auto& u : file["console_users"]) left.push_back(u["id"].get<std::string>());
  CHECK(left == std::vector<std::string>{"admin", "sunhao"});
  // What sign-in is handed is the file as written, and start-up reads its users without a word.
  REQUIRE(r.published.size() == 1);
  const OrganizationFile published{r.published.back(), "organization.json", "."};
  const auto users = console::parse_console_users(published, *r.orgs.current());
  CHECK(users.size() == 2);
  CHECK_NOTHROW(console::parse_console_users(read_organization_file(r.org_path), load_organization_file(r.org_path)));

  // An edit that keeps them keeps them.
  const char* body = R"({"name": "孙浩", "roles": ["grid_head", "supervisor"], "grid": "xfl-2", "accounts": {"local": "sunhao"}})";
  REQUIRE(r.send(Verb::put, "/api/v1/organization/members/sunhao", body).result() == Status::ok);
  REQUIRE(r.published.size() == 2);
  CHECK(nlohmann::json::parse(r.published.back())["console_users"].size() == 2);
}
