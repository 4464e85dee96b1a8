// Urgency rules: life or property at immediate risk. Rules rather than the model because
// urgent messages are rare (one request in twelve) and missing one is the costly mistake; the
// statistical baseline found only a fifth of them.
#pragma once

#include <string_view>

namespace gridbot::understand {

struct UrgencyAssessment {
  bool urgent = false;
  bool hazard = false;  // a hazard word fired, even if it was then discounted
};

// `text` must be normalized (normalize_text).
UrgencyAssessment assess_urgency(std::u32string_view text);

}  // namespace gridbot::understand
