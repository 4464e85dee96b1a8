// Numbers as residents write them: ASCII digits (after NFKC) or Chinese numerals (十二号楼).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gridbot::understand {

bool is_ascii_digit(char32_t c);
bool is_chinese_numeral(char32_t c);

// Value of a Chinese numeral such as 三, 十二, 二十一, 一百零二, 一二零一 (digit by digit).
std::optional<int> parse_chinese_number(std::u32string_view numeral);

// The number token that ends right before `end`: a run of ASCII digits or of Chinese numerals.
// Returns its start index, or npos when there is none.
size_t number_token_start(std::u32string_view text, size_t end);

// Renders a number token (digits or Chinese numerals) as ASCII digits; nullopt if not a number.
std::optional<std::string> number_token_value(std::u32string_view token);

}  // namespace gridbot::understand
