#include "handlers/understand/sensitive_numbers.hpp"

#include "handlers/understand/understand.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot::understand {
namespace {

char ascii_digit(char32_t c) { return c >= 0xFF10 ? static_cast<char>('0' + (c - 0xFF10)) : static_cast<char>(c); }

bool is_separator(char32_t c) { return c == U' ' || c == U'-' || c == 0x3000 || c == 0xFF0D; }

struct DigitGroup {
  size_t begin;
  size_t end;
};

// Maximal chains of digit groups joined by single separators: "138 0991 6624" is one chain of
// three groups, "3-2-501" one chain of three, "电话13812345678" one chain of one.
std::vector<std::vector<DigitGroup>> digit_chains(std::u32string_view text) {
  std::vector<std::vector<DigitGroup>> chains;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_any_digit(text[i])) { ++i; continue; }
    std::vector<DigitGroup> chain;
    while (true) {
      size_t b = i;
      while (i < text.size() && is_any_digit(text[i])) ++i;
      chain.push_back({b, i});
      if (i + 1 < text.size() && is_separator(text[i]) && is_any_digit(text[i + 1])) { ++i; continue; }
      break;
    }
    chains.push_back(std::move(chain));
  }
  return chains;
}

std::string digits_of(std::u32string_view text, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e; ++i)
    if (is_any_digit(text[i])) out.push_back(ascii_digit(text[i]));
  return out;
}

bool is_mobile(const std::string& d) { return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'; }

}  // namespace

bool is_any_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19); }

std::vector<NumberSpan> find_mobile_numbers(std::u32string_view text) {
  std::vector<NumberSpan> found;
  for (const auto& chain : digit_chains(text)) {
    // Try windows of consecutive groups; a window is a phone when its digits are exactly one
    // mobile number. Windows start only at a group boundary, so 3-2-501 never looks like one.
    for (size_t first = 0; first < chain.size(); ++first) {
      size_t total = 0;
      for (size_t last = first; last < chain.size(); ++last) {
        total += chain[last].end - chain[last].begin;
        if (total > 11) break;
        if (total < 11) continue;
        auto d = digits_of(text, chain[first].begin, chain[last].end);
        if (is_mobile(d)) {
          found.push_back({chain[first].begin, chain[last].end, std::move(d)});
          first = last;
        }
        break;
      }
    }
  }
  return found;
}

std::vector<NumberSpan> find_id_numbers(std::u32string_view text) {
  std::vector<NumberSpan> found;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_any_digit(text[i])) { ++i; continue; }
    size_t b = i;
    while (i < text.size() && is_any_digit(text[i])) ++i;
    size_t e = i;
    if (e - b == 17 && i < text.size() && (text[i] == U'X' || text[i] == U'x' || text[i] == 0xFF38 || text[i] == 0xFF58))
      ++e, ++i;
    if (e - b != 18) continue;
    auto digits = digits_of(text, b, e);
    if (digits.size() == 17) digits.push_back('X');
    found.push_back({b, e, std::move(digits)});
  }
  return found;
}

std::string mask_sensitive(std::string_view raw) {
  std::u32string text = decode_utf8(raw);
  // Masks the digits (not separators) of a span from digit index `keep_front` up to `keep_back`
  // digits before its end, so "138 0991 6624" becomes "138 **** 6624".
  auto mask = [&](const NumberSpan& s, size_t keep_front, size_t keep_back) {
    const size_t count = s.end - s.begin;
    size_t digit_index = 0;
    const size_t total_digits = s.digits.size();
    for (size_t i = s.begin; i < s.begin + count; ++i) {
      const bool digit_like = is_any_digit(text[i]) || text[i] == U'X' || text[i] == U'x';
      if (!digit_like) continue;
      if (digit_index >= keep_front && digit_index < total_digits - keep_back) text[i] = U'*';
      ++digit_index;
    }
  };
  for (const auto& s : find_id_numbers(text)) mask(s, 6, 4);
  for (const auto& s : find_mobile_numbers(text)) mask(s, 3, 4);
  return encode_utf8(text);
}

}  // namespace gridbot::understand
