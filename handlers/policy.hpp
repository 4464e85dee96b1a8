// Time limits (限时办结) per category and urgency.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "handlers/time.hpp"

namespace gridbot {

struct Deadlines {
  Seconds claim{};
  Seconds resolve{};
};

struct Policy {
  Deadlines normal{std::chrono::hours(2), std::chrono::hours(72)};
  Deadlines urgent{std::chrono::minutes(15), std::chrono::hours(4)};
  std::map<std::string, Deadlines, std::less<>> by_category;  // overrides `normal` for a category

  const Deadlines& deadlines_for(std::string_view category, bool is_urgent) const {
    if (is_urgent) return urgent;
    auto it = by_category.find(category);
    return it == by_category.end() ? normal : it->second;
  }
};

}  // namespace gridbot
