#include "handlers/text_tools.hpp"

#include <array>
#include <cctype>

namespace gridbot {

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // The ideographic space is common in Chinese input.
  while (s.starts_with("\u3000")) s.remove_prefix(3);
  while (s.ends_with("\u3000")) s.remove_suffix(3);
  return s;
}

std::string strip_punctuation(std::string_view s) {
  static constexpr std::array<std::string_view, 16> marks{"！", "。", "，", "～", "、", "？", "…", "\u3000",
                                                          "：", "；", "“", "”", "（", "）", "~", "👍"};
  // Most bytes of a Chinese text start no mark (continuation bytes never do): test the marks only
  // at a byte some mark starts with. Without this, every byte of every character tried all 16.
  static constexpr auto starts_a_mark = [] {
    std::array<bool, 256> out{};
    for (auto m : marks) out[static_cast<unsigned char>(m.front())] = true;
    return out;
  }();
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!std::isspace(c) && !std::ispunct(c)) out += s[i];
      ++i;
      continue;
    }
    bool skipped = false;
    if (starts_a_mark[c])
      for (auto m : marks)
        if (s.substr(i).starts_with(m)) {
          i += m.size();
          skipped = true;
          break;
        }
    if (!skipped) out += s[i++];
  }
  return out;
}

std::optional<std::int64_t> ticket_number_in(std::string_view text) {
  auto digits_at = [&](std::size_t pos) -> std::optional<std::int64_t> {
    std::size_t end = pos;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end - pos < 4 || end - pos > 9) return std::nullopt;
    return std::stoll(std::string(text.substr(pos, end - pos)));
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#') {
      if (auto n = digits_at(i + 1)) return n;
    }
  }
  for (std::string_view word : {"工单", "单号"}) {
    for (auto pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
      std::size_t after = pos + word.size();
      while (after < text.size() && (text[after] == ' ' || text[after] == '#')) ++after;
      if (auto n = digits_at(after)) return n;
      // "1001号工单": digits just before.
      std::size_t before = pos;
      if (before >= 3 && text.substr(before - 3, 3) == "号") before -= 3;
      std::size_t start = before;
      while (start > 0 && std::isdigit(static_cast<unsigned char>(text[start - 1]))) --start;
      if (start < before)
        if (auto n = digits_at(start)) return n;
    }
  }
  return std::nullopt;
}

}  // namespace gridbot
