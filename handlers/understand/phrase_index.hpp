// Every occurrence of many short phrases in one pass over a text: one hash lookup per
// (position, length) and a scan from a position stops at the first length no phrase starts
// with, so matching a thousand phrases costs about two lookups per character instead of a
// search per phrase.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gridbot::understand {

constexpr uint64_t hash_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}

class PhraseIndex {
 public:
  struct Hit {
    uint32_t list;             // index into the lists given to the constructor
    uint32_t pos;              // where the phrase starts in the text
    std::u32string_view word;  // the phrase (static storage of the list, not the text)
  };

  explicit PhraseIndex(std::span<const std::span<const std::u32string_view>> lists);

  // Appends every occurrence in `text`, ordered by position.
  void find_all(std::u32string_view text, std::vector<Hit>& out) const;

 private:
  struct Entry {
    std::vector<std::pair<uint32_t, std::u32string_view>> phrases;  // lists holding exactly this word
    bool extends = false;                                             // a longer phrase starts with it
  };
  std::unordered_map<uint64_t, Entry> by_hash_;
};

}  // namespace gridbot::understand
