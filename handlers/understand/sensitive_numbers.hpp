// Mainland mobile numbers and ID-card numbers inside free text. Found once here so that slot
// extraction (which must take phones out before looking for rooms) and masking agree exactly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gridbot::understand {

struct NumberSpan {
  size_t begin = 0;  // code-point index of the first digit
  size_t end = 0;    // one past the last digit (separators inside are part of the span)
  std::string digits;
};

// Digits here include full-width ones, so the raw text can be scanned before normalization.
bool is_any_digit(char32_t c);

// Mobile numbers: 11 digits starting 1[3-9], possibly written in groups ("138 0991 6624",
// "133-0991-5276"), never part of a longer digit run.
std::vector<NumberSpan> find_mobile_numbers(std::u32string_view text);

// Resident ID numbers: 17 digits and a check character (digit or X), not inside a longer run.
std::vector<NumberSpan> find_id_numbers(std::u32string_view text);

}  // namespace gridbot::understand
