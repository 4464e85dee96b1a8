#include "bot/platforms/text_split.hpp"

#include <algorithm>

#include "handlers/understand/utf8.hpp"

namespace gridbot::platforms {

namespace {

std::string part_label(std::size_t i, std::size_t n) {
  return "(" + std::to_string(i) + "/" + std::to_string(n) + ") ";
}

// Greedy parts of at most `budget` bytes, never cutting a character.
std::vector<std::string> cut(std::u32string_view cps, std::size_t budget) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < cps.size()) {
    std::string part;
    std::size_t last_newline = std::string::npos, newline_at = 0;
    std::size_t j = i;
    for (; j < cps.size(); ++j) {
      std::string ch;
      understand::append_utf8(ch, cps[j]);
      if (part.size() + ch.size() > budget) break;
      part += ch;
      if (cps[j] == U'\n') last_newline = part.size(), newline_at = j + 1;
    }
    if (j < cps.size() && last_newline != std::string::npos && last_newline >= budget / 2) {
      part.resize(last_newline);
      j = newline_at;
    }
    parts.push_back(std::move(part));
    i = std::max(j, i + 1);  // a budget below one character still advances
  }
  return parts;
}

}  // namespace

std::vector<std::string> split_for_limit(std::string_view text, std::size_t max_bytes) {
  max_bytes = std::max<std::size_t>(max_bytes, 32);
  const std::string clean = understand::repair_utf8(text);
  if (clean.size() <= max_bytes) return std::vector<std::string>{clean};
  auto cps = understand::decode_utf8(clean);
  // The label's width depends on the count, which depends on the label's width: widen the guess
  // until the count fits the digits it was budgeted for.
  std::size_t guess = 9;
  std::vector<std::string> parts;
  for (;;) {
    parts = cut(cps, max_bytes - part_label(guess, guess).size());
    if (std::to_string(parts.size()).size() <= std::to_string(guess).size()) break;
    guess = guess * 10 + 9;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) parts[i] = part_label(i + 1, parts.size()) + parts[i];
  return parts;
}

}  // namespace gridbot::platforms
