// The ranking of grids (红黑榜) on resolve on-time rate, then satisfied rate.
//
// The rule: a grid is ranked only with at least `min_ranked_tickets` tickets whose resolve is
// decided (on time or late) in the period — a grid with two tickets is luck, not performance.
// Ranked grids are ordered by resolve on-time rate, then satisfied rate (nothing rated counts as
// 0), best first; grids equal on both share a rank (1, 2, 2, 4). With n ranked grids, k =
// min(3, n / 3): the grids ranked k or better are the red list (红榜), those ranked k or better
// from the bottom the black list (黑榜); fewer than three ranked grids name nobody, and a grid that
// would be on both (everyone tied) is on neither.
#pragma once

#include <string>
#include <vector>

#include "handlers/figures/figure.hpp"

namespace gridbot::figures {

inline constexpr std::int64_t min_ranked_tickets = 5;

struct GridTally {
  std::string grid;
  Tally tally;
};

enum class List { none, red, black };
std::string_view to_string(List list);

struct RankedGrid {
  std::string grid;
  int rank = 0;
  double resolve_on_time_rate = 0, satisfied_rate = 0;
  List list = List::none;
};

// Best first; grids below the threshold are left out.
std::vector<RankedGrid> rank_grids(const std::vector<GridTally>& grids);

}  // namespace gridbot::figures
