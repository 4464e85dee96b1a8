// Places and phone numbers named in a message, normalized like the corpus labels (SCHEMA.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gridbot::understand {

struct Slots {
  std::optional<std::string> building;  // "3", "12", "B"
  std::optional<std::string> unit;      // "2"
  std::optional<std::string> room;      // "501"
  std::optional<std::string> phone;     // "13812345678"
};

// `text` must be normalized (normalize_text): ASCII digits, simplified script.
Slots extract_slots(std::u32string_view text);

}  // namespace gridbot::understand
