// A multiclass linear model over hashed sparse features, trained either as one-vs-rest linear
// SVMs (dual coordinate descent, converges in a few passes) or by averaged SGD on the softmax loss. Small data (hundreds of messages) trains in
// milliseconds, which is why the model is trained when first needed instead of shipped.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "handlers/understand/features.hpp"

namespace gridbot::understand {

struct TrainingExample {
  const FeatureVector* features;
  uint32_t label;
  float weight = 1.0f;
};

enum class Trainer {
  svm,      // one-vs-rest linear SVM (hinge loss), dual coordinate descent as in liblinear
  softmax,  // multinomial logistic regression, averaged SGD
};

struct TrainingOptions {
  Trainer trainer = Trainer::svm;
  // SVM: cost of a margin violation (larger fits the training data harder). 2 by CV; above 4
  // nothing changes, the training data is separable.
  float c = 2.0f;
  // Dual coordinate descent has converged on these corpora by pass 5-8 (CV accuracy is flat
  // from 5 to 30 passes), and training runs at model load, so fewer passes keep load fast.
  int epochs = 10;
  float learning_rate = 0.5f;
  float l2 = 1e-5f;
  uint32_t seed = 7;
};

class LinearModel {
 public:
  LinearModel() = default;
  LinearModel(uint32_t classes, std::span<const TrainingExample> examples, const TrainingOptions& options);

  // Class scores (unnormalized log-probabilities), one per class.
  void scores(const FeatureVector& x, std::span<float> out) const;
  uint32_t predict(const FeatureVector& x) const;
  // Same as predict on the merge of `ngrams` and `indicators` scaled by `indicator_weight`,
  // without building the merged vector (the hot path scores two models on one message).
  // Classes whose bit is set in `excluded` are never chosen.
  uint32_t predict(const FeatureVector& ngrams, const FeatureVector& indicators, float indicator_weight,
                   uint32_t excluded = 0) const;
  // Class scores of that same merge.
  void scores(const FeatureVector& ngrams, const FeatureVector& indicators, float indicator_weight,
              std::span<float> out) const;
  uint32_t classes() const { return classes_; }

 private:
  void train_softmax(std::span<const TrainingExample> examples, const TrainingOptions& options);
  void train_svm(std::span<const TrainingExample> examples, const TrainingOptions& options);

  // Keeps only the rows of features that training gave a weight: a hashed feature space of
  // 2^17 holds the few thousand n-grams of the corpora, and the dense form (feature_space ×
  // classes floats: 13.6 MB for the three models' 26 classes) was a third of the service's idle
  // memory.
  void compact();

  uint32_t classes_ = 0;
  // Row r of weights_ holds the weights of the features with row_[feature] == r, classes_ floats,
  // row-major for locality. During training row_ is the identity and weights_ dense; after it,
  // row 0 is all zeros and every feature training left at zero points to it, so scoring reads
  // exactly what the dense form held, without a branch.
  std::vector<uint32_t> row_;
  std::vector<float> weights_;
  std::vector<float> bias_;
};

}  // namespace gridbot::understand
