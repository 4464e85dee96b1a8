#include <doctest/doctest.h>

#include "tests/console/tickets/rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using std::chrono::hours;
using std::chrono::minutes;

TEST_CASE("the overdue board orders open tickets by seconds late, and moves with the clock") {
  TicketsRig rig;
  const Time now = rig.clock.now();
  // 1001: unclaimed, claim deadline 30 min ago. 1002: claimed, resolve deadline 2 h ago.
  // 1003: unclaimed, claim deadline 10 min from now. 1004: suspended long past its deadline
  // (its clock is stopped). 1005: resolved.
  Ticket a = ticket_in(1001, "xfl-1", "xingfuli", hours(3));
  a.claim_due_at = now - minutes(30);
  Ticket b = ticket_in(1002, "xfl-2", "xingfuli", hours(80));
  b.state = TicketState::claimed;
  b.claimed_by = "chenjing";
  b.resolve_due_at = now - hours(2);
  Ticket c = ticket_in(1003, "yl-1", "yangliu", hours(1));
  c.claim_due_at = now + minutes(10);
  Ticket d = ticket_in(1004, "xfl-1", "xingfuli", hours(100));
  d.state = TicketState::suspended;
  d.resolve_due_at = now - hours(50);
  Ticket e = ticket_in(1005, "xfl-1", "xingfuli", hours(100));
  e.state = TicketState::resolved;
  e.resolve_due_at = now - hours(60);
  for (const auto& t : {a, b, c, d, e}) rig.save(t);

  auto board = rig.get_json("/api/v1/tickets/overdue");
  CHECK(TicketsRig::numbers(board) == std::vector<std::int64_t>{1002, 1001});
  CHECK(board["total"] == 2);
  CHECK(board["tickets"][0]["lateness"] == 7200);
  CHECK(board["tickets"][1]["lateness"] == 1800);

  // An hour on, 1003 is 50 minutes late, and still behind 1001 (90 minutes late).
  rig.clock.advance(hours(1));
  board = rig.get_json("/api/v1/tickets/overdue");
  CHECK(TicketsRig::numbers(board) == std::vector<std::int64_t>{1002, 1001, 1003});
  CHECK(board["tickets"][2]["lateness"] == 3000);

  // Within a community's scope, only its own.
  rig.as(console::ConsoleRole::community, "heping", "yangliu");
  CHECK(TicketsRig::numbers(rig.get_json("/api/v1/tickets/overdue")) == std::vector<std::int64_t>{1003});
  CHECK(rig.get("/api/v1/tickets/overdue?limit=9999").result() == http::Status::bad_request);
}
