// CSV imports: every valid row applied, every invalid one reported by row and field; Chinese
// headers, a BOM, quoted cells; a file that is not CSV or lacks a column is refused whole.
#include <doctest/doctest.h>

#include "bot/console/organization_csv.hpp"
#include "tests/console/org/org_rig.hpp"

using namespace gridbot;
using http::Status;
using http::Verb;

TEST_CASE("read_csv: quotes, doubled quotes, CRLF, a BOM, blank lines; refuses what is not CSV") {
  auto rows = console::read_csv("\xEF\xBB\xBFid,name\r\n\"a,1\",\"说\"\"好\"\"\"\r\n\r\nb,\"two\nlines\"\n");
  REQUIRE(rows);
  REQUIRE(rows->size() == 3);
  CHECK((*rows)[0][0] == "id");  // the BOM is not part of the first header
  CHECK((*rows)[1] == std::vector<std::string>{"a,1", "说\"好\""});
  CHECK((*rows)[2][1] == "two\nlines");
  CHECK(console::read_csv("id,name\n\"open,x\n").error().find("row 2") != std::string::npos);
  CHECK(console::read_csv("id\n\xff\xfe").error().find("UTF-8") != std::string::npos);
  CHECK(console::read_csv(std::string("id\n\0", 4)).error().find("NUL") != std::string::npos);
}

TEST_CASE("read_import: Chinese headers, role names and accounts; a missing column names it") {
  auto file = console::read_import("编号,姓名,角色,网格,账号,备注\nzx,周新,网格员、网格长,xfl-1,local:zx;wecom：ZhouXin,新来的\n",
                                   console::ImportKind::members);
  REQUIRE(file);
  REQUIRE(file->rows.size() == 1);
  const auto& row = file->rows[0];
  CHECK(row.row == 2);
  CHECK(row.id == "zx");
  CHECK(row.entry["roles"] == nlohmann::json{"manager", "grid_head"});
  CHECK(row.entry["accounts"] == nlohmann::json{{"local", "zx"}, {"wecom", "ZhouXin"}});
  CHECK(file->ignored_columns == std::vector<std::string>{"备注"});
  CHECK(console::read_import("id,name\nzx,周新\n", console::ImportKind::members).error() ==
        "the header lacks the required column 'roles' (or 角色)");
  CHECK(console::read_import("", console::ImportKind::groups).error().find("empty") != std::string::npos);
  CHECK(console::read_import("id,编号,name,roles\n", console::ImportKind::members).error().find("twice") != std::string::npos);
  auto bad_accounts = console::read_import("id,name,roles,accounts\nzx,周新,manager,zx\n", console::ImportKind::members);
  CHECK(bad_accounts->rows[0].problem->field == "accounts");
}

TEST_CASE("a members import applies the good rows and reports the bad ones by row and field") {
  testing::OrgRig r;
  const std::string csv =
      "\xEF\xBB\xBF"
      "编号,姓名,角色,网格,社区,账号\r\n"
      "zhouxin,周新,网格员,xfl-1,,local:zhouxin\r\n"    // row 2: new
      "badgrid,错网格,网格员,xfl-9,,\r\n"               // row 3: unknown grid
      "badrole,错角色,老板,xfl-1,,\r\n"                 // row 4: unknown role
      "wangfang,王芳,网格长,xfl-2,,local:wangfang\r\n"  // row 5: moved (her ticket goes)
      "short,少一格\r\n"                                // row 6: too few cells
      "norole,无角色,,xfl-1,,\r\n";                     // row 7: no roles
  const auto ticket = r.report("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了", "m1");
  auto response = r.send(Verb::post, "/api/v1/organization/import?kind=members", csv);
  REQUIRE(response.result() == Status::ok);
  auto report = nlohmann::json::parse(response.body());
  CHECK(report["imported"] == 2);
  auto error_at = [&](int row) {
    for (const auto& e : report["errors"])
      if (e["row"] == row) return e;
    return nlohmann::json();
  };
  CHECK(report["errors"].size() == 4);
  CHECK(error_at(3)["field"] == "grid");
  CHECK(error_at(3)["error"] == "unknown grid 'xfl-9'");
  CHECK(error_at(4)["field"] == "roles");
  CHECK(error_at(6)["field"] == "");
  CHECK(error_at(7)["field"] == "roles");
  CHECK(report["reassigned"] == nlohmann::json{ticket});

  auto org = r.orgs.current();
  CHECK(org->member("zhouxin"));
  CHECK(org->member("wangfang")->grid == "xfl-2");
  CHECK_FALSE(org->member("badgrid"));
  CHECK(r.file()["members"].size() == org->members.size());
}

