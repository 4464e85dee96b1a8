// Entry points of the contract (understand.hpp); the work happens in classifier.cpp.
#include "handlers/understand/understand.hpp"

#include <array>

#include "handlers/understand/classifier.hpp"

namespace gridbot::understand {

std::string_view to_string(Intent intent) {
  static constexpr std::array<std::string_view, 6> names{"request", "followup", "chat", "ack", "thanks", "spam"};
  return names[static_cast<size_t>(intent)];
}

std::optional<Intent> intent_from_string(std::string_view name) {
  for (size_t i = 0; i < 6; ++i)
    if (to_string(static_cast<Intent>(i)) == name) return static_cast<Intent>(i);
  return std::nullopt;
}

Understanding understand(std::string_view text) { return default_classifier().understand(text); }

void load_model() { (void)default_classifier(); }

}  // namespace gridbot::understand
