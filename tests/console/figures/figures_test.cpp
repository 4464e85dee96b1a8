// Every figure on a hand-built set of tickets with known answers, to the minute: the lifecycle's
// events as its handlers record them, the period in Beijing time, the viewer's scope in SQL, the
// drill-down listing exactly the tickets each number counts, and the CSV.
#include <doctest/doctest.h>

#include "handlers/figures/figure.hpp"
#include "tests/console/figures/figures_rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using nlohmann::json;

namespace {

const char* const period = "from=2026-11-16&to=2026-11-29";

// Eleven tickets in the period (and one the evening before it), now = T + 10 days. What each one
// counts toward is written next to it; the test case below adds them up.
void build_tickets(FiguresRig& rig) {
  // 1001: claimed in 30 min, resolved in 5 h, 满意 → answered, resolved, confirmed, satisfied, both on time.
  Ticket t = rig.file_ticket(1001, "xfl-1", "drainage", T);
  rig.event(t, "claimed", "wangfang", T + minutes_(30));
  rig.event(t, "replied", "wangfang", T + hours_(1), "马上到");
  t.state = TicketState::closed, t.rating = Rating::satisfied, t.resolved_at = T + hours_(5), t.claimed_by = "wangfang";
  rig.event(t, "resolved", "wangfang", T + hours_(5), "已疏通");
  rig.event(t, "rated", t.reporter_id, T + hours_(6), "satisfied");
  rig.save(t);

  // 1002: claimed in 1 h, resolved in 10 h, 基本满意.
  t = rig.file_ticket(1002, "xfl-1", "drainage", T);
  rig.event(t, "claimed", "wangfang", T + hours_(1));
  t.state = TicketState::closed, t.rating = Rating::basically_satisfied, t.resolved_at = T + hours_(10);
  rig.event(t, "resolved", "wangfang", T + hours_(10), "已修");
  rig.event(t, "rated", t.reporter_id, T + hours_(11), "basically_satisfied 有点慢");
  rig.save(t);

  // 1003: the claim deadline passed (claim_overdue, then the escalation it causes, both at 2 h),
  // claimed at 3 h, resolved at 20 h within the rung's new deadline, rating timed out → claim
  // late, resolve on time, unrated.
  t = rig.file_ticket(1003, "xfl-1", "drainage", T);
  rig.event(t, "claim_overdue", "system", T + hours_(2));
  rig.event(t, "escalated", "system", T + hours_(2), "liqiang");
  t.escalation_level = 1, t.resolve_due_at = t.claim_due_at = T + hours_(26);
  rig.event(t, "claimed", "liqiang", T + hours_(3));
  t.state = TicketState::closed, t.rating = Rating::unrated, t.resolved_at = T + hours_(20);
  rig.event(t, "resolved", "liqiang", T + hours_(20), "已处理");
  rig.event(t, "rated", "system", T + hours_(92), "unrated");
  rig.save(t);

  // 1004: claimed in 20 min, resolved at 4 h, 不满意 → reopened to the grid head, who claimed it
  // at 6 h and has not resolved it; its resolve deadline passed (escalated at 77 h) → answered,
  // unsatisfied, claim on time, resolve late, not resolved.
  t = rig.file_ticket(1004, "xfl-1", "drainage", T);
  rig.event(t, "claimed", "wangfang", T + minutes_(20));
  rig.event(t, "resolved", "wangfang", T + hours_(4), "已处理");
  rig.event(t, "rated", t.reporter_id, T + hours_(5), "unsatisfied 还是堵");
  rig.event(t, "reopened", t.reporter_id, T + hours_(5), "liqiang");
  rig.event(t, "claimed", "liqiang", T + hours_(6));
  rig.event(t, "escalated", "system", T + hours_(77), "zhoulan");
  t.state = TicketState::claimed, t.resolved_at = T + hours_(4), t.claimed_by = "liqiang", t.escalation_level = 2;
  t.claim_due_at = T + hours_(7), t.resolve_due_at = T + hours_(101);
  rig.save(t);

  // 1005: resolved at 1 h 30 min without a claim (resolving is taking it), not yet rated.
  t = rig.file_ticket(1005, "xfl-1", "drainage", T);
  t.state = TicketState::resolved, t.resolved_at = T + minutes_(90), t.claimed_by = "wangfang";
  rig.event(t, "resolved", "wangfang", T + minutes_(90), "已处理");
  rig.save(t);

  // 1006: withdrawn by the resident after 10 min → received only.
  t = rig.file_ticket(1006, "xfl-1", "drainage", T);
  t.state = TicketState::cancelled;
  rig.event(t, "cancelled", t.reporter_id, T + minutes_(10), "不用了");
  rig.save(t);

  // 1007: suspended at 1 h (claimed by pausing it); its clock is stopped, so neither on time nor late.
  t = rig.file_ticket(1007, "xfl-1", "drainage", T);
  t.state = TicketState::suspended, t.claimed_by = "wangfang";
  rig.event(t, "suspended", "wangfang", T + hours_(1), "等配件");
  rig.save(t);

  // 1008: 幸福里第二网格, noise, Thursday: nobody ever answered → claim late and resolve late by now.
  t = rig.file_ticket(1008, "xfl-2", "noise", T + days_(1));

  // 1009: second grid, the next week: claimed in 1 h, its resolve deadline passed (escalated at
  // 72 h), resolved at 80 h within the rung's deadline, 满意 → resolve late all the same.
  t = rig.file_ticket(1009, "xfl-2", "noise", T + days_(5));
  rig.event(t, "claimed", "chenjing", T + days_(5) + hours_(1));
  rig.event(t, "escalated", "system", T + days_(5) + hours_(72), "sunhao");
  t.resolve_due_at = T + days_(5) + hours_(96), t.escalation_level = 1;
  t.state = TicketState::closed, t.rating = Rating::satisfied, t.resolved_at = T + days_(5) + hours_(80);
  rig.event(t, "resolved", "chenjing", T + days_(5) + hours_(80), "已协调");
  rig.event(t, "rated", t.reporter_id, T + days_(5) + hours_(81), "satisfied");
  rig.save(t);

  // 1010: 杨柳村 (another community): claimed in 10 min, resolved in 2 h, 满意.
  t = rig.file_ticket(1010, "yl-1", "drainage", T + days_(2));
  rig.event(t, "claimed", "aliya", T + days_(2) + minutes_(10));
  t.state = TicketState::closed, t.rating = Rating::satisfied, t.resolved_at = T + days_(2) + hours_(2);
  rig.event(t, "resolved", "aliya", T + days_(2) + hours_(2), "已疏通");
  rig.event(t, "rated", t.reporter_id, T + days_(2) + hours_(3), "satisfied");
  rig.save(t);

  // 1011: 23:59 on Sunday 15 November in Beijing, the minute before the period: counted nowhere.
  rig.file_ticket(1011, "xfl-1", "drainage", T - days_(2) - hours_(10) - minutes_(1));

  // 1012: Saturday: a reply but no claim; past its claim and resolve deadlines now → answered,
  // claim late, resolve late.
  t = rig.file_ticket(1012, "xfl-1", "drainage", T + days_(3));
  rig.event(t, "replied", "wangfang", T + days_(3) + minutes_(5), "周一处理");
}

std::int64_t count_of(const json& figures, const char* name) { return figures.at(name).at("count").get<std::int64_t>(); }

}  // namespace

