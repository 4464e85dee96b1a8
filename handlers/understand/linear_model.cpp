#include "handlers/understand/linear_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace gridbot::understand {

LinearModel::LinearModel(uint32_t classes, std::span<const TrainingExample> examples, const TrainingOptions& options)
    : classes_(classes), weights_(static_cast<size_t>(feature_space) * classes, 0.0f), bias_(classes, 0.0f) {
  // Averaged SGD: the returned weights are the mean over all steps, which smooths the noise of
  // single-example updates the way a regularizer would, without tuning a schedule.
  // The running sum is kept with the standard trick: sum = w·t − u where u accumulates t·Δw.
  std::vector<float> correction(weights_.size(), 0.0f);
  std::vector<float> bias_correction(classes, 0.0f);
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(options.seed);
  std::vector<float> p(classes);
  float step = 1.0f;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    const float lr = options.learning_rate / (1.0f + 0.5f * static_cast<float>(epoch));
    for (size_t idx : order) {
      const auto& ex = examples[idx];
      scores(*ex.features, p);
      const float max = *std::max_element(p.begin(), p.end());
      float sum = 0;
      for (auto& v : p) sum += (v = std::exp(v - max));
      for (uint32_t c = 0; c < classes; ++c) {
        const float g = (p[c] / sum - (c == ex.label ? 1.0f : 0.0f)) * ex.weight * lr;
        if (g == 0) continue;
        bias_[c] -= g;
        bias_correction[c] -= step * g;
        for (const auto& f : *ex.features) {
          const size_t i = static_cast<size_t>(f.index) * classes + c;
          const float d = g * f.value + lr * options.l2 * weights_[i];
          weights_[i] -= d;
          correction[i] -= step * d;
        }
      }
      step += 1.0f;
    }
  }
  for (size_t i = 0; i < weights_.size(); ++i) weights_[i] -= correction[i] / step;
  for (uint32_t c = 0; c < classes; ++c) bias_[c] -= bias_correction[c] / step;
}

void LinearModel::scores(const FeatureVector& x, std::span<float> out) const {
  std::copy(bias_.begin(), bias_.end(), out.begin());
  for (const auto& f : x) {
    const float* w = &weights_[static_cast<size_t>(f.index) * classes_];
    for (uint32_t c = 0; c < classes_; ++c) out[c] += w[c] * f.value;
  }
}

uint32_t LinearModel::predict(const FeatureVector& x) const {
  std::vector<float> s(classes_);
  scores(x, s);
  return static_cast<uint32_t>(std::max_element(s.begin(), s.end()) - s.begin());
}

}  // namespace gridbot::understand
