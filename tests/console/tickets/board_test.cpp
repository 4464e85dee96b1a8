#include <doctest/doctest.h>

#include "tests/console/tickets/rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using std::chrono::hours;

namespace {

// Five tickets across both communities: numbers 1001…1005, newest last.
void seed(TicketsRig& rig) {
  Ticket a = ticket_in(1001, "xfl-1", "xingfuli", hours(50), "3号楼下水道堵了，污水漫到楼道");
  Ticket b = ticket_in(1002, "xfl-2", "xingfuli", hours(30), "6号楼电梯困人");
  b.category = "elevator";
  b.urgent = true;
  b.building = "6";
  Ticket c = ticket_in(1003, "yl-1", "yangliu", hours(20), "村口路灯不亮");
  c.category = "public_facility";
  c.building.reset();
  Ticket d = ticket_in(1004, "xfl-1", "xingfuli", hours(1), "2号楼楼道堆满杂物");
  d.category = "sanitation";
  d.building = "2";
  d.state = TicketState::claimed;
  d.claimed_by = "wangfang";
  Ticket e = ticket_in(1005, "xfl-1", "xingfuli", hours(0), "4号楼噪音扰民");
  e.category = "noise";
  e.state = TicketState::closed;
  e.building = "4";
  for (const auto& t : {a, b, c, d, e}) rig.save(t);
}

}  // namespace

TEST_CASE("the board lists every ticket newest first with the total, a page at a time") {
  TicketsRig rig;
  seed(rig);
  auto all = rig.get_json("/api/v1/tickets");
  CHECK(all["total"] == 5);
  CHECK(TicketsRig::numbers(all) == std::vector<std::int64_t>{1005, 1004, 1003, 1002, 1001});
  CHECK(all["tickets"][0]["category_name"] == "噪音扰民");
  auto page = rig.get_json("/api/v1/tickets?limit=2&offset=1");
  CHECK(page["total"] == 5);
  CHECK(TicketsRig::numbers(page) == std::vector<std::int64_t>{1004, 1003});
}

TEST_CASE("each filter narrows the board") {
  TicketsRig rig;
  seed(rig);
  auto numbers = [&](const std::string& query) { return TicketsRig::numbers(rig.get_json("/api/v1/tickets?" + query)); };
  using V = std::vector<std::int64_t>;
  CHECK(numbers("grid=xfl-1") == V{1005, 1004, 1001});
  CHECK(numbers("community=yangliu") == V{1003});
  CHECK(numbers("category=elevator") == V{1002});
  CHECK(numbers("state=claimed") == V{1004});
  CHECK(numbers("state=open") == V{1004, 1003, 1002, 1001});
  CHECK(numbers("urgent=true") == V{1002});
  CHECK(numbers("urgent=false&grid=xfl-2").empty());
  // 1001 was created 50 hours ago with a 2-hour claim limit and nobody claimed it; 1002 too (30 h).
  CHECK(numbers("overdue=true") == V{1003, 1002, 1001});
  CHECK(numbers("overdue=false") == V{1005, 1004});
  CHECK(numbers("grid=xfl-1&state=open") == V{1004, 1001});
}

TEST_CASE("dates are the service's local days: to includes its whole day") {
  TicketsRig rig;
  seed(rig);
  // The clock is 2026-11-18 10:00 in Beijing: 1004 (09:00) and 1005 (10:00) are today, 1003
  // (11-17 14:00) yesterday, 1002 (11-17 04:00) yesterday too, 1001 (11-16 08:00) the day before.
  using V = std::vector<std::int64_t>;
  CHECK(TicketsRig::numbers(rig.get_json("/api/v1/tickets?from=2026-11-18")) == V{1005, 1004});
  CHECK(TicketsRig::numbers(rig.get_json("/api/v1/tickets?from=2026-11-17&to=2026-11-17")) == V{1003, 1002});
  CHECK(TicketsRig::numbers(rig.get_json("/api/v1/tickets?to=2026-11-16")) == V{1001});
}

