// Time limits on the working calendar: the escalation ladder across a weekend and a holiday, the
// whistle's check-in deadline, suspend/resume, and quiet hours.
#include <doctest/doctest.h>

#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const std::string group1 = "xfl-1-group";
// Friday 2026-11-20 10:00 in Beijing.
const Time friday_10am = wednesday_10am + hours(48);
// Beijing noon of a day relative to that Friday.
Time noon_after(int days) { return friday_10am + hours(2) + hours(24 * days); }

// Monday 2026-11-23 declared a holiday, to see the ladder step over it.
World world_with_monday_holiday() {
  World w;
  w.policy.calendar = WorkingCalendar::parse(
      R"({"time_zone": "Asia/Shanghai", "holidays": ["2026-11-23"], "quiet_hours": {"start": "22:00", "end": "07:00"}})",
      "test-calendar.json");
  return w;
}

std::vector<RecordEvent> events_of(const World& w, const std::string& kind) {
  std::vector<RecordEvent> out;
  for (const auto& e : w.tickets.events)
    if (e.kind == kind) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("an unclaimed ticket climbs three rungs, each with its own deadline in working time") {
  World w = world_with_monday_holiday();
  w.now = friday_10am;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  REQUIRE(w.ticket(1001).claim_due_at == friday_10am + hours(2));

  // Friday 12:00: the claim limit passes; the grid head has one working day: Friday's last 12
  // hours, then (weekend, Monday holiday) Tuesday's first 12. Tuesday 12:00.
  Actions rung1 = w.run_until(noon_after(0));
  CHECK(w.ticket(1001).escalation_level == 1);
  CHECK(w.ticket(1001).escalated_to == "liqiang");
  CHECK(w.ticket(1001).owner == "wangfang");
  CHECK(w.ticket(1001).resolve_due_at == noon_after(4));
  REQUIRE(to_user_(rung1, "liqiang").size() == 1);
  CHECK(has(to_user_(rung1, "liqiang")[0].text, "超过认领时限"));
  REQUIRE(to_user_(rung1, "wangfang").size() == 2);  // the 80% reminder at 11:36, then the news

  // Nothing more happens over the weekend and the holiday.
  w.run_until(noon_after(4) - minutes(1));
  CHECK(w.ticket(1001).escalation_level == 1);

  Actions rung2 = w.run_until(noon_after(4));
  CHECK(w.ticket(1001).escalation_level == 2);
  CHECK(w.ticket(1001).escalated_to == "zhoulan");
  CHECK(w.ticket(1001).resolve_due_at == noon_after(5));
  CHECK(to_user_(rung2, "zhoulan").size() == 1);

  Actions rung3 = w.run_until(noon_after(5));
  CHECK(w.ticket(1001).escalation_level == 3);
  CHECK(w.ticket(1001).escalated_to == "gaojian");
  CHECK(to_user_(rung3, "gaojian").size() == 1);

  Actions top = w.run_until(noon_after(6));
  CHECK(events_of(w, "top_overdue").size() == 1);
  auto top_notices = to_user_(top, "gaojian");
  REQUIRE(top_notices.size() == 2);  // the rung's 80% reminder, then the breach
  CHECK(has(top_notices[1].text, "严重超时"));

  auto escalations = events_of(w, "escalated");
  REQUIRE(escalations.size() == 3);
  CHECK(escalations[0].at == noon_after(0));
  CHECK(escalations[1].at == noon_after(4));
  CHECK(escalations[2].at == noon_after(5));
  CHECK(escalations[0].detail == "liqiang");
  CHECK(escalations[1].detail == "zhoulan");
  CHECK(escalations[2].detail == "gaojian");
}

TEST_CASE("a claimed ticket keeps its owner when its resolve limit passes; the rung above supervises") {
  World w = world_with_monday_holiday();
  w.now = friday_10am;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say("", "wangfang", "接单 1001");
  // 72 working hours from Friday 10:00, skipping the weekend and Monday: Friday 14 + Tuesday 24 +
  // Wednesday 24 + Thursday 10 = Thursday 10:00.
  CHECK(w.ticket(1001).resolve_due_at == friday_10am + hours(24 * 6));
  w.run_until(friday_10am + hours(24 * 6));
  CHECK(w.ticket(1001).escalation_level == 1);
  CHECK(w.ticket(1001).owner == "wangfang");
  CHECK(w.ticket(1001).escalated_to == "liqiang");
  CHECK(events_of(w, "claim_overdue").empty());
}

TEST_CASE("urgent tickets count in wall time, weekend or not, and their notices ignore quiet hours") {
  World w;
  w.now = friday_10am + hours(13);  // Friday 23:00
  w.say("xfl-2-group", "wujun", "6号楼3单元电梯困人了！！里面有老人，快来人");
  const Ticket& t = w.ticket(1001);
  REQUIRE(t.urgent);
  CHECK(t.claim_due_at == w.now + minutes(15));
  CHECK(t.resolve_due_at == w.now + hours(4));
  auto notice = to_user_(w.last, "chenjing");
  REQUIRE(notice.size() == 1);
  CHECK(notice[0].not_before == Time{});
  w.run_until(w.now + minutes(15));
  CHECK(w.ticket(1001).escalation_level == 1);
  CHECK(w.ticket(1001).resolve_due_at == friday_10am + hours(13) + minutes(15) + hours(1));
}

TEST_CASE("non-urgent notices to staff wait out quiet hours; the resident's receipt does not") {
  World w;
  w.now = wednesday_10am + hours(13);  // Wednesday 23:00
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  auto receipt = to_chat_(w.last, group1);
  REQUIRE(receipt.size() == 1);
  CHECK(receipt[0].not_before == Time{});
  auto notice = to_user_(w.last, "wangfang");
  REQUIRE(notice.size() == 1);
  CHECK(notice[0].not_before == wednesday_10am + hours(21));  // Thursday 07:00
}

TEST_CASE("a whistle summons departments; one checks in, the one that does not is escalated to the street") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say("", "wangfang", "接单 1001");
  w.say("", "wangfang", "吹哨 1001 派出所 物业");
  const Ticket& t = w.ticket(1001);
  REQUIRE(t.summons.size() == 2);
  CHECK(t.summons[0].department == "police");
  CHECK(t.summons[0].lead);
  CHECK_FALSE(t.summons[1].lead);
  CHECK(has(to_user_(w.last, "liuyang").at(0).text, "主办"));
  CHECK(has(to_user_(w.last, "huangli").at(0).text, "协办"));

  w.say("", "liqiang", "报到 1001");  // not a liaison
  CHECK(only<SaveTicket>(w.last).empty());
  w.say("", "liuyang", "报到 1001");
  CHECK(w.ticket(1001).summons_of("police")->status == Summons::Status::reported);
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "和平派出所"));

  Actions overdue = w.run_until(w.now + w.policy.report_in);
  CHECK(w.ticket(1001).summons_of("police")->status == Summons::Status::reported);
  CHECK(w.ticket(1001).summons_of("property")->status == Summons::Status::escalated);
  auto street = to_user_(overdue, "gaojian");
  REQUIRE(street.size() == 1);
  CHECK(has(street[0].text, "安居物业公司"));
  CHECK(events_of(w, "report_in_overdue").size() == 1);

  // A summoned liaison works on the ticket: the lead department may reply to the resident.
  w.say("", "liuyang", "回复 1001 民警已到现场");
  CHECK(has(to_chat_(w.last, group1).at(0).text, "民警已到现场"));
  w.say("", "wangfang", "吹哨 1001 消防队");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "找不到部门"));
}