TEST_CASE("every figure on the hand-built tickets, kept apart") {
  FiguresRig rig;
  build_tickets(rig);
  const json f = rig.get_json(std::string("/api/v1/figures?") + period);
  CHECK(f["from"] == "2026-11-16");
  CHECK(f["to"] == "2026-11-29");
  CHECK(count_of(f, "received") == 11);
  CHECK(count_of(f, "answered") == 9);
  CHECK(count_of(f, "resolved") == 6);
  CHECK(count_of(f, "confirmed") == 4);
  CHECK(count_of(f, "satisfied") == 3);
  CHECK(count_of(f, "basically_satisfied") == 1);
  CHECK(count_of(f, "unsatisfied") == 1);
  CHECK(count_of(f, "unrated") == 1);
  CHECK(count_of(f, "awaiting_rating") == 1);
  CHECK(f["claim_on_time"]["on_time"] == 7);
  CHECK(f["claim_on_time"]["late"] == 3);
  CHECK(f["claim_on_time"]["rate"].get<double>() == doctest::Approx(0.7));
  CHECK(f["resolve_on_time"]["on_time"] == 5);
  CHECK(f["resolve_on_time"]["late"] == 4);
  CHECK(f["resolve_on_time"]["rate"].get<double>() == doctest::Approx(5.0 / 9));
  // Claim times 600, 1200, 1800, 3600 ×3, 5400, 10800; resolve 5400, 7200, 18000, 36000, 72000, 288000.
  CHECK(f["claim_time"]["median"] == 3600);
  CHECK(f["claim_time"]["p90"] == 10800);
  CHECK(f["resolve_time"]["median"] == 18000);
  CHECK(f["resolve_time"]["p90"] == 288000);
  CHECK(f["received"]["tickets"] == "/api/v1/figures/tickets?figure=received&from=2026-11-16&to=2026-11-29");

  REQUIRE(f["by_week"].size() == 2);
  CHECK(f["by_week"][0]["week"] == "2026-W47");
  CHECK(f["by_week"][0]["from"] == "2026-11-16");
  CHECK(f["by_week"][0]["received"] == 10);
  CHECK(f["by_week"][1]["week"] == "2026-W48");
  CHECK(f["by_week"][1]["received"] == 1);
  CHECK(f["by_week"][1]["resolve_late"] == 1);

  REQUIRE(f["by_grid"].size() == 3);
  CHECK(f["by_grid"][0]["grid"] == "xfl-1");
  CHECK(f["by_grid"][0]["name"] == "幸福里第一网格");
  CHECK(f["by_grid"][0]["received"] == 8);
  CHECK(f["by_grid"][0]["resolve_on_time_rate"].get<double>() == doctest::Approx(4.0 / 6));
  CHECK(f["by_grid"][1]["grid"] == "xfl-2");
  CHECK(f["by_grid"][1]["claim_late"] == 1);
  CHECK(f["by_grid"][2]["grid"] == "yl-1");
  REQUIRE(f["by_category"].size() == 2);
  CHECK(f["by_category"][0]["category"] == "drainage");
  CHECK(f["by_category"][0]["name"] == "排水堵塞");
  CHECK(f["by_category"][0]["received"] == 9);
  CHECK(f["by_category"][1]["category"] == "noise");
  CHECK(f["by_category"][1]["received"] == 2);
  // Only 幸福里第一网格 has five decided resolves: ranked alone, so on neither list.
  REQUIRE(f["ranking"].size() == 1);
  CHECK(f["ranking"][0]["grid"] == "xfl-1");
  CHECK(f["ranking"][0]["rank"] == 1);
  CHECK(f["ranking"][0]["list"] == "none");
}

