#include "handlers/understand/urgency.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <span>
#include <vector>

#include "handlers/understand/hazard_stems.hpp"
#include "handlers/understand/phrase_index.hpp"

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
    for (size_t q = before.find(n); q != npos; q = before.find(n, q + 1)) {
      // "是不是…" asks; it does not deny.
      const size_t at = from + q;
      if (n == U"不是" && at > 0 && t[at - 1] == U'是') continue;
      return true;
    }
  return pos >= 1 && t[pos - 1] == U'不';
}

struct Occurrence {
  std::u32string_view word;
  size_t pos = npos;
};

// Every stem list of hazard_stems.hpp in one PhraseIndex, so a message is scanned once.
class StemIndex {
 public:
  static constexpr uint32_t none = UINT32_MAX;
  struct RuleLists {
    uint32_t things, states, false_friends;
  };

  StemIndex() : index_(collect()) {}

  const RuleLists& rule(size_t i) const { return rules_[i]; }
  uint32_t of(Stems list) const {
    for (uint32_t i = 0; i < lists_.size(); ++i)
      if (lists_[i].data() == list.data()) return i;
    return none;
  }

  // The occurrences in `t`, grouped by list and ordered by position within a list.
  void scan(std::u32string_view t, std::vector<PhraseIndex::Hit>& hits) const {
    hits.clear();
    index_.find_all(t, hits);
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.list < b.list; });
  }

 private:
  std::vector<Stems> collect() {
    auto add = [this](Stems s) {
      if (s.empty()) return none;
      lists_.push_back(s);
      return static_cast<uint32_t>(lists_.size() - 1);
    };
    for (const auto& r : hazard_rules()) rules_.push_back({add(r.things), add(r.states), add(r.false_friends)});
    for (Stems s : {alarm_cues(), over_cues(), past_cues(), hypothetical_cues(), drill_cues(), news_cues(),
                    shut_off_cues(), housebound_cues(), people(), homes()})
      add(s);
    return lists_;
  }

  std::vector<Stems> lists_;
  std::vector<RuleLists> rules_;
  PhraseIndex index_;
};

const StemIndex& stem_index() {
  static const StemIndex index;
  return index;
}

// One message's occurrences, by list.
class Occurrences {
 public:
  Occurrences(std::u32string_view t, const StemIndex& index) : t_(t), index_(index) {
    thread_local std::vector<PhraseIndex::Hit> buffer;
    index.scan(t, buffer);
    hits_ = buffer;
  }

  std::span<const PhraseIndex::Hit> of_list(uint32_t list) const {
    if (list == StemIndex::none) return {};
    auto lo = std::lower_bound(hits_.begin(), hits_.end(), list, [](const auto& h, uint32_t l) { return h.list < l; });
    auto hi = lo;
    while (hi != hits_.end() && hi->list == list) ++hi;
    return {lo, hi};
  }

  // The first occurrence of any word of `words` (negated ones skipped unless told otherwise).
  Occurrence first(Stems words, bool skip_negated = true) const {
    for (const auto& h : of_list(index_.of(words)))
      if (!skip_negated || !negated(t_, h.pos)) return {h.word, h.pos};
    return {};
  }

  std::u32string_view text() const { return t_; }

 private:
  std::u32string_view t_;
  const StemIndex& index_;
  std::span<const PhraseIndex::Hit> hits_;
};

struct HazardHit {
  const HazardRule* rule = nullptr;
  std::u32string_view thing, state;
};

// True when the thing at [pos, pos+size) lies inside one of the rule's false friends (烟头).
bool inside_false_friend(std::span<const PhraseIndex::Hit> friends, size_t pos, size_t size) {
  for (const auto& f : friends)
    if (f.pos <= pos && f.pos + f.word.size() >= pos + size) return true;
  return false;
}

HazardHit match(const Occurrences& o, const HazardRule& rule, const StemIndex::RuleLists& lists) {
  const auto t = o.text();
  const auto friends = o.of_list(lists.false_friends);
  const auto states = o.of_list(lists.states);
  const size_t window = static_cast<size_t>(rule.window);
  for (const auto& thing : o.of_list(lists.things)) {
    const size_t begin = thing.pos, end = thing.pos + thing.word.size();
    if (negated(t, begin) || inside_false_friend(friends, begin, thing.word.size())) continue;
    if (rule.states.empty()) return {&rule, thing.word, {}};
    for (const auto& s : states) {
      const size_t p = s.pos, s_end = s.pos + s.word.size();
      const bool near = (s_end <= begin && begin - s_end <= window) || (p >= end && p - end <= window) ||
                        (p < end && s_end > begin);  // overlapping
      if (near && !negated(t, p)) return {&rule, thing.word, s.word};
    }
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
  bool note(const Occurrences& o, std::string_view factor, Stems words, bool skip_negated = true) {
    const Occurrence found = o.first(words, skip_negated);
    if (found.pos == npos) return false;
    add(factor, found.word);
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
  const StemIndex& index = stem_index();
  const Occurrences o(t, index);
  const bool alarm = o.first(alarm_cues()).pos != npos;
  const bool people_near = o.first(people()).pos != npos;
  const bool homes_reached = o.first(homes()).pos != npos;
  auto exposed = [&](Exposure e) {
    return e == Exposure::implied || (e == Exposure::people && people_near) || (e == Exposure::homes && homes_reached);
  };
  HazardHit chosen, first;
  const auto rules = hazard_rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    const HazardRule& rule = rules[i];
    const HazardHit hit = match(o, rule, index.rule(i));
    if (!hit.rule) continue;
    if (!first.rule) first = hit;
    if (exposed(rule.exposure) && (!rule.needs_alarm || alarm)) {
      chosen = hit;
      break;
    }
  }
  const HazardHit& shown = chosen.rule ? chosen : first;
  if (shown.rule) {
    a.hazard = true;
    a.kind = shown.rule->kind;
    explain.add("hazard", shown.thing, shown.state);
    if (!chosen.rule) explain.add(exposed(shown.rule->exposure) ? "no_alarm" : "unexposed", {});
    else if (chosen.rule->exposure == Exposure::people) explain.note(o, "exposed", people());
    else if (chosen.rule->exposure == Exposure::homes) explain.note(o, "exposed", homes());
  }

  // Factor 2: happening now, judged even without a hazard rule because the learned urgent score
  // (classifier.hpp) is held to it too. Drills, news and an ended danger always discount; a
  // past story or a what-if discounts unless the writer is calling for help right now.
  bool discounted = explain.note(o, "drill", drill_cues(), false);
  discounted |= explain.note(o, "news", news_cues(), false);
  discounted |= explain.note(o, "over", over_cues(), false);
  if (a.kind == Hazard::water || a.kind == Hazard::none) discounted |= explain.note(o, "over", shut_off_cues(), false);
  if (a.kind == Hazard::entrapment || a.kind == Hazard::none)
    discounted |= explain.note(o, "over", housebound_cues(), false);
  const bool told_as_past = explain.note(o, "past", past_cues(), false);
  const bool hypothetical = explain.note(o, "hypothetical", hypothetical_cues(), false);
  if (alarm) explain.note(o, "now", alarm_cues());
  a.happening_now = !discounted && (alarm || (!told_as_past && !hypothetical));
  a.urgent = chosen.rule && a.happening_now;
  return a;
}

}  // namespace gridbot::understand
