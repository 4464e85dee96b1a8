// 监测预警: a burst of reports of one category in one grid raises an alert, once per burst.
//
// A report is a new ticket or a neighbour's "+1" on an open one (another resident seeing the same
// problem is exactly the signal); a reporter repeating their own report is chasing it (催办) and
// does not count. With the policy's `early_warning: {count: N, window_minutes: M}`, the N-th report
// of a category in a grid within M minutes raises an alert: stored for the console and sent to the
// community head(s) of that community. Later reports within M minutes of the burst's last one
// belong to the same burst: the alert's count and tickets grow, nobody is told again. Once M
// minutes pass without a report, the burst is over, and N new reports within M minutes raise a
// new alert. The place is the grid, always known for a routed ticket; the alert names the
// building when every report of the burst named the same one (a burst in one building is always
// a burst in its grid, so counting per grid misses none and never raises two alerts for one).
#pragma once

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

// Called by intake for each report of ticket `t` (just created, or just given a "+1"), at ctx.now.
void watch_for_burst(Actions& out, const Ticket& t, const Context& ctx);

}  // namespace gridbot
