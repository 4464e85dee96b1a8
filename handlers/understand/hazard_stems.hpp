// The words of the urgency model (urgency.hpp): hazard rules as a thing × what it is doing,
// and the cue lists of the "happening now" and "people exposed" factors. Simplified script:
// text is normalized before matching.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "handlers/understand/urgency.hpp"

namespace gridbot::understand {

using Stems = std::span<const std::u32string_view>;

// Who must be near for the hazard to be an emergency.
enum class Exposure : uint8_t {
  implied,  // a gas leak, a fire, a trapped person: someone is always there
  people,   // a falling branch, open water: only when people pass or children play
  homes,    // water: only when it reaches homes, cellars, garages or people wading
};

struct HazardRule {
  Hazard kind;
  Stems things;  // what is dangerous: 燃气, 电线, 窗
  Stems states;  // what it is doing: 味, 断, 晃 — empty when the thing alone says it (着火)
  int window;    // at most this many characters between thing and state, in either order
  Exposure exposure = Exposure::implied;
  bool needs_alarm = false;  // only urgent when told as happening right now (crime words)
  Stems false_friends = {};  // words that contain a thing but are not it: 烟头 for 烟
};

std::span<const HazardRule> hazard_rules();

// "Happening now" factor.
Stems alarm_cues();         // calling for help now: overrides past and hypothetical cues
Stems over_cues();          // the danger has ended or was a false alarm
Stems past_cues();          // a story about an earlier event or ticket
Stems hypothetical_cues();  // a what-if, a question about procedure, a prevention idea
Stems drill_cues();         // a drill or a training
Stems news_cues();          // news, a forward, somewhere else
Stems shut_off_cues();      // the water is shut off: ends a flood, not a gas leak
Stems housebound_cues();    // housebound by a broken lift: not a person trapped now
Stems negations();          // 没, 不是 … before a state: the state is denied

// "People exposed" factor.
Stems people();
Stems homes();

}  // namespace gridbot::understand
