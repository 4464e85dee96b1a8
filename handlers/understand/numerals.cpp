#include "handlers/understand/numerals.hpp"

namespace gridbot::understand {
namespace {

int digit_value(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

}  // namespace

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool is_chinese_numeral(char32_t c) { return digit_value(c) >= 0 || c == U'十' || c == U'百'; }

std::optional<int> parse_chinese_number(std::u32string_view s) {
  if (s.empty() || s.size() > 8) return std::nullopt;
  const bool positional = s.find(U'十') == std::u32string_view::npos && s.find(U'百') == std::u32string_view::npos;
  if (positional) {
    // 一二零一 reads digit by digit, like a room number said aloud.
    int value = 0;
    for (char32_t c : s) {
      const int d = digit_value(c);
      if (d < 0) return std::nullopt;
      value = value * 10 + d;
    }
    return value;
  }
  int total = 0;
  int current = -1;  // digit waiting for its multiplier; -1 means none
  for (char32_t c : s) {
    if (c == U'百') {
      total += (current < 0 ? 1 : current) * 100;
      current = -1;
    } else if (c == U'十') {
      total += (current < 0 ? 1 : current) * 10;
      current = -1;
    } else {
      const int d = digit_value(c);
      if (d < 0) return std::nullopt;
      if (d != 0) current = d;
    }
  }
  if (current > 0) total += current;
  return total;
}

size_t number_token_start(std::u32string_view text, size_t end) {
  if (end == 0 || end > text.size()) return std::u32string_view::npos;
  size_t i = end;
  if (is_ascii_digit(text[end - 1])) {
    while (i > 0 && is_ascii_digit(text[i - 1])) --i;
  } else if (is_chinese_numeral(text[end - 1])) {
    while (i > 0 && is_chinese_numeral(text[i - 1])) --i;
  } else {
    return std::u32string_view::npos;
  }
  return i;
}

std::optional<std::string> number_token_value(std::u32string_view token) {
  if (token.empty()) return std::nullopt;
  if (is_ascii_digit(token[0])) {
    std::string out;
    for (char32_t c : token) {
      if (!is_ascii_digit(c)) return std::nullopt;
      out.push_back(static_cast<char>(c));
    }
    // Labels are written without leading zeros ("03号楼" is building 3).
    const auto nz = out.find_first_not_of('0');
    return nz == std::string::npos ? "0" : out.substr(nz);
  }
  auto v = parse_chinese_number(token);
  if (!v) return std::nullopt;
  return std::to_string(*v);
}

}  // namespace gridbot::understand
