#include "handlers/understand/phrase_index.hpp"

namespace gridbot::understand {

namespace {
constexpr uint64_t seed = 0x1E8;
}

PhraseIndex::PhraseIndex(std::span<const std::span<const std::u32string_view>> lists) {
  for (uint32_t i = 0; i < lists.size(); ++i)
    for (auto w : lists[i]) {
      uint64_t h = seed;
      for (size_t n = 1; n <= w.size(); ++n) {
        h = hash_mix(h, w[n - 1]);
        Entry& e = by_hash_[h];
        if (n == w.size()) e.phrases.emplace_back(i, w);
        else e.extends = true;
      }
    }
}

void PhraseIndex::find_all(std::u32string_view t, std::vector<Hit>& out) const {
  for (size_t i = 0; i < t.size(); ++i) {
    uint64_t h = seed;
    for (size_t n = 1; i + n <= t.size(); ++n) {
      h = hash_mix(h, t[i + n - 1]);
      auto it = by_hash_.find(h);
      if (it == by_hash_.end()) break;
      for (const auto& [list, word] : it->second.phrases) out.push_back({list, static_cast<uint32_t>(i), word});
      if (!it->second.extends) break;
    }
  }
}

}  // namespace gridbot::understand
