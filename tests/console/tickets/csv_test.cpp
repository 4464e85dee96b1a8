#include <doctest/doctest.h>

#include "bot/console/tickets_api_csv.hpp"
#include "tests/console/tickets/rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using std::chrono::hours;

namespace {

std::vector<std::string> lines(std::string_view body) {
  std::vector<std::string> out;
  // Split on CRLF outside quotes only: a quoted field may hold a line break.
  std::string line;
  bool quoted = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '"') quoted = !quoted;
    if (!quoted && body.substr(i, 2) == "\r\n") {
      out.push_back(line);
      line.clear();
      ++i;
      continue;
    }
    line += body[i];
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("a CSV field is quoted when it holds a comma, a quote or a line break") {
  CHECK(console::csv_field("下水道堵了") == "下水道堵了");
  CHECK(console::csv_field("堵了，很臭,快来") == "\"堵了，很臭,快来\"");
  CHECK(console::csv_field("他说\"马上到\"") == "\"他说\"\"马上到\"\"\"");
  CHECK(console::csv_field("第一行\n第二行") == "\"第一行\n第二行\"");
  CHECK(console::csv_field("a\rb") == "\"a\rb\"");
  // A spreadsheet would run these as formulas.
  CHECK(console::csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(console::csv_field("+86") == "'+86");
}

TEST_CASE("the CSV is UTF-8 with a BOM, a Chinese header, one CRLF row per match, the text masked") {
  TicketsRig rig;
  Ticket t = ticket_in(1001, "xfl-1", "xingfuli", hours(1), "3号楼下水道堵了,\"很臭\"\n电话13812345678");
  rig.save(t);
  rig.save(ticket_in(1002, "yl-1", "yangliu", hours(1), "村口路灯不亮"));
  auto r = rig.get("/api/v1/tickets.csv?grid=xfl-1");
  REQUIRE(r.result() == http::Status::ok);
  CHECK(std::string(r[boost::beast::http::field::content_type]).starts_with("text/csv"));
  const std::string& body = r.body();
  REQUIRE(body.starts_with("\xEF\xBB\xBF"));
  auto rows = lines(std::string_view(body).substr(3));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].starts_with("工单号,状态,类别,紧急,诉求内容"));
  CHECK(rows[1].starts_with("1001,已受理,排水堵塞,否,\"3号楼下水道堵了,\"\"很臭\"\"\n电话"));
  CHECK(rows[1].find("13812345678") == std::string::npos);  // masked as on the board
  CHECK(rows[1].find("幸福里第一网格,幸福里社区,3,王芳") != std::string::npos);
  CHECK(rows[1].find("2026-11-18 09:00") != std::string::npos);  // created, in Beijing time
}

TEST_CASE("the CSV holds only the viewer's community") {
  TicketsRig rig;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  rig.save(ticket_in(1002, "yl-1", "yangliu", hours(1), "村口路灯不亮"));
  rig.as(console::ConsoleRole::community, "heping", "yangliu");
  auto rows = lines(rig.get("/api/v1/tickets.csv").body());
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].starts_with("1002,"));
  CHECK(rig.get("/api/v1/tickets.csv").body().find("1001") == std::string::npos);
}

TEST_CASE("a CSV of more than 100,000 tickets is refused with a 400 that says how to narrow it") {
  TicketsRig rig;
  await(rig.writer.run([](storage::Store& s) {
    s.db().exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001) "
        "INSERT INTO tickets(number, state, category, urgent, text, grid, community, reporter_id, reporter_name, "
        "source_platform, reporter_user, group_id, owner, claimed_by, created_at, claim_due_at, resolve_due_at, updated_at) "
        "SELECT 1000 + i, 'closed', 'other', 0, 'x', 'xfl-1', 'xingfuli', 'r', 'r', 'local', 'r', '', '', '', 1, 2, 3, 4 FROM n");
  }));
  auto r = rig.get("/api/v1/tickets.csv");
  CHECK(r.result() == http::Status::bad_request);
  CHECK(nlohmann::json::parse(r.body())["error"].get<std::string>().find("100001 tickets match") != std::string::npos);
  // Narrowed, it is served.
  CHECK(rig.get("/api/v1/tickets.csv?q=1005").result() == http::Status::ok);
}
