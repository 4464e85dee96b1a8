#include "handlers/figures/figure.hpp"

namespace gridbot::figures {

namespace {

// In the enum's order: the names the API and the drill-down's ?figure= use.
constexpr std::array<std::string_view, figure_count> names{
    "received", "answered",      "resolved",   "confirmed",       "satisfied",   "basically_satisfied", "unsatisfied",
    "unrated",  "awaiting_rating", "claim_on_time", "claim_late", "resolve_on_time", "resolve_late"};

}  // namespace

std::string_view to_string(Figure figure) { return names[static_cast<std::size_t>(figure)]; }

std::optional<Figure> figure_from_string(std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<Figure>(i);
  return std::nullopt;
}

Tally& Tally::operator+=(const Tally& other) {
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
  return *this;
}

std::optional<double> rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> Tally::claim_on_time_rate() const {
  return rate((*this)[Figure::claim_on_time], (*this)[Figure::claim_on_time] + (*this)[Figure::claim_late]);
}

std::optional<double> Tally::resolve_on_time_rate() const { return rate((*this)[Figure::resolve_on_time], resolve_decided()); }

std::optional<double> Tally::satisfied_rate() const {
  const auto& t = *this;
  return rate(t[Figure::satisfied],
              t[Figure::satisfied] + t[Figure::basically_satisfied] + t[Figure::unsatisfied] + t[Figure::unrated]);
}

}  // namespace gridbot::figures
