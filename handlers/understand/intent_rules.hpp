// Intent decided by rule before the model: messages whose whole content is an acknowledgement
// or a thank-you. Such replies flood a group after every notice; a rule gets them all right,
// while the model, seeing mostly long requests, can be swayed by a building number in "3-2-501 收到".
#pragma once

#include <optional>
#include <string_view>

#include "handlers/understand/understand.hpp"

namespace gridbot::understand {

std::optional<Intent> rule_intent(std::u32string_view normalized);

}  // namespace gridbot::understand
