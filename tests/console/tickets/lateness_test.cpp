// 超期 (handlers/lateness.hpp): the ticket JSON's overdue and lateness, the board's overdue filter
// and the overdue board's order are one definition; and through the real ladder a ticket that
// missed its claim limit stays late while it climbs, until someone claims it.
#include <algorithm>
#include <map>

#include <doctest/doctest.h>

#include "bot/console/ticket_json.hpp"
#include "handlers/lateness.hpp"
#include "tests/console/tickets/rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

std::int64_t seconds_of(Time t) { return t.time_since_epoch().count(); }

// Files what a resident writes in the group, through the pipeline, as of the rig's clock.
void say(TicketsRig& rig, const std::string& chat, const std::string& sender, const std::string& text) {
  static int next = 0;
  const std::string id = "late-" + std::to_string(++next);
  await(rig.pipeline.submit(Inbound{"local", id, chat, sender, text, std::nullopt, rig.clock.now()}, id));
}

// Moves the clock on and fires what fell due, as the scheduler does.
void advance_to(TicketsRig& rig, Time when) {
  rig.clock.advance(when - rig.clock.now());
  await(rig.pipeline.fire_due_timers_async());
}

std::optional<nlohmann::json> on_overdue_board(TicketsRig& rig, std::int64_t number) {
  const auto board = rig.get_json("/api/v1/tickets/overdue");
  for (const auto& t : board["tickets"])
    if (t["number"] == number) return t;
  return std::nullopt;
}

}  // namespace

TEST_CASE("the JSON, the board's overdue filter and the overdue board's order agree on every kind of ticket") {
  TicketsRig rig;
  const Time now = rig.clock.now();
  std::map<std::int64_t, Ticket> made;
  std::int64_t number = 1000;
  for (TicketState state : {TicketState::accepted, TicketState::claimed, TicketState::suspended, TicketState::resolved})
    for (Time claim_missed : {Time{}, now - hours(5)})
      for (Time claim_due : {now - hours(1), now, now + hours(1)})
        for (Time resolve_missed : {Time{}, now - hours(3)})
          for (Time resolve_due : {now - hours(2), now + hours(1)}) {
            Ticket t = ticket_in(++number, "xfl-1", "xingfuli", hours(8));
            t.state = state;
            if (state != TicketState::accepted) t.claimed_by = "wangfang";
            t.claim_missed_at = claim_missed;
            t.claim_due_at = claim_due;
            t.resolve_missed_at = resolve_missed;
            t.resolve_due_at = resolve_due;
            made[t.number] = t;
          }
  // One writer job for all of them (a commit each is seconds on a loaded machine).
  await(rig.writer.run([&](storage::Store& s) {
    for (const auto& [n, t] : made) s.apply({SaveTicket{t}}, now);
  }));

  std::vector<std::pair<Time, std::int64_t>> expected_order;
  std::vector<std::int64_t> on_time;
  for (const auto& [n, t] : made) {
    if (auto since = late_since(t, now)) expected_order.push_back({*since, n});
    else on_time.push_back(n);
  }
  std::sort(expected_order.begin(), expected_order.end());
  // Each way a ticket can be late is in the matrix, and so is being on time.
  REQUIRE(expected_order.size() > 20);
  REQUIRE(on_time.size() > 20);

  std::vector<std::int64_t> expected_numbers;
  for (const auto& [since, n] : expected_order) expected_numbers.push_back(n);
  const auto overdue_board = rig.get_json("/api/v1/tickets/overdue?limit=500");
  CHECK(TicketsRig::numbers(overdue_board) == expected_numbers);
  CHECK(overdue_board["total"] == expected_numbers.size());

  // The board's filter holds the same tickets (newest first), and its complement the rest.
  auto late = rig.get_json("/api/v1/tickets?overdue=true&limit=500");
  auto sorted_desc = expected_numbers;
  std::sort(sorted_desc.rbegin(), sorted_desc.rend());
  CHECK(TicketsRig::numbers(late) == sorted_desc);
  std::sort(on_time.rbegin(), on_time.rend());
  CHECK(TicketsRig::numbers(rig.get_json("/api/v1/tickets?overdue=false&limit=500")) == on_time);

  // Every ticket's JSON says what the SQL decided, and how long since the first missed limit.
  // Named first: a range-for over a member of a temporary reads it after it is destroyed (ASan).
  const auto board = rig.get_json("/api/v1/tickets?limit=500");
  for (const auto& t : board["tickets"]) {
    const Ticket& mine = made.at(t["number"].get<std::int64_t>());
    const auto since = late_since(mine, now);
    INFO("ticket ", t["number"], " ", t.dump());
    CHECK(t["overdue"] == since.has_value());
    CHECK(t["lateness"] == (since ? seconds_of(now) - seconds_of(*since) : 0));
  }
}