TEST_CASE("a clean import is applied whole; rows apply in order, a later row replacing an earlier one") {
  testing::OrgRig r;
  auto report = r.send_json(Verb::post, "/api/v1/organization/import?kind=members",
                            "id,name,roles,grid,buildings\n"
                            "a1,甲,manager,xfl-1,\n"
                            "a2,乙,steward,xfl-2,5;6\n"
                            "a1,甲甲,grid_head,xfl-1,\n");
  CHECK(report["imported"] == 3);
  CHECK(report["errors"].empty());
  auto org = r.orgs.current();
  CHECK(org->member("a1")->name == "甲甲");
  CHECK(org->member("a1")->has_role(Role::grid_head));
  CHECK(org->member("a2")->buildings == std::vector<std::string>{"5", "6"});
  CHECK(load_organization_file(r.org_path).member("a2"));
}

TEST_CASE("a groups import; a file that is not CSV or lacks a column is refused whole") {
  testing::OrgRig r;
  const std::string file_before = testing::read_text(r.org_path);
  auto missing = r.send(Verb::post, "/api/v1/organization/import?kind=groups", "编号,名称\ng1,群\n");
  CHECK(missing.result() == Status::bad_request);
  CHECK(nlohmann::json::parse(missing.body())["error"] == "the header lacks the required column 'platform' (or 平台)");
  CHECK(r.send(Verb::post, "/api/v1/organization/import?kind=groups", "id,name,platform\n\"g1,群,local\n").result() ==
        Status::bad_request);
  CHECK(r.send(Verb::post, "/api/v1/organization/import?kind=people", "id\n").result() == Status::bad_request);
  CHECK(testing::read_text(r.org_path) == file_before);

  auto report = r.send_json(Verb::post, "/api/v1/organization/import?kind=groups",
                            "编号,名称,网格,平台,群号,标签\n"
                            "xfl-1-wecom,幸福里一网格企业微信群,xfl-1,wecom,wrCHAT,老旧小区;沿河\n"
                            "dup,重复的群,xfl-1,local,xfl-1-group,\n");
  CHECK(report["imported"] == 1);
  REQUIRE(report["errors"].size() == 1);
  CHECK(report["errors"][0]["row"] == 3);
  CHECK(report["errors"][0]["field"] == "chat_id");
  const Group* g = r.orgs.current()->group_by_chat("wecom", "wrCHAT");
  REQUIRE(g);
  CHECK(g->tags == std::vector<std::string>{"老旧小区", "沿河"});
}

TEST_CASE("an import outside the viewer's community is reported row by row") {
  testing::OrgRig r;
  r.viewer = testing::community_viewer("yangliu");
  auto report = r.send_json(Verb::post, "/api/v1/organization/import?kind=members",
                            "id,name,roles,grid\nwangfang,王芳,manager,yl-1\nyl-new,杨新,manager,yl-1\nx-new,新,manager,xfl-1\n");
  CHECK(report["imported"] == 1);
  REQUIRE(report["errors"].size() == 2);
  CHECK(report["errors"][0]["row"] == 2);
  CHECK(report["errors"][0]["field"] == "id");
  CHECK(report["errors"][1]["row"] == 4);
  CHECK(r.orgs.current()->member("wangfang")->grid == "xfl-1");
}
