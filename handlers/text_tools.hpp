// Small text helpers for reading what people type: trimming, punctuation, ticket numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gridbot {

std::string_view trim(std::string_view s);
// Drops spaces and common ASCII/full-width punctuation and emoji-free symbols: "满意！" → "满意".
std::string strip_punctuation(std::string_view s);
// A ticket number written as "#1001", "1001号工单", "工单1001": four or more digits after '#' or
// next to 工单/单号; none when the text names no ticket.
std::optional<std::int64_t> ticket_number_in(std::string_view text);

}  // namespace gridbot
