#include "handlers/understand/sensitive_numbers.hpp"

#include <algorithm>
#include <optional>

#include "handlers/understand/understand.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot::understand {
namespace {

constexpr std::u32string_view chinese_digits = U"〇一二三四五六七八九";

// The digit a character stands for: ASCII, full-width, or a Chinese numeral as people read out a
// number ("一三九…", 零 and 〇 for 0, 幺 for 1); -1 for anything else.
int digit_value(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  if (auto i = chinese_digits.find(c); i != std::u32string_view::npos) return static_cast<int>(i);
  if (c == U'零') return 0;
  if (c == U'幺') return 1;
  return -1;
}

bool is_digit_like(char32_t c) { return digit_value(c) >= 0; }
bool is_chinese_numeral(char32_t c) { return is_digit_like(c) && !is_any_digit(c); }
bool is_check_letter(char32_t c) { return c == U'X' || c == U'x' || c == 0xFF38 || c == 0xFF58; }
bool is_letter(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }

// What people put between the groups of one number: spaces of every width (tab, no-break,
// ideographic), zero-width characters, dashes, dots, slashes and brackets, in ASCII or full width.
bool is_separator(char32_t c) {
  static constexpr std::u32string_view marks =
      U" \t\u00A0\u3000\u200B\u200C\u200D\u2060\uFEFF-\u2010\u2011\u2012\u2013\u2014\u2212\uFF0D.\uFF0E/\uFF0F()\uFF08\uFF09_";
  return marks.find(c) != std::u32string_view::npos || (c >= 0x2000 && c <= 0x200A);
}

// At most this many separator characters between two groups: ") " in "(139) 1234", " - ".
constexpr size_t max_gap = 3;

struct DigitGroup {
  size_t begin;
  size_t end;
  bool check_letter = false;  // ends with an ID card's X
};

// Maximal chains of digit groups joined by short runs of separators: "138 0991 6624" is one chain
// of three groups, "3-2-501" one chain of three, "电话13812345678" one chain of one. A run of
// digits whose script changes is two groups with no gap: a name can end in a numeral (赵六, 王五)
// glued to the phone after it, and "赵六13900001111" must still find the eleven digits; a number
// read out in mixed script ("139零零001111") is still one chain.
std::vector<std::vector<DigitGroup>> digit_chains(std::u32string_view text) {
  std::vector<std::vector<DigitGroup>> chains;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit_like(text[i])) {
      ++i;
      continue;
    }
    std::vector<DigitGroup> chain;
    for (;;) {
      DigitGroup g{i, i};
      const bool chinese = is_chinese_numeral(text[i]);
      while (i < text.size() && is_digit_like(text[i]) && is_chinese_numeral(text[i]) == chinese) ++i;
      if (i < text.size() && is_check_letter(text[i]) && (i + 1 == text.size() || !is_letter(text[i + 1]))) {
        ++i;
        g.check_letter = true;
      }
      g.end = i;
      chain.push_back(g);
      if (!g.check_letter && i < text.size() && is_digit_like(text[i])) continue;  // the script changed
      size_t gap = 0;
      while (i + gap < text.size() && gap < max_gap + 1 && is_separator(text[i + gap])) ++gap;
      if (g.check_letter || gap == 0 || gap > max_gap || i + gap >= text.size() || !is_digit_like(text[i + gap])) break;
      i += gap;
    }
    chains.push_back(std::move(chain));
  }
  return chains;
}

// The digits of text[b, e) as ASCII, separators skipped, an ID's check letter as 'X'.
std::string digits_of(std::u32string_view text, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (int d = digit_value(text[i]); d >= 0) out.push_back(static_cast<char>('0' + d));
    else if (is_check_letter(text[i])) out.push_back('X');
  }
  return out;
}

// The index in text of the n-th digit of the span starting at b.
size_t nth_digit(std::u32string_view text, size_t b, size_t n) {
  for (size_t i = b; i < text.size(); ++i)
    if (is_digit_like(text[i]) && n-- == 0) return i;
  return text.size();
}

bool is_mobile(std::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && d.find('X') == std::string_view::npos;
}

bool all_digits(std::string_view d) { return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; }); }

