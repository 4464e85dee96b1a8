#include "handlers/understand/classifier.hpp"

#include <array>
#include <cmath>

#include "handlers/understand/categories.hpp"
#include "handlers/understand/features.hpp"
#include "handlers/understand/intent_rules.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/slots.hpp"
#include "handlers/understand/urgency.hpp"

namespace gridbot::understand {
namespace {

struct Analysed {
  std::u32string text;
  Slots slots;
  RawFeatures raw;
};

Analysed analyse(std::string_view raw_text, const FeatureOptions& options) {
  Analysed a;
  a.text = normalize_text(raw_text);
  a.slots = extract_slots(a.text);
  a.raw = extract_raw_features(a.text, a.slots, options);
  return a;
}

bool needs_category(Intent i) { return i == Intent::request || i == Intent::followup; }

}  // namespace

Classifier::Classifier(std::span<const LabeledMessage> training, const ClassifierOptions& options)
    : options_(options), idf_(feature_space, 1.0f) {
  std::vector<RawFeatures> raw;
  raw.reserve(training.size());
  std::vector<uint32_t> document_frequency(feature_space, 0);
  for (const auto& m : training) {
    raw.push_back(analyse(m.text, options_.features).raw);
    for (const auto& f : raw.back().ngrams) ++document_frequency[f.index];
  }
  const float n = static_cast<float>(training.size());
  for (uint32_t i = 0; i < feature_space; ++i)
    idf_[i] = std::log((1.0f + n) / (1.0f + static_cast<float>(document_frequency[i]))) + 1.0f;

  std::vector<FeatureVector> features, category_features;
  features.reserve(raw.size());
  category_features.reserve(raw.size());
  for (const auto& r : raw) {
    features.push_back(weight_features(r, idf_, options_.indicator_weight));
    category_features.push_back(weight_features(r, idf_, options_.category_indicator_weight));
  }

  std::vector<TrainingExample> intents;
  std::vector<TrainingExample> categories;
  for (size_t i = 0; i < training.size(); ++i) {
    const auto& label = training[i].label;
    intents.push_back({&features[i], static_cast<uint32_t>(label.intent)});
    if (needs_category(label.intent) && label.category)
      if (auto c = category_index(*label.category)) categories.push_back({&category_features[i], static_cast<uint32_t>(*c)});
  }
  intent_model_ = LinearModel(intent_count, intents, options_.intent_training);
  if (std::isfinite(options_.learned_urgency_margin)) {
    std::vector<TrainingExample> urgent;
    for (size_t i = 0; i < training.size(); ++i)
      if (needs_category(training[i].label.intent))
        urgent.push_back({&category_features[i], training[i].label.urgent ? 1u : 0u});
    urgent_model_ = LinearModel(2, urgent, options_.category_training);
  }
  category_model_ = LinearModel(category_ids.size(), categories, options_.category_training);
}

Understanding Classifier::understand(std::string_view raw_text) const { return explain(raw_text).result; }

Classifier::Explanation Classifier::explain(std::string_view raw_text) const {
  Explanation e;
  Understanding& u = e.result;
  const Analysed a = analyse(raw_text, options_.features);
  u.building = a.slots.building;
  u.unit = a.slots.unit;
  u.room = a.slots.room;
  u.phone = a.slots.phone;

  e.urgency = assess_urgency(a.text);
  const UrgencyAssessment& urgency = e.urgency;
  std::optional<Intent> ruled = options_.use_intent_rules ? rule_intent(a.text) : std::nullopt;
  const FeatureVector x = weight_ngrams(a.raw, idf_);
  const auto& indicators = a.raw.indicators;
  const uint32_t excluded = may_be_acknowledgement(a.text) ? 0u : 1u << static_cast<uint32_t>(Intent::ack);
  u.intent = ruled ? *ruled : static_cast<Intent>(intent_model_.predict(x, indicators, options_.indicator_weight, excluded));
  e.intent_by_rule = ruled.has_value();
  if (urgency.urgent && options_.urgency_makes_request && !needs_category(u.intent) && !ruled) {
    u.intent = Intent::request;
    e.intent_from_urgency = true;
  }
  if (needs_category(u.intent)) {
    const uint32_t c = category_model_.predict(x, indicators, options_.category_indicator_weight);
    u.category = std::string(category_ids[c]);
    if (std::isfinite(options_.learned_urgency_margin)) {
      std::array<float, 2> s{};
      urgent_model_.scores(x, indicators, options_.category_indicator_weight, s);
      // The score stands in for the hazard factor only: the happening-now cues still apply.
      e.learned_urgent = s[1] - s[0] > options_.learned_urgency_margin && urgency.happening_now;
    }
    u.urgent = (options_.rule_urgency && urgency.urgent) || e.learned_urgent;
    // SCHEMA.md: a gas smell or leak is the gas company's emergency, whatever else is named.
    if (options_.rule_urgency && urgency.urgent && urgency.kind == Hazard::gas && u.category != "utilities") {
      u.category = "utilities";
      e.category_from_urgency = true;
    }
  }
  return e;
}

const Classifier& default_classifier() {
  static const Classifier instance = [] {
    std::vector<LabeledMessage> training = parse_corpus(embedded_dev_corpus());
    auto extra = parse_corpus(embedded_extra_corpus());
    training.insert(training.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    return Classifier(training);
  }();
  return instance;
}

}  // namespace gridbot::understand
