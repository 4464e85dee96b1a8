// Mainland mobile numbers and ID-card numbers inside free text. Found once here so that slot
// extraction (which must take phones out before looking for rooms) and masking agree exactly.
#pragma once

#include <set>
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
// "(139)1234-5678", "139.1234.5678", tabs, no-break or zero-width spaces between), in full-width
// digits or Chinese numerals ("一三九…"), after +86/0086; never part of a longer digit run.
// `digits` is the 11-digit number in ASCII.
std::vector<NumberSpan> find_mobile_numbers(std::u32string_view text);

// Resident ID numbers: 17 digits and a check character (digit or X), or the old 15-digit form,
// possibly in groups ("110101 19900101 123X"), with a real birth date; not inside a longer run.
std::vector<NumberSpan> find_id_numbers(std::u32string_view text);

// Masks phones and IDs like mask_sensitive (understand.hpp), except the mobile numbers in `keep`
// (11 ASCII digits): a number a grid member gives a resident is theirs to give.
std::string mask_sensitive(std::string_view text, const std::set<std::string>& keep);
// The mobile numbers in a text, as 11 ASCII digits.
std::set<std::string> mobile_numbers_in(std::string_view text);

}  // namespace gridbot::understand