TEST_CASE("missed claim limit: still overdue as the ticket climbs the ladder; claimed late it is not, until a resolve limit is missed") {
  TicketsRig rig;
  say(rig, "xfl-1-group", "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  const std::int64_t n = 1001;
  const Ticket filed = *rig.reader.tickets.find(n);
  CHECK_FALSE(on_overdue_board(rig, n));

  // The claim limit passes: the grid head is called in with a fresh deadline, yet the ticket is
  // late from the limit it missed.
  advance_to(rig, filed.claim_due_at + minutes(1));
  Ticket t = *rig.reader.tickets.find(n);
  REQUIRE(t.escalation_level == 1);
  CHECK(t.claim_missed_at == filed.claim_due_at);
  CHECK(t.claim_due_at > rig.clock.now());  // past no current deadline
  auto listed = on_overdue_board(rig, n);
  REQUIRE(listed);
  CHECK((*listed)["lateness"] == 60);
  CHECK(TicketsRig::numbers(rig.get_json("/api/v1/tickets?overdue=true")) == std::vector<std::int64_t>{n});

  // Hours on, still unclaimed, still within the rung's deadline: later and later.
  advance_to(rig, filed.claim_due_at + hours(3));
  listed = on_overdue_board(rig, n);
  REQUIRE(listed);
  CHECK((*listed)["lateness"] == 3 * 3600);
  CHECK(rig.get_json("/api/v1/tickets/1001")["lateness"] == 3 * 3600);

  // A transfer hands the wait on; it does not make it on time.
  REQUIRE(rig.act(n, {{"action", "assign"}, {"member", "liqiang"}}).result() == http::Status::ok);
  CHECK(on_overdue_board(rig, n));

  // Claimed late: the claim is done (the figures keep the breach); its resolve limit is not missed.
  say(rig, "", "liqiang", "接单 1001");
  t = *rig.reader.tickets.find(n);
  REQUIRE(t.state == TicketState::claimed);
  CHECK_FALSE(on_overdue_board(rig, n));
  CHECK(rig.get_json("/api/v1/tickets/1001")["overdue"] == false);
  CHECK(rig.get_json("/api/v1/tickets?overdue=true")["total"] == 0);

  // The rung's deadline (a resolve limit) passes: late again, from that limit, and it stays late
  // from it as the ticket climbs on.
  const Time rung_deadline = t.resolve_due_at;
  advance_to(rig, rung_deadline + minutes(30));
  t = *rig.reader.tickets.find(n);
  REQUIRE(t.escalation_level == 2);
  CHECK(t.resolve_missed_at == rung_deadline);
  listed = on_overdue_board(rig, n);
  REQUIRE(listed);
  CHECK((*listed)["lateness"] == 30 * 60);
  advance_to(rig, t.resolve_due_at + minutes(1));
  REQUIRE(rig.reader.tickets.find(n)->escalation_level == 3);
  CHECK((*on_overdue_board(rig, n))["lateness"] == seconds_of(rig.clock.now()) - seconds_of(rung_deadline));

  // Suspended, its clock stops: not late meanwhile.
  say(rig, "", "liqiang", "挂起 1001 等待配件");
  REQUIRE(rig.reader.tickets.find(n)->state == TicketState::suspended);
  CHECK_FALSE(on_overdue_board(rig, n));

  // Resolved, it leaves the board.
  say(rig, "", "liqiang", "恢复 1001");
  CHECK(on_overdue_board(rig, n));
  say(rig, "", "liqiang", "办结 1001 已疏通");
  CHECK_FALSE(on_overdue_board(rig, n));
}

TEST_CASE("a reopened ticket starts its limits afresh; missed ones before the reopen do not make it late") {
  TicketsRig rig;
  say(rig, "xfl-1-group", "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  const Ticket filed = *rig.reader.tickets.find(1001);
  advance_to(rig, filed.claim_due_at + minutes(5));
  say(rig, "", "wangfang", "接单 1001");
  say(rig, "", "wangfang", "办结 1001 已疏通");
  say(rig, "xfl-1-group", "zhangwei", "不满意");
  const Ticket reopened = *rig.reader.tickets.find(1001);
  REQUIRE(reopened.state == TicketState::accepted);
  CHECK(reopened.claim_missed_at == Time{});
  CHECK_FALSE(on_overdue_board(rig, 1001));
  advance_to(rig, reopened.claim_due_at + minutes(2));
  auto listed = on_overdue_board(rig, 1001);
  REQUIRE(listed);
  CHECK((*listed)["lateness"] == 120);
}
