// The database the figures benches read: `tickets` tickets as the lifecycle leaves them (claims,
// replies, resolutions, ratings, some claim breaches and escalations), spread over the 30 days
// before figures_bench_end, 4 grids and 6 categories of the sample organization.
#pragma once

#include <string>

#include "handlers/organization.hpp"
#include "handlers/time.hpp"

namespace gridbot::bench {

// 2026-11-18 10:00 Beijing: the last ticket's creation; the first is 30 days before.
inline const Time figures_bench_end = Time(Seconds(1'794'967'200));

// Creates (or migrates) the database at `path` and adds the tickets in one transaction.
void fill_figures_tickets(const std::string& path, int tickets, const Organization& org);

}  // namespace gridbot::bench
