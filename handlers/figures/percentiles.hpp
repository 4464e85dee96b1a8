// Median and 90th percentile of claim and resolve times, by nearest rank: the value at rank
// ceil(p × n) of the sorted times, so every figure is a time some ticket really took (no
// interpolated second nobody waited), and the median of an even count is the lower middle.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace gridbot::figures {

// `sorted` ascending; nothing for an empty list. p in (0, 1].
std::optional<std::int64_t> nearest_rank(const std::vector<std::int64_t>& sorted, double p);

struct Spread {
  std::optional<std::int64_t> median, p90;  // seconds
};
Spread spread_of(const std::vector<std::int64_t>& sorted);

}  // namespace gridbot::figures