bool valid_month_day(std::string_view mmdd) {
  const int month = (mmdd[0] - '0') * 10 + (mmdd[1] - '0');
  const int day = (mmdd[2] - '0') * 10 + (mmdd[3] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// 18 characters: area(6) birth date YYYYMMDD sequence(3) check(digit or X); or the old 15-digit
// form: area(6) YYMMDD sequence(3). The date must be one, so order and tracking numbers are left.
bool is_id_number(std::string_view d) {
  if (d.size() == 18) {
    if (!all_digits(d.substr(0, 17)) || d[0] == '0') return false;
    const std::string_view century = d.substr(6, 2);
    return (century == "18" || century == "19" || century == "20") && valid_month_day(d.substr(10, 4));
  }
  if (d.size() == 15) return all_digits(d) && d[0] != '0' && valid_month_day(d.substr(8, 4));
  return false;
}

// Windows of consecutive groups of a chain, at group boundaries only (so 3-2-501 never looks like a
// phone), whose digits `accept` takes; each group used once.
template <class Accept>
std::vector<NumberSpan> find_in_chains(std::u32string_view text, Accept accept) {
  std::vector<NumberSpan> found;
  for (const auto& chain : digit_chains(text))
    for (size_t first = 0; first < chain.size(); ++first) {
      for (size_t last = first; last < chain.size(); ++last) {
        const std::string d = digits_of(text, chain[first].begin, chain[last].end);
        if (d.size() > 18) break;
        if (auto span = accept(d, chain[first].begin, chain[last].end)) {
          found.push_back(std::move(*span));
          first = last;
          break;
        }
      }
    }
  return found;
}

}  // namespace

bool is_any_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19); }

std::vector<NumberSpan> find_mobile_numbers(std::u32string_view text) {
  return find_in_chains(text, [&](const std::string& d, size_t b, size_t e) -> std::optional<NumberSpan> {
    if (is_mobile(d)) return NumberSpan{b, e, d};
    // The country code glued on: "+8613912345678", "008613912345678" — the number after it.
    for (std::string_view prefix : {"86", "0086"})
      if (d.size() == prefix.size() + 11 && d.starts_with(prefix) && is_mobile(std::string_view(d).substr(prefix.size())))
        return NumberSpan{nth_digit(text, b, prefix.size()), e, d.substr(prefix.size())};
    return std::nullopt;
  });
}

std::vector<NumberSpan> find_id_numbers(std::u32string_view text) {
  return find_in_chains(text, [&](const std::string& d, size_t b, size_t e) -> std::optional<NumberSpan> {
    if (is_id_number(d)) return NumberSpan{b, e, d};
    return std::nullopt;
  });
}

std::string mask_sensitive(std::string_view raw, const std::set<std::string>& keep) {
  std::u32string text = decode_utf8(raw);
  // Masks the digits (not separators) of a span from digit index `keep_front` up to `keep_back`
  // digits before its end, so "138 0991 6624" becomes "138 **** 6624".
  auto mask = [&](const NumberSpan& s, size_t keep_front, size_t keep_back) {
    size_t digit_index = 0;
    const size_t total_digits = s.digits.size();
    for (size_t i = s.begin; i < s.end; ++i) {
      if (!is_digit_like(text[i]) && !is_check_letter(text[i])) continue;
      if (digit_index >= keep_front && digit_index < total_digits - keep_back) text[i] = U'*';
      ++digit_index;
    }
  };
  const auto ids = find_id_numbers(text);
  for (const auto& s : ids) mask(s, 6, s.digits.size() == 15 ? 3 : 4);
  for (const auto& s : find_mobile_numbers(text)) {
    const bool inside_id = std::any_of(ids.begin(), ids.end(), [&](const NumberSpan& id) { return s.begin < id.end && id.begin < s.end; });
    if (!inside_id && !keep.contains(s.digits)) mask(s, 3, 4);
  }
  return encode_utf8(text);
}

std::string mask_sensitive(std::string_view raw) { return mask_sensitive(raw, {}); }

std::set<std::string> mobile_numbers_in(std::string_view raw) {
  std::set<std::string> out;
  for (const auto& s : find_mobile_numbers(decode_utf8(raw))) out.insert(s.digits);
  return out;
}

}  // namespace gridbot::understand
