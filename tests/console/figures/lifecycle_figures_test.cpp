// The figures read what the lifecycle's own handlers record: a ticket filed by intake, its claim
// deadline passed (the timer's claim_overdue and the escalation it causes), claimed late by a
// member's 接单, resolved by 办结, rated 满意 by the resident — counted as claim late, resolve on
// time and satisfied, with its times to the minute.
#include <doctest/doctest.h>

#include "bot/policy_loader.hpp"
#include "handlers/dispatch.hpp"
#include "tests/console/figures/figures_rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {

struct Lifecycle {
  FiguresRig& rig;
  Policy policy = parse_policy(rig.file.text, rig.file.source, rig.file.base_dir, rig.org);
  int next = 1;

  Context context(Time now) {
    return Context{now, rig.org, rig.store.tickets, policy, templates::Catalog::builtin(), &rig.store.notices, &rig.store.alerts};
  }
  void say(const std::string& chat, const std::string& sender, const std::string& text, Time now) {
    Inbound in{"local", "m" + std::to_string(next++), chat, sender, text, std::nullopt, now};
    MessageReceived event{in, chat.empty() ? nullptr : rig.org.group_by_chat("local", chat), rig.org.person_by_account("local", sender)};
    rig.store.apply(handle(event, context(now)), now);
  }
  // Fires the ticket's earliest pending timer of `kind` as of its due time, as the scheduler does.
  Time fire(std::int64_t ticket, const std::string& kind) {
    SQLite::Statement q(rig.db, "SELECT id, due_at, payload FROM timers WHERE status = 'pending' AND ticket = ? AND kind = ? "
                                "ORDER BY due_at LIMIT 1");
    q.bind(1, ticket);
    q.bind(2, kind);
    REQUIRE(q.executeStep());
    const Time due = Time(Seconds(q.getColumn(1).getInt64()));
    const TimerDue timer{q.getColumn(0).getInt64(), kind, ticket, due, q.getColumn(2).getString()};
    q.reset();
    REQUIRE(rig.store.timers.mark_fired(timer.id, due));
    rig.store.apply(handle(timer, context(due)), due);
    return due;
  }
};

}  // namespace

TEST_CASE("a ticket through the real handlers: claim late, resolve on time, satisfied") {
  FiguresRig rig;
  Lifecycle life{rig};
  life.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了，污水冒出来了", T);
  const std::int64_t number = 1001;
  REQUIRE(rig.store.tickets.find(number));
  CHECK(life.fire(number, "claim_limit") == T + minutes_(96));  // its reminder step
  CHECK(life.fire(number, "claim_limit") == T + hours_(2));     // re-armed for the deadline
  life.say("", "wangfang", "接单 1001", T + hours_(3));
  life.say("", "wangfang", "办结 1001 已疏通", T + hours_(4));
  life.say("", "zhangwei", "满意", T + hours_(5));
  REQUIRE(rig.store.tickets.find(number)->state == TicketState::closed);

  rig.clock.advance(-(rig.clock.now() - (T + hours_(6))));
  const auto f = rig.get_json("/api/v1/figures?from=2026-11-18&to=2026-11-18");
  CHECK(f["received"]["count"] == 1);
  CHECK(f["answered"]["count"] == 1);
  CHECK(f["resolved"]["count"] == 1);
  CHECK(f["confirmed"]["count"] == 1);
  CHECK(f["satisfied"]["count"] == 1);
  CHECK(f["awaiting_rating"]["count"] == 0);
  CHECK(f["claim_on_time"]["late"] == 1);
  CHECK(f["claim_on_time"]["on_time"] == 0);
  CHECK(f["resolve_on_time"]["on_time"] == 1);  // the escalation was the claim's, not a resolve breach
  CHECK(f["resolve_on_time"]["late"] == 0);
  CHECK(f["claim_time"]["median"] == 3 * 3600);
  CHECK(f["resolve_time"]["median"] == 4 * 3600);
}
