// Measuring understanding against labels: per-field accuracy, macro-F1, urgent precision/recall,
// the intent confusion matrix, and k-fold cross-validation for honest estimates on unseen text.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "handlers/understand/classifier.hpp"
#include "handlers/understand/corpus.hpp"

namespace gridbot::understand {

struct Scores {
  size_t messages = 0;
  double intent_accuracy = 0;
  double intent_macro_f1 = 0;
  size_t category_messages = 0;  // gold request/followup
  double category_accuracy = 0;  // on gold request/followup
  double category_macro_f1 = 0;
  double urgent_precision = 0;
  double urgent_recall = 0;
  size_t urgent_gold = 0;
  double building_accuracy = 0;
  double unit_accuracy = 0;
  double room_accuracy = 0;
  double phone_accuracy = 0;
  std::array<std::array<size_t, 6>, 6> intent_confusion{};  // [gold][predicted]
};

Scores score(std::span<const LabeledMessage> gold, std::span<const Understanding> predicted);

// Splits `data` into k folds (deterministic shuffle by `seed`); each fold is predicted by a
// classifier trained on the other folds plus all of `extra_training` (never tested on).
std::vector<Understanding> cross_validate(std::span<const LabeledMessage> data,
                                          std::span<const LabeledMessage> extra_training, int k,
                                          const ClassifierOptions& options = {}, unsigned seed = 1);

std::string format_scores(const Scores& s);

}  // namespace gridbot::understand
