#include "handlers/understand/features.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "handlers/understand/lexicon.hpp"
#include "handlers/understand/phrase_index.hpp"
#include "handlers/understand/slots.hpp"

namespace gridbot::understand {
namespace {

constexpr auto mix = hash_mix;

uint32_t bucket(uint64_t h) { return static_cast<uint32_t>((h ^ (h >> 29)) & (feature_space - 1)); }

uint32_t named_bucket(std::string_view name) {
  uint64_t h = 0xC0FFEE;
  for (char c : name) h = mix(h, static_cast<unsigned char>(c));
  return bucket(mix(h, 0xFEA7));
}

// Digits collapse to one symbol so "3号楼" and "15号楼" share n-grams; ASCII folds to lower case.
char32_t fold(char32_t c) {
  if (c >= U'0' && c <= U'9') return U'0';
  if (c >= U'A' && c <= U'Z') return c + 32;
  return c;
}

// All lexicon words in one PhraseIndex, with each list's feature bucket.
std::vector<std::span<const std::u32string_view>> list_words() {
  std::vector<std::span<const std::u32string_view>> out;
  for (const auto& l : word_lists()) out.push_back(l.words);
  return out;
}

struct LexiconIndex {
  PhraseIndex phrases{list_words()};
  std::vector<uint32_t> list_buckets;
  std::vector<bool> is_category;  // a "cat:" list, else an intent "cue:" list

  LexiconIndex() {
    for (const auto& l : word_lists()) {
      list_buckets.push_back(named_bucket(l.name));
      is_category.push_back(l.name.starts_with("cat:"));
    }
  }
};

const LexiconIndex& lexicon_index() {
  static const LexiconIndex index;
  return index;
}

void sort_and_merge(FeatureVector& v) {
  std::sort(v.begin(), v.end(), [](const Feature& a, const Feature& b) { return a.index < b.index; });
  size_t out = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (out > 0 && v[out - 1].index == v[i].index) v[out - 1].value += v[i].value;
    else v[out++] = v[i];
  }
  v.resize(out);
}

void add_shape_features(std::u32string_view t, const Slots& slots, FeatureVector& out) {
  const size_t n = t.size();
  const char* length = n <= 2 ? "len:tiny" : n <= 6 ? "len:short" : n <= 15 ? "len:mid" : n <= 40 ? "len:long" : "len:huge";
  out.push_back({named_bucket(length), 1});
  if (slots.building || slots.unit || slots.room) out.push_back({named_bucket("slot:place"), 1});
  if (slots.phone) out.push_back({named_bucket("slot:phone"), 1});
  if (t.find(U'?') != std::u32string_view::npos) out.push_back({named_bucket("shape:question"), 1});
  if (t.find(U'!') != std::u32string_view::npos) out.push_back({named_bucket("shape:exclaim"), 1});
}

}  // namespace

RawFeatures extract_raw_features(std::u32string_view t, const Slots& slots, const FeatureOptions& options) {
  RawFeatures raw;
  raw.ngrams.reserve(t.size() * 3 + 8);
  // Boundary markers let short messages ("收到", "1") have their own whole-message n-grams.
  std::u32string folded;
  folded.reserve(t.size() + 2);
  folded.push_back(U'\x02');
  for (char32_t c : t) folded.push_back(fold(c));
  folded.push_back(U'\x03');
  for (size_t i = 0; i < folded.size(); ++i) {
    uint64_t h = 0x5EED;
    for (size_t n = 1; n <= static_cast<size_t>(options.max_ngram) && i + n <= folded.size(); ++n) {
      h = mix(h, folded[i + n - 1]);
      if (n == 1 && (folded[i] == U' ' || folded[i] < 0x20)) continue;
      raw.ngrams.push_back({bucket(h), 1});
    }
  }
  sort_and_merge(raw.ngrams);

  const auto& lex = lexicon_index();
  std::vector<bool> seen(lex.list_buckets.size(), false);
  if (options.category_lexicons || options.intent_cues) {
    thread_local std::vector<PhraseIndex::Hit> hits;
    hits.clear();
    lex.phrases.find_all(t, hits);
    for (const auto& h : hits) seen[h.list] = true;
  }
  for (size_t i = 0; i < seen.size(); ++i)
    if (seen[i] && (lex.is_category[i] ? options.category_lexicons : options.intent_cues) &&
        !(options.dropped_lists >> i & 1u))
      raw.indicators.push_back({lex.list_buckets[i], 1});
  if (options.shape) add_shape_features(t, slots, raw.indicators);
  sort_and_merge(raw.indicators);
  return raw;
}

FeatureVector weight_ngrams(const RawFeatures& raw, const std::vector<float>& idf) {
  FeatureVector out;
  out.reserve(raw.ngrams.size() + raw.indicators.size());
  double norm = 0;
  for (const auto& f : raw.ngrams) {
    const float v = (1.0f + std::log(f.value)) * idf[f.index];
    out.push_back({f.index, v});
    norm += static_cast<double>(v) * v;
  }
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& f : out) f.value *= inv;
  }
  return out;
}

FeatureVector weight_features(const RawFeatures& raw, const std::vector<float>& idf, float indicator_weight) {
  FeatureVector out = weight_ngrams(raw, idf);
  for (const auto& f : raw.indicators) out.push_back({f.index, indicator_weight});
  sort_and_merge(out);
  return out;
}

}  // namespace gridbot::understand
