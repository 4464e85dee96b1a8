// A multiclass linear model over hashed sparse features, trained by averaged stochastic
// gradient descent on the softmax (logistic) loss. Small data (hundreds of messages) trains in
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

struct TrainingOptions {
  int epochs = 12;
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
  uint32_t classes() const { return classes_; }

 private:
  uint32_t classes_ = 0;
  std::vector<float> weights_;  // feature_space × classes_, feature-major for locality
  std::vector<float> bias_;
};

}  // namespace gridbot::understand
