#include "handlers/understand/evaluation.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>

namespace gridbot::understand {
namespace {

double ratio(size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

// Macro-F1 over the labels that occur in gold or predictions.
double macro_f1(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::map<std::string, std::array<size_t, 3>> counts;  // tp, fp, fn
  for (const auto& [g, p] : pairs) {
    if (g == p) ++counts[g][0];
    else { ++counts[p][1]; ++counts[g][2]; }
  }
  double sum = 0;
  for (const auto& [label, c] : counts) {
    const double precision = ratio(c[0], c[0] + c[1]);
    const double recall = ratio(c[0], c[0] + c[2]);
    sum += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  }
  return counts.empty() ? 0 : sum / static_cast<double>(counts.size());
}

}  // namespace

Scores score(std::span<const LabeledMessage> gold, std::span<const Understanding> predicted) {
  Scores s;
  s.messages = gold.size();
  size_t intent_ok = 0, category_ok = 0, b = 0, u = 0, r = 0, ph = 0, tp = 0, fp = 0, fn = 0;
  std::vector<std::pair<std::string, std::string>> intent_pairs, category_pairs;
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i].label;
    const auto& p = predicted[i];
    intent_ok += g.intent == p.intent;
    ++s.intent_confusion[static_cast<size_t>(g.intent)][static_cast<size_t>(p.intent)];
    intent_pairs.emplace_back(std::string(to_string(g.intent)), std::string(to_string(p.intent)));
    if (g.category) {
      ++s.category_messages;
      category_ok += g.category == p.category;
      category_pairs.emplace_back(*g.category, p.category.value_or("(none)"));
    }
    b += g.building == p.building;
    u += g.unit == p.unit;
    r += g.room == p.room;
    ph += g.phone == p.phone;
    tp += g.urgent && p.urgent;
    fp += !g.urgent && p.urgent;
    fn += g.urgent && !p.urgent;
  }
  s.intent_accuracy = ratio(intent_ok, gold.size());
  s.intent_macro_f1 = macro_f1(intent_pairs);
  s.category_accuracy = ratio(category_ok, s.category_messages);
  s.category_macro_f1 = macro_f1(category_pairs);
  s.urgent_gold = tp + fn;
  s.urgent_precision = ratio(tp, tp + fp);
  s.urgent_recall = ratio(tp, tp + fn);
  s.building_accuracy = ratio(b, gold.size());
  s.unit_accuracy = ratio(u, gold.size());
  s.room_accuracy = ratio(r, gold.size());
  s.phone_accuracy = ratio(ph, gold.size());
  return s;
}

std::vector<Understanding> cross_validate(std::span<const LabeledMessage> data,
                                          std::span<const LabeledMessage> extra_training, int k,
                                          const ClassifierOptions& options, unsigned seed) {
  std::vector<size_t> order(data.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<Understanding> predicted(data.size());
  for (int fold = 0; fold < k; ++fold) {
    std::vector<LabeledMessage> training(extra_training.begin(), extra_training.end());
    std::vector<size_t> held_out;
    for (size_t i = 0; i < order.size(); ++i) {
      if (static_cast<int>(i % static_cast<size_t>(k)) == fold) held_out.push_back(order[i]);
      else training.push_back(data[order[i]]);
    }
    const Classifier classifier(training, options);
    for (size_t i : held_out) predicted[i] = classifier.understand(data[i].text);
  }
  return predicted;
}

std::string format_scores(const Scores& s) {
  char buf[2048];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "messages            %zu\n"
                "intent accuracy     %.3f   macro-F1 %.3f\n"
                "category accuracy   %.3f   macro-F1 %.3f   (on %zu gold requests/followups)\n"
                "urgent precision    %.3f   recall %.3f   (%zu gold urgent)\n"
                "building accuracy   %.3f\nunit accuracy       %.3f\nroom accuracy       %.3f\n"
                "phone accuracy      %.3f\n"
                "intent confusion (rows gold, columns predicted):\n",
                s.messages, s.intent_accuracy, s.intent_macro_f1, s.category_accuracy, s.category_macro_f1,
                s.category_messages, s.urgent_precision, s.urgent_recall, s.urgent_gold, s.building_accuracy,
                s.unit_accuracy, s.room_accuracy, s.phone_accuracy);
  out += buf;
  static constexpr const char* names[] = {"request", "followup", "chat", "ack", "thanks", "spam"};
  out += "          ";
  for (auto n : names) { std::snprintf(buf, sizeof buf, "%9s", n); out += buf; }
  out += '\n';
  for (size_t g = 0; g < 6; ++g) {
    std::snprintf(buf, sizeof buf, "%-10s", names[g]);
    out += buf;
    for (size_t p = 0; p < 6; ++p) { std::snprintf(buf, sizeof buf, "%9zu", s.intent_confusion[g][p]); out += buf; }
    out += '\n';
  }
  return out;
}

}  // namespace gridbot::understand
