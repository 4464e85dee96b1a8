// The 18 category ids of SCHEMA.md, in a fixed order the models index by.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace gridbot::understand {

inline constexpr std::array<std::string_view, 18> category_ids{
    "drainage",        "utilities",     "building_repair", "elevator",      "sanitation",     "noise",
    "street_order",    "parking_traffic", "dispute",       "safety_hazard", "public_security", "welfare",
    "paperwork",       "policy_inquiry", "property_service", "public_facility", "suggestion",   "other"};

inline constexpr size_t intent_count = 6;

inline std::optional<size_t> category_index(std::string_view id) {
  for (size_t i = 0; i < category_ids.size(); ++i)
    if (category_ids[i] == id) return i;
  return std::nullopt;
}

}  // namespace gridbot::understand
