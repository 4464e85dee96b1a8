#include "handlers/understand/linear_model.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <cmath>
#include <numeric>
#include <random>

namespace gridbot::understand {

LinearModel::LinearModel(uint32_t classes, std::span<const TrainingExample> examples, const TrainingOptions& options)
    : classes_(classes), row_(feature_space), weights_(static_cast<size_t>(feature_space) * classes, 0.0f),
      bias_(classes, 0.0f) {
  std::iota(row_.begin(), row_.end(), 0u);
  if (options.trainer == Trainer::svm) train_svm(examples, options);
  else train_softmax(examples, options);
  compact();
}

void LinearModel::compact() {
  std::vector<float> kept(classes_, 0.0f);  // row 0: the features training never weighted
  for (uint32_t i = 0; i < feature_space; ++i) {
    const auto row = weights_.begin() + static_cast<std::ptrdiff_t>(i) * classes_;
    if (std::all_of(row, row + classes_, [](float w) { return w == 0.0f; })) {
      row_[i] = 0;
      continue;
    }
    row_[i] = static_cast<uint32_t>(kept.size() / classes_);
    kept.insert(kept.end(), row, row + classes_);
  }
  kept.shrink_to_fit();
  weights_ = std::move(kept);
}

void LinearModel::train_svm(std::span<const TrainingExample> examples, const TrainingOptions& options) {
  // Dual coordinate descent for the L2-regularized hinge loss (Hsieh et al. 2008), one binary
  // problem per class. The bias is a constant feature of value 1, as liblinear does.
  const size_t n = examples.size();
  std::vector<float> squared_norm(n);
  for (size_t i = 0; i < n; ++i) {
    float q = 1.0f;
    for (const auto& f : *examples[i].features) q += f.value * f.value;
    squared_norm[i] = q;
  }
  std::vector<float> w(feature_space);
  std::vector<float> alpha(n);
  std::vector<size_t> order(n);
  std::mt19937 rng(options.seed);
  for (uint32_t c = 0; c < classes_; ++c) {
    std::fill(w.begin(), w.end(), 0.0f);
    std::fill(alpha.begin(), alpha.end(), 0.0f);
    float b = 0;
    std::iota(order.begin(), order.end(), 0);
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      float max_change = 0;
      for (size_t i : order) {
        const auto& ex = examples[i];
        const float y = ex.label == c ? 1.0f : -1.0f;
        const float upper = options.c * ex.weight;
        float margin = b;
        for (const auto& f : *ex.features) margin += w[f.index] * f.value;
        const float gradient = y * margin - 1.0f;
        float projected = gradient;
        if (alpha[i] <= 0) projected = std::min(gradient, 0.0f);
        else if (alpha[i] >= upper) projected = std::max(gradient, 0.0f);
        if (projected == 0) continue;
        const float old = alpha[i];
        alpha[i] = std::clamp(old - gradient / squared_norm[i], 0.0f, upper);
        const float delta = (alpha[i] - old) * y;
        for (const auto& f : *ex.features) w[f.index] += delta * f.value;
        b += delta;
        max_change = std::max(max_change, std::abs(delta));
      }
      if (max_change < 1e-3f) break;
    }
    for (uint32_t i = 0; i < feature_space; ++i) weights_[static_cast<size_t>(i) * classes_ + c] = w[i];
    bias_[c] = b;
  }
}

void LinearModel::train_softmax(std::span<const TrainingExample> examples, const TrainingOptions& options) {
  const uint32_t classes = classes_;
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
    const float* w = &weights_[static_cast<size_t>(row_[f.index]) * classes_];
    for (uint32_t c = 0; c < classes_; ++c) out[c] += w[c] * f.value;
  }
}

uint32_t LinearModel::predict(const FeatureVector& x) const {
  std::vector<float> s(classes_);
  scores(x, s);
  return static_cast<uint32_t>(std::max_element(s.begin(), s.end()) - s.begin());
}

void LinearModel::scores(const FeatureVector& ngrams, const FeatureVector& indicators, float indicator_weight,
                         std::span<float> out) const {
  scores(ngrams, out);
  for (const auto& f : indicators) {
    const float* w = &weights_[static_cast<size_t>(row_[f.index]) * classes_];
    for (uint32_t c = 0; c < classes_; ++c) out[c] += w[c] * f.value * indicator_weight;
  }
}

uint32_t LinearModel::predict(const FeatureVector& ngrams, const FeatureVector& indicators, float indicator_weight,
                              uint32_t excluded) const {
  std::array<float, 32> stack{};  // every model here has at most 18 classes: no allocation
  std::vector<float> heap(classes_ > stack.size() ? classes_ : 0);
  const std::span<float> s = heap.empty() ? std::span<float>(stack.data(), classes_) : std::span<float>(heap);
  scores(ngrams, indicators, indicator_weight, s);
  for (uint32_t c = 0; c < classes_ && c < 32; ++c)
    if (excluded & (1u << c)) s[c] = -std::numeric_limits<float>::infinity();
  return static_cast<uint32_t>(std::max_element(s.begin(), s.end()) - s.begin());
}

}  // namespace gridbot::understand
