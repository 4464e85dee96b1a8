// Steps and lookups shared by the conversation tests: a resolved drain ticket waiting for its
// rating, the audit events of one kind, and the text of several messages.
#pragma once

#include <doctest/doctest.h>

#include "tests/support/world.hpp"

namespace gridbot::testing {

inline const std::string group1 = "xfl-1-group";

// 张伟's drain report, claimed and resolved by 王芳: waiting for his rating.
inline void resolved_drain(World& w) {
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say("", "wangfang", "接单 1001");
  w.say("", "wangfang", "办结 1001 已疏通管道");
  REQUIRE(w.ticket(1001).state == TicketState::resolved);
}

inline std::vector<RecordEvent> events_of(const World& w, const std::string& kind) {
  std::vector<RecordEvent> out;
  for (const auto& e : w.tickets.events)
    if (e.kind == kind) out.push_back(e);
  return out;
}

inline std::string all_text(const std::vector<SendMessage>& messages) {
  std::string out;
  for (const auto& m : messages) out += m.text + "\n";
  return out;
}

}  // namespace gridbot::testing
