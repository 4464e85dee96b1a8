// The period's figures put together from the SQL aggregate's slices (one per grid and category,
// for each ISO week): the totals, by grid, by category, by week, the times' spread and the
// ranking. Every slice is counted once per week, so the weeks, the grids and the categories each
// add up to the total.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "handlers/figures/figure.hpp"
#include "handlers/figures/percentiles.hpp"
#include "handlers/figures/period.hpp"
#include "handlers/figures/ranking.hpp"

namespace gridbot::figures {

struct WeekTally {
  Week week;
  Tally tally;
};

struct Summary {
  Tally total;
  std::map<std::string, Tally> by_grid, by_category;
  std::vector<WeekTally> by_week;
  Spread claim_time, resolve_time;
  std::vector<RankedGrid> ranking;
};

// `slices_by_week[i]` are the slices of `period.weeks[i]`; the times ascending, in seconds.
Summary summarize(const Period& period, const std::vector<std::vector<Slice>>& slices_by_week,
                  const std::vector<std::int64_t>& claim_times, const std::vector<std::int64_t>& resolve_times);

// The slices of one span added up per (grid, category), e.g. for the CSV.
std::vector<Slice> merge_slices(const std::vector<std::vector<Slice>>& slices_by_week);

}  // namespace gridbot::figures
