#include "handlers/figures/ranking.hpp"

#include <algorithm>

namespace gridbot::figures {

std::string_view to_string(List list) {
  switch (list) {
    case List::red: return "red";
    case List::black: return "black";
    case List::none: break;
  }
  return "none";
}

std::vector<RankedGrid> rank_grids(const std::vector<GridTally>& grids) {
  std::vector<RankedGrid> out;
  for (const auto& g : grids) {
    if (g.tally.resolve_decided() < min_ranked_tickets) continue;
    out.push_back({g.grid, 0, g.tally.resolve_on_time_rate().value_or(0), g.tally.satisfied_rate().value_or(0), List::none});
  }
  const auto score = [](const RankedGrid& g) { return std::pair{g.resolve_on_time_rate, g.satisfied_rate}; };
  std::sort(out.begin(), out.end(), [&](const RankedGrid& a, const RankedGrid& b) {
    if (score(a) != score(b)) return score(a) > score(b);
    return a.grid < b.grid;  // a stable order for equals; they share the rank anyway
  });
  const int n = static_cast<int>(out.size());
  const int k = std::min(3, n / 3);
  for (int i = 0; i < n; ++i) out[i].rank = (i > 0 && score(out[i]) == score(out[i - 1])) ? out[i - 1].rank : i + 1;
  // The rank from the bottom, with ties shared the same way: 1 for the worst.
  std::vector<int> from_bottom(n);
  for (int i = n - 1; i >= 0; --i)
    from_bottom[i] = (i < n - 1 && score(out[i]) == score(out[i + 1])) ? from_bottom[i + 1] : n - i;
  for (int i = 0; i < n; ++i) {
    const bool red = out[i].rank <= k, black = from_bottom[i] <= k;
    out[i].list = red && black ? List::none : red ? List::red : black ? List::black : List::none;
  }
  return out;
}

}  // namespace gridbot::figures
