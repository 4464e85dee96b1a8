// Urgency: life or property at immediate risk. Factored rather than listed as phrases, so a
// synonym, an inserted character or another word order still counts:
//   urgent = a hazard (a thing and what it is doing, near each other, not negated)
//          × happening now (not over, not hypothetical, not a drill or news, not a story about
//            an earlier ticket — unless the writer is calling for help right now)
//          × people exposed (implied for most hazards; required for a thing about to fall and
//            for open water, where the danger is to whoever is underneath or nearby).
// Rules rather than a model because urgent messages are rare (one request in twelve) and
// missing one is the costly mistake; every decision can be explained cue by cue.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace gridbot::understand {

enum class Hazard : uint8_t {
  none,
  gas,
  fire,         // fire and smoke
  water,        // a burst pipe, water entering homes
  electricity,  // live wires, sparks, shocks
  structure,    // a building part or a tree about to fall where people pass
  entrapment,   // trapped in a lift, caught in machinery
  violence,     // a crime in progress, a weapon, a fight
  person,       // fallen, unresponsive, missing child or elder
  open_water,   // children on ice or by open water, someone in the water
};
std::string_view to_string(Hazard hazard);

// Why a decision was taken: the factor ("hazard", "now", "over", "past", "hypothetical",
// "drill", "news", "exposed", "unexposed") and the words of the text that showed it.
struct UrgencyCue {
  std::string_view factor;
  std::u32string_view word;
  std::u32string_view second_word;  // the state paired with a hazard's thing, else empty
};

struct UrgencyAssessment {
  bool urgent = false;
  bool hazard = false;  // a hazard was found, even if it was then discounted
  bool happening_now = true;  // no cue says it is over, past, hypothetical, a drill or news
  Hazard kind = Hazard::none;
  std::array<UrgencyCue, 8> cues{};  // the first `cue_count` are set
  uint8_t cue_count = 0;
};

// `text` must be normalized (normalize_text).
UrgencyAssessment assess_urgency(std::u32string_view text);

}  // namespace gridbot::understand