TEST_CASE("suspend pauses the clock; resume restarts it with the working time that was left") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say("", "wangfang", "接单 1001");
  // Wednesday 10:00 + 72 working hours = Monday 10:00.
  CHECK(w.ticket(1001).resolve_due_at == wednesday_10am + hours(24 * 5));
  w.now = wednesday_10am + hours(2);
  w.say("", "wangfang", "挂起 1001");
  CHECK(w.ticket(1001).state == TicketState::claimed);  // a reason is required
  w.say("", "wangfang", "挂起 1001 等待燃气公司停气检修");
  CHECK(w.ticket(1001).state == TicketState::suspended);
  CHECK(w.ticket(1001).suspended_remaining == hours(70));
  CHECK(has(to_chat_(w.last, group1).at(0).text, "等待燃气公司停气检修"));

  // A week passes suspended: no deadline fires.
  CHECK(w.run_until(wednesday_10am + hours(24 * 6 - 1)).empty());
  w.say("", "wangfang", "恢复 1001");  // Tuesday 09:00
  CHECK(w.ticket(1001).state == TicketState::claimed);
  // 70 working hours from Tuesday 09:00: Tuesday 15 + Wednesday 24 + Thursday 24 + Friday 7.
  CHECK(w.ticket(1001).resolve_due_at == wednesday_10am + hours(24 * 6 - 1) + hours(70));
  w.run_until(w.ticket(1001).resolve_due_at);
  CHECK(w.ticket(1001).escalation_level == 1);
}