TEST_CASE("each figure's drill-down lists exactly the tickets it counts") {
  FiguresRig rig;
  build_tickets(rig);
  const json f = rig.get_json(std::string("/api/v1/figures?") + period);
  for (figures::Figure figure : figures::all_figures) {
    const std::string name(to_string(figure));
    std::int64_t counted = 0;
    if (f.contains(name) && f[name].contains("count")) counted = f[name]["count"].get<std::int64_t>();
    else if (name.starts_with("claim_")) counted = f["claim_on_time"][name == "claim_late" ? "late" : "on_time"].get<std::int64_t>();
    else counted = f["resolve_on_time"][name == "resolve_late" ? "late" : "on_time"].get<std::int64_t>();
    const json list = rig.get_json("/api/v1/figures/tickets?figure=" + name + "&" + period);
    CAPTURE(name);
    CHECK(list["total"] == counted);
    CHECK(static_cast<std::int64_t>(list["tickets"].size()) == counted);
  }
  // Which tickets, for two of them: newest first, as the board shows them.
  const json late = rig.get_json(std::string("/api/v1/figures/tickets?figure=claim_late&") + period);
  std::vector<std::int64_t> numbers;
  for (const auto& t : late["tickets"]) numbers.push_back(t["number"].get<std::int64_t>());
  CHECK(numbers == std::vector<std::int64_t>{1012, 1008, 1003});
  const json unsatisfied = rig.get_json(std::string("/api/v1/figures/tickets?figure=unsatisfied&category=drainage&") + period);
  REQUIRE(unsatisfied["tickets"].size() == 1);
  CHECK(unsatisfied["tickets"][0]["number"] == 1004);
  CHECK(unsatisfied["tickets"][0]["grid_name"] == "幸福里第一网格");
  // The week's and grid's numbers drill down the same way.
  const json grid = rig.get_json("/api/v1/figures/tickets?figure=received&grid=xfl-2&from=2026-11-23&to=2026-11-29");
  CHECK(grid["total"] == 1);
  CHECK(rig.get_json("/api/v1/figures/tickets?figure=received&limit=2&" + std::string(period))["tickets"].size() == 2);
}

