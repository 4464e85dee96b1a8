#include "handlers/figures/percentiles.hpp"

#include <cmath>

namespace gridbot::figures {

std::optional<std::int64_t> nearest_rank(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return std::nullopt;
  // Computed in integers where it matters: 0.9 × 10 must be rank 9, not 9.000000000000002 → 10.
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p * n - 1e-9));
  if (rank < 1) rank = 1;
  if (rank > sorted.size()) rank = sorted.size();
  return sorted[rank - 1];
}

Spread spread_of(const std::vector<std::int64_t>& sorted) { return {nearest_rank(sorted, 0.5), nearest_rank(sorted, 0.9)}; }

}  // namespace gridbot::figures
