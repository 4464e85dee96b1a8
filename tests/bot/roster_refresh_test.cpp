// When a group's platform member list is fetched: once its copy of an acknowledged notice is
// delivered, again shortly before the deadline, and never twice within ten minutes of a group's
// last attempt or stored list, failed attempts included.
#include <doctest/doctest.h>

#include "bot/rosters/roster_refresher.hpp"

using namespace gridbot;
using std::chrono::minutes;

namespace {
const Time sent = Time(Seconds(1'794'967'200));
const storage::RosterWanted notice{"g1", sent, sent + minutes(60), std::nullopt};
const RosterTiming timing;
}  // namespace

TEST_CASE("delivered and never fetched: due; fetched before the notice went out: due again") {
  CHECK(roster_refresh_due(sent, notice, std::nullopt, std::nullopt, timing));
  CHECK(roster_refresh_due(sent + minutes(11), notice, sent - minutes(30), std::nullopt, timing));
  CHECK_FALSE(roster_refresh_due(sent + minutes(1), notice, sent, std::nullopt, timing));
}

TEST_CASE("shortly before the deadline: due once, when the stored list is older than that window") {
  const Time before = notice.deadline - minutes(14);
  CHECK_FALSE(roster_refresh_due(notice.deadline - minutes(16), notice, sent, sent, timing));
  CHECK(roster_refresh_due(before, notice, sent, sent, timing));
  CHECK_FALSE(roster_refresh_due(before + minutes(11), notice, before, before, timing));
  // A notice delivered within the window was fetched at delivery: nothing more before the deadline.
  const storage::RosterWanted late{"g1", notice.deadline - minutes(12), notice.deadline, std::nullopt};
  CHECK_FALSE(roster_refresh_due(notice.deadline - minutes(1), late, late.sent_at, late.sent_at, timing));
}

TEST_CASE("at most one fetch per group in ten minutes: a second notice, a failed attempt, a restart") {
  const storage::RosterWanted second{"g1", sent + minutes(3), sent + minutes(60), std::nullopt};
  CHECK_FALSE(roster_refresh_due(sent + minutes(3), second, sent, sent, timing));          // a second notice
  CHECK_FALSE(roster_refresh_due(sent + minutes(9), notice, std::nullopt, sent, timing));  // the first failed
  CHECK(roster_refresh_due(sent + minutes(10), notice, std::nullopt, sent, timing));
  CHECK_FALSE(roster_refresh_due(sent + minutes(5), second, sent, std::nullopt, timing));  // after a restart
}
