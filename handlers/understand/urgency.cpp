#include "handlers/understand/urgency.hpp"

#include <array>

#include "handlers/understand/hazard_stems.hpp"

namespace gridbot::understand {
namespace {

constexpr size_t npos = std::u32string_view::npos;

bool clause_break(char32_t c) {
  return c == U' ' || c == U',' || c == U'.' || c == U'!' || c == U'?' || c == U'、' || c == U';' || c == U':' ||
         c == U'。' || c == U'，';
}

// A denial within three characters before a word, in the same clause ("没闻到味", "不是着火",
// "没人走"), cancels it; "维保还没来 电梯里…" does not.
bool negated(std::u32string_view t, size_t pos) {
  size_t from = pos;
  while (from > 0 && pos - from < 3 && !clause_break(t[from - 1])) --from;
  const std::u32string_view before = t.substr(from, pos - from);
  for (auto n : negations())
    if (before.find(n) != npos) return true;
  return pos >= 1 && t[pos - 1] == U'不';
}

struct Occurrence {
  std::u32string_view word;
  size_t pos = npos;
};

// The first occurrence of any word that is not negated.
Occurrence find_any(std::u32string_view t, Stems words, bool skip_negated = true) {
  Occurrence best;
  for (auto w : words)
    for (size_t p = t.find(w); p != npos; p = t.find(w, p + 1))
      if (!skip_negated || !negated(t, p)) {
        if (p < best.pos) best = {w, p};
        break;
      }
  return best;
}

// A state word within `window` characters of [begin, end), in either order, not negated.
Occurrence state_near(std::u32string_view t, size_t begin, size_t end, const HazardRule& rule) {
  for (auto s : rule.states)
    for (size_t p = t.find(s); p != npos; p = t.find(s, p + 1)) {
      const bool near = (p + s.size() <= begin && begin - (p + s.size()) <= static_cast<size_t>(rule.window)) ||
                        (p >= end && p - end <= static_cast<size_t>(rule.window)) ||
                        (p < end && p + s.size() > begin);  // overlapping: "臭鸡蛋味"
      if (near && !negated(t, p)) return {s, p};
    }
  return {};
}

struct HazardHit {
  const HazardRule* rule = nullptr;
  std::u32string_view thing, state;
};

// True when the thing at [pos, pos+size) lies inside one of the rule's false friends (烟头).
bool inside_false_friend(std::u32string_view t, size_t pos, size_t size, Stems friends) {
  for (auto f : friends)
    for (size_t q = t.find(f, pos >= f.size() ? pos - f.size() : 0); q != npos && q <= pos; q = t.find(f, q + 1))
      if (q + f.size() >= pos + size) return true;
  return false;
}

HazardHit match(std::u32string_view t, const HazardRule& rule) {
  for (auto thing : rule.things)
    for (size_t p = t.find(thing); p != npos; p = t.find(thing, p + 1)) {
      if (negated(t, p) || inside_false_friend(t, p, thing.size(), rule.false_friends)) continue;
      if (rule.states.empty()) return {&rule, thing, {}};
      if (auto s = state_near(t, p, p + thing.size(), rule); s.pos != npos) return {&rule, thing, s.word};
    }
  return {};
}

class Explainer {
 public:
  explicit Explainer(UrgencyAssessment& a) : a_(a) {}
  void add(std::string_view factor, std::u32string_view word, std::u32string_view second = {}) {
    if (a_.cue_count < a_.cues.size()) a_.cues[a_.cue_count++] = {factor, word, second};
  }
  // Adds the first cue of `words` found in the text; true when there was one.
  bool note(std::u32string_view t, std::string_view factor, Stems words, bool skip_negated = true) {
    const Occurrence o = find_any(t, words, skip_negated);
    if (o.pos == npos) return false;
    add(factor, o.word);
    return true;
  }

 private:
  UrgencyAssessment& a_;
};

}  // namespace

std::string_view to_string(Hazard hazard) {
  static constexpr std::array<std::string_view, 10> names{"none",      "gas",        "fire",     "water",  "electricity",
                                                          "structure", "entrapment", "violence", "person", "open_water"};
  return names[static_cast<size_t>(hazard)];
}

UrgencyAssessment assess_urgency(std::u32string_view t) {
  UrgencyAssessment a;
  Explainer explain(a);
  // Factor 1: a hazard. The first rule whose own conditions (people exposed, an alarm) hold
  // wins; otherwise the first hazard found is reported as discounted.
  const bool alarm = find_any(t, alarm_cues()).pos != npos;
  const bool people_near = find_any(t, people()).pos != npos;
  const bool homes_reached = find_any(t, homes()).pos != npos;
  auto exposed = [&](Exposure e) {
    return e == Exposure::implied || (e == Exposure::people && people_near) || (e == Exposure::homes && homes_reached);
  };
  HazardHit chosen, first;
  for (const auto& rule : hazard_rules()) {
    const HazardHit hit = match(t, rule);
    if (!hit.rule) continue;
    if (!first.rule) first = hit;
    if (exposed(rule.exposure) && (!rule.needs_alarm || alarm)) {
      chosen = hit;
      break;
    }
  }
  const HazardHit& shown = chosen.rule ? chosen : first;
  if (!shown.rule) return a;
  a.hazard = true;
  a.kind = shown.rule->kind;
  explain.add("hazard", shown.thing, shown.state);
  if (!chosen.rule) {
    if (!exposed(shown.rule->exposure)) explain.add("unexposed", {});
    else explain.add("no_alarm", {});
    return a;
  }
  if (chosen.rule->exposure == Exposure::people) explain.note(t, "exposed", people());
  if (chosen.rule->exposure == Exposure::homes) explain.note(t, "exposed", homes());

  // Factor 2: happening now. Drills, news and an ended danger always discount; a past story or
  // a what-if discounts unless the writer is calling for help right now.
  bool discounted = explain.note(t, "drill", drill_cues(), false);
  discounted |= explain.note(t, "news", news_cues(), false);
  discounted |= explain.note(t, "over", over_cues(), false);
  if (a.kind == Hazard::water) discounted |= explain.note(t, "over", shut_off_cues(), false);
  if (a.kind == Hazard::entrapment) discounted |= explain.note(t, "over", housebound_cues(), false);
  const bool told_as_past = explain.note(t, "past", past_cues(), false);
  const bool hypothetical = explain.note(t, "hypothetical", hypothetical_cues(), false);
  if (alarm) explain.note(t, "now", alarm_cues());
  a.urgent = !discounted && (alarm || (!told_as_past && !hypothetical));
  return a;
}

}  // namespace gridbot::understand
