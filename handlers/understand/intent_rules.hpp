// Intent decided by rule before the model: messages whose whole content is an acknowledgement
// or a thank-you. Such replies flood a group after every notice; a rule gets them all right,
// while the model, seeing mostly long requests, can be swayed by a building number in "3-2-501 收到".
#pragma once

#include <optional>
#include <string_view>

#include "handlers/understand/understand.hpp"

namespace gridbot::understand {

std::optional<Intent> rule_intent(std::u32string_view normalized);

// Whether a message contains any acknowledging word at all. An acknowledgement is a closed class
// ("收到", "已阅", "好的", "1"…); without one, the model may not call a message an ack, however
// short it is — "3号楼电梯坏了" looks like "3-2-501 收到" to n-grams but is a report.
bool may_be_acknowledgement(std::u32string_view normalized);

// Whether a message says the notice did not arrive ("没收到", "我家没收到水") or asks about it
// ("收到了吗", "收到？", "收到没", "谁收到了"): never an acknowledgement, whatever words it holds.
bool denies_or_asks(std::u32string_view normalized);

}  // namespace gridbot::understand
