// Message → sparse feature vector: hashed character 1-2-grams (the domain vocabulary is too
// open for a word segmenter, and BreakIterator splits 下水道/楼道灯 badly) plus one feature per
// lexicon word list and a few shape features (length, slots, links).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gridbot::understand {

struct Slots;

struct Feature {
  uint32_t index;
  float value;
};
using FeatureVector = std::vector<Feature>;  // sorted by index, no duplicates

inline constexpr uint32_t feature_bits = 17;
inline constexpr uint32_t feature_space = 1u << feature_bits;

// Raw features: n-gram counts (to be weighted by IDF) and indicator features. `is_ngram` tells
// which indices the IDF weighting applies to.
struct RawFeatures {
  FeatureVector ngrams;      // counts, sorted by index
  FeatureVector indicators;  // lexicon/shape features, value 1, sorted by index
};

// What goes into the vector; chosen by cross-validation (ClassifierOptions).
struct FeatureOptions {
  int max_ngram = 2;             // character n-grams of length 1..max_ngram (3 overfits: CV)
  bool category_lexicons = true;  // one indicator per "cat:" word list
  bool intent_cues = true;        // one indicator per "cue:" word list
  bool shape = true;              // length, slots, question and exclamation marks
  uint32_t dropped_lists = 0;     // bit i drops word_lists()[i], to measure what a list earns
};

RawFeatures extract_raw_features(std::u32string_view normalized, const Slots& slots, const FeatureOptions& options = {});

// TF-IDF weights the n-grams (sublinear tf), L2-normalizes them, then appends indicators at
// `indicator_weight`. `idf` has feature_space entries.
// Only the n-gram part of weight_features: TF-IDF, sublinear tf, L2-normalized.
FeatureVector weight_ngrams(const RawFeatures& raw, const std::vector<float>& idf);

FeatureVector weight_features(const RawFeatures& raw, const std::vector<float>& idf, float indicator_weight);

}  // namespace gridbot::understand
