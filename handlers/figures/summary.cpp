#include "handlers/figures/summary.hpp"

namespace gridbot::figures {

Summary summarize(const Period& period, const std::vector<std::vector<Slice>>& slices_by_week,
                  const std::vector<std::int64_t>& claim_times, const std::vector<std::int64_t>& resolve_times) {
  Summary s;
  for (std::size_t i = 0; i < period.weeks.size(); ++i) {
    WeekTally week{period.weeks[i], {}};
    if (i < slices_by_week.size())
      for (const Slice& slice : slices_by_week[i]) {
        week.tally += slice.tally;
        s.by_grid[slice.grid] += slice.tally;
        s.by_category[slice.category] += slice.tally;
      }
    s.total += week.tally;
    s.by_week.push_back(std::move(week));
  }
  s.claim_time = spread_of(claim_times);
  s.resolve_time = spread_of(resolve_times);
  std::vector<GridTally> grids;
  for (const auto& [grid, tally] : s.by_grid) grids.push_back({grid, tally});
  s.ranking = rank_grids(grids);
  return s;
}

std::vector<Slice> merge_slices(const std::vector<std::vector<Slice>>& slices_by_week) {
  std::map<std::pair<std::string, std::string>, Tally> merged;
  for (const auto& week : slices_by_week)
    for (const Slice& slice : week) merged[{slice.grid, slice.category}] += slice.tally;
  std::vector<Slice> out;
  for (const auto& [key, tally] : merged) out.push_back({key.first, key.second, tally});
  return out;
}

}  // namespace gridbot::figures
