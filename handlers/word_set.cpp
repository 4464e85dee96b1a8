#include "handlers/word_set.hpp"

#include <algorithm>

namespace gridbot {

WordSet::WordSet(std::span<const std::string_view> words) {
  for (std::string_view w : words) {
    if (w.empty()) continue;  // find("") would match anything; no list means that
    if (w.size() == 1) {
      single_.set(static_cast<unsigned char>(w[0]));
      continue;
    }
    words_.emplace_back(w);
    openings_.set(pair(static_cast<unsigned char>(w[0]), static_cast<unsigned char>(w[1])));
  }
  std::sort(words_.begin(), words_.end());
}

bool WordSet::found_in(std::string_view text) const {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto a = static_cast<unsigned char>(text[i]);
    if (single_[a]) return true;
    if (i + 1 == text.size()) break;
    const auto b = static_cast<unsigned char>(text[i + 1]);
    if (!openings_[pair(a, b)]) continue;
    // The sorted words opening with these two bytes, from the first not below them.
    const std::string_view rest = text.substr(i);
    const std::string_view opening = rest.substr(0, 2);
    for (auto it = std::lower_bound(words_.begin(), words_.end(), opening);
         it != words_.end() && std::string_view(*it).starts_with(opening); ++it)
      if (rest.starts_with(*it)) return true;
  }
  return false;
}

}  // namespace gridbot