TEST_CASE("search finds Chinese words in the resident's text, the building and the number; % and _ are literal") {
  TicketsRig rig;
  seed(rig);
  Ticket odd = ticket_in(1006, "xfl-2", "xingfuli", hours(0), "物业费打9折_100%返还？");
  odd.building = "7";
  rig.save(odd);
  using V = std::vector<std::int64_t>;
  auto q = [&](const std::string& encoded) { return TicketsRig::numbers(rig.get_json("/api/v1/tickets?q=" + encoded)); };
  CHECK(q("%E7%94%B5%E6%A2%AF") == V{1002});                // 电梯
  CHECK(q("%E4%B8%8B%E6%B0%B4%E9%81%93") == V{1001});       // 下水道
  CHECK(q("1003") == V{1003});
  CHECK(q("7") == V{1006});                                  // the building
  CHECK(q("%25") == V{1006});                                // "%" matches itself, not everything
  CHECK(q("_") == V{1006});
  CHECK(q("%E6%B2%A1%E6%9C%89").empty());                    // 没有
}

TEST_CASE("a community viewer's board holds only their community, counted in SQL") {
  TicketsRig rig;
  seed(rig);
  rig.as(console::ConsoleRole::community, "heping", "yangliu");
  auto board = rig.get_json("/api/v1/tickets");
  CHECK(board["total"] == 1);
  CHECK(TicketsRig::numbers(board) == std::vector<std::int64_t>{1003});
  // Asking for another community by name finds nothing rather than leaking it.
  CHECK(rig.get_json("/api/v1/tickets?community=xingfuli")["total"] == 0);
  rig.as(console::ConsoleRole::street, "heping");
  CHECK(rig.get_json("/api/v1/tickets")["total"] == 5);
  rig.as(console::ConsoleRole::street, "elsewhere");
  CHECK(rig.get_json("/api/v1/tickets")["total"] == 0);
  rig.as(console::ConsoleRole::supervisor);
  CHECK(rig.get_json("/api/v1/tickets")["total"] == 5);
}

TEST_CASE("a bad filter is a 400 naming it, and no viewer is a 401") {
  TicketsRig rig;
  for (const auto& [query, named] : std::vector<std::pair<std::string, std::string>>{
           {"state=lost", "'state'"},
           {"overdue=maybe", "'overdue'"},
           {"urgent=2", "'urgent'"},
           {"from=2026-02-30", "'from'"},
           {"to=yesterday", "'to'"},
           {"from=2026-11-18&to=2026-11-01", "'from' is after 'to'"},
           {"limit=0", "'limit'"},
           {"limit=501", "'limit'"},
           {"offset=-1", "'offset'"},
           {"colour=red", "'colour'"}}) {
    auto r = rig.get("/api/v1/tickets?" + query);
    INFO(query);
    CHECK(r.result() == http::Status::bad_request);
    CHECK(nlohmann::json::parse(r.body())["error"].get<std::string>().find(named) != std::string::npos);
  }
  rig.viewer.reset();
  CHECK(rig.get("/api/v1/tickets").result() == http::Status::unauthorized);
  CHECK(rig.get("/api/v1/tickets/1001").result() == http::Status::unauthorized);
  CHECK(rig.get("/api/v1/tickets.csv").result() == http::Status::unauthorized);
  CHECK(rig.get("/api/v1/tickets/overdue").result() == http::Status::unauthorized);
}

TEST_CASE("the detail holds the timeline; outside the viewer's community it is 403, an unknown number 404") {
  TicketsRig rig;
  seed(rig);
  auto d = rig.get_json("/api/v1/tickets/1003");
  CHECK(d["grid"] == "yl-1");
  REQUIRE(d["timeline"].size() == 1);
  CHECK(d["timeline"][0]["kind"] == "created");
  rig.as(console::ConsoleRole::community, "heping", "xingfuli");
  auto r = rig.get("/api/v1/tickets/1003");
  CHECK(r.result() == http::Status::forbidden);
  CHECK(r.body().find("村口路灯") == std::string::npos);
  CHECK(rig.get("/api/v1/tickets/1001").result() == http::Status::ok);
  CHECK(rig.get("/api/v1/tickets/4242").result() == http::Status::not_found);
  CHECK(rig.get("/api/v1/tickets/abc").result() == http::Status::bad_request);
}