TEST_CASE("a community viewer gets its community's figures only, and 403 for another's grid") {
  FiguresRig rig;
  build_tickets(rig);
  rig.viewer = community_viewer("xingfuli");
  const json f = rig.get_json(std::string("/api/v1/figures?") + period);
  CHECK(count_of(f, "received") == 10);  // not 杨柳村's 1010
  CHECK(count_of(f, "satisfied") == 2);
  for (const auto& g : f["by_grid"]) CHECK(g["grid"] != "yl-1");
  CHECK(rig.get_json(std::string("/api/v1/figures/tickets?figure=received&") + period)["total"] == 10);
  CHECK(rig.get(std::string("/api/v1/figures?grid=yl-1&") + period).result() == http::Status::forbidden);
  CHECK(rig.get(std::string("/api/v1/figures?community=yangliu&") + period).result() == http::Status::forbidden);
  CHECK(rig.get(std::string("/api/v1/figures/tickets?figure=received&grid=yl-1&") + period).result() == http::Status::forbidden);
  CHECK(rig.get(std::string("/api/v1/figures.csv?grid=yl-1&") + period).result() == http::Status::forbidden);
  CHECK(count_of(rig.get_json(std::string("/api/v1/figures?grid=xfl-2&") + period), "received") == 2);
  rig.viewer.reset();
  CHECK(rig.get(std::string("/api/v1/figures?") + period).result() == http::Status::unauthorized);
  CHECK(rig.get("/api/v1/alerts").result() == http::Status::unauthorized);
}

TEST_CASE("bad parameters are answered with the field's name") {
  FiguresRig rig;
  const auto error_of = [&](const std::string& target) {
    auto r = rig.get(target);
    CHECK(r.result() == http::Status::bad_request);
    return json::parse(r.body())["error"].get<std::string>();
  };
  CHECK(error_of("/api/v1/figures?from=2026-13-01").find("'from'") != std::string::npos);
  CHECK(error_of("/api/v1/figures?from=2026-11-20&to=2026-11-19").find("'to'") != std::string::npos);
  CHECK(error_of("/api/v1/figures?grid=nowhere").find("'grid'") != std::string::npos);
  CHECK(error_of("/api/v1/figures?community=yangliu&grid=xfl-1").find("'grid'") != std::string::npos);
  CHECK(error_of("/api/v1/figures/tickets?figure=happiness").find("'figure'") != std::string::npos);
  CHECK(error_of("/api/v1/figures/tickets?figure=received&category=weather").find("'category'") != std::string::npos);
  CHECK(error_of("/api/v1/figures/tickets?figure=received&limit=-1").find("'limit'") != std::string::npos);
  CHECK(error_of("/api/v1/figures?from=2020-01-01&to=2026-01-01").find("period") != std::string::npos);
}

TEST_CASE("the default period is the last 30 days, today included, in the service's time zone") {
  FiguresRig rig;
  build_tickets(rig);
  const json f = rig.get_json("/api/v1/figures");
  CHECK(f["to"] == "2026-11-28");
  CHECK(f["from"] == "2026-10-30");
  CHECK(count_of(f, "received") == 12);  // 1011 too
}

TEST_CASE("the CSV: BOM, Chinese header, one row per grid and category") {
  FiguresRig rig;
  build_tickets(rig);
  auto r = rig.get(std::string("/api/v1/figures.csv?") + period);
  REQUIRE(r.result() == http::Status::ok);
  CHECK(std::string(r[boost::beast::http::field::content_type]).starts_with("text/csv"));
  const std::string body = r.body();
  CHECK(body.starts_with("\xEF\xBB\xBF网格编号,网格,类别编号,类别,受理,答复,办结,群众确认,满意,基本满意,不满意,未评价,待评价,"
                         "按时接单,超时接单,按时办结,超时办结\r\n"));
  CHECK(body.find("\r\nxfl-1,幸福里第一网格,drainage,排水堵塞,8,7,4,2,1,1,1,1,1,5,2,4,2\r\n") != std::string::npos);
  CHECK(body.find("\r\nxfl-2,幸福里第二网格,noise,噪音扰民,2,1,1,1,1,0,0,0,0,1,1,0,2\r\n") != std::string::npos);
  std::size_t lines = 0;
  for (char c : body) lines += c == '\n';
  CHECK(lines == 4);  // header + xfl-1/drainage, xfl-2/noise, yl-1/drainage
}
