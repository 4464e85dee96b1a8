#include "handlers/rating_words.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "handlers/text_tools.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot {

namespace {

// How a verdict may sit in a message. strong: anywhere at the start or the end, even glued to the
// reason ("不满意灯还是不亮"). weak: everyday words that also start ordinary sentences ("一般情况下",
// "还行的话"), so only alone or set off by a separator. inside: strong enough to count anywhere
// ("我觉得不满意，灯还是不亮").
enum class Fit { strong, weak, inside };

struct Verdict {
  std::u32string_view word;
  Rating rating;
  Fit fit;
};

// Longest first, so "不满意" wins over "满意" and "不是很满意" over "很满意".
constexpr std::array<Verdict, 60> verdicts{{
    {U"非常不满意", Rating::unsatisfied, Fit::inside}, {U"不是很满意", Rating::unsatisfied, Fit::inside},
    {U"不怎么满意", Rating::unsatisfied, Fit::inside}, {U"修了跟没修一样", Rating::unsatisfied, Fit::inside},
    {U"修了和没修一样", Rating::unsatisfied, Fit::inside}, {U"马马虎虎", Rating::basically_satisfied, Fit::weak},
    {U"很不满意", Rating::unsatisfied, Fit::inside},
    {U"不太满意", Rating::unsatisfied, Fit::inside},   {U"不大满意", Rating::unsatisfied, Fit::inside},
    {U"不咋满意", Rating::unsatisfied, Fit::inside},   {U"不怎么样", Rating::unsatisfied, Fit::strong},
    {U"非常满意", Rating::satisfied, Fit::strong},
    {U"基本满意", Rating::basically_satisfied, Fit::strong}, {U"比较满意", Rating::basically_satisfied, Fit::strong},
    {U"还算满意", Rating::basically_satisfied, Fit::strong}, {U"还是不行", Rating::unsatisfied, Fit::strong},
    {U"还是坏的", Rating::unsatisfied, Fit::strong},   {U"没有修好", Rating::unsatisfied, Fit::strong},
    {U"没有解决", Rating::unsatisfied, Fit::strong},   {U"问题依旧", Rating::unsatisfied, Fit::inside},
    {U"还是老样子", Rating::unsatisfied, Fit::inside}, {U"已经修好", Rating::satisfied, Fit::weak},
    {U"不满意", Rating::unsatisfied, Fit::inside},     {U"唔满意", Rating::unsatisfied, Fit::inside},
    {U"没满意", Rating::unsatisfied, Fit::inside},     {U"不咋地", Rating::unsatisfied, Fit::strong},
    {U"一般般", Rating::basically_satisfied, Fit::weak}, {U"还凑合", Rating::basically_satisfied, Fit::weak},
    {U"差不多", Rating::basically_satisfied, Fit::weak}, {U"已经好", Rating::satisfied, Fit::weak},
    {U"很满意", Rating::satisfied, Fit::strong},       {U"挺满意", Rating::satisfied, Fit::strong},
    {U"很差劲", Rating::unsatisfied, Fit::strong},     {U"太差劲", Rating::unsatisfied, Fit::strong},
    {U"没修好", Rating::unsatisfied, Fit::strong},
    {U"冇修好", Rating::unsatisfied, Fit::strong},     {U"没解决", Rating::unsatisfied, Fit::strong},
    {U"还可以", Rating::basically_satisfied, Fit::weak}, {U"满意", Rating::satisfied, Fit::strong},
    {U"差评", Rating::unsatisfied, Fit::inside},       {U"好评", Rating::satisfied, Fit::strong},
    {U"中评", Rating::basically_satisfied, Fit::strong}, {U"太差", Rating::unsatisfied, Fit::strong},
    {U"很差", Rating::unsatisfied, Fit::strong},       {U"差劲", Rating::unsatisfied, Fit::strong},
    {U"一般", Rating::basically_satisfied, Fit::weak}, {U"还行", Rating::basically_satisfied, Fit::weak},
    {U"凑合", Rating::basically_satisfied, Fit::weak}, {U"不错", Rating::satisfied, Fit::weak},
    {U"挺好", Rating::satisfied, Fit::weak},           {U"很好", Rating::satisfied, Fit::weak},
    {U"修好", Rating::satisfied, Fit::weak},           {U"好了", Rating::satisfied, Fit::weak},
    {U"可以", Rating::satisfied, Fit::weak},
    {U"不行", Rating::unsatisfied, Fit::weak},         {U"不好", Rating::unsatisfied, Fit::weak},
    {U"差", Rating::unsatisfied, Fit::weak},
    {U"1", Rating::satisfied, Fit::weak},              {U"2", Rating::basically_satisfied, Fit::weak},
    {U"3", Rating::unsatisfied, Fit::weak},
}};

// "还是漏水", "还在漏", "又堵了", "根本没人来": the problem is still there, or nobody came. Said
// while a rating is pending, that rejects the result as plainly as 不满意 does.
constexpr std::array<std::u32string_view, 8> still_openers{U"还是", U"还在", U"又", U"依然", U"依旧", U"仍然", U"照样", U"照旧"};
constexpr std::u32string_view trouble_marks = U"不没漏堵坏臭响吵停黑渗冒脏乱";
constexpr std::array<std::u32string_view, 6> nobody_came{U"没人来", U"没来过", U"没有人来", U"根本没来", U"压根没来", U"没人修"};

// "不满意" / "没修好" / "一般" and the other words above name the verdict; these only open it.
constexpr std::array<std::u32string_view, 8> verdict_openers{U"评价", U"我选", U"选", U"给个", U"打个", U"我给", U"给", U"五星"};

bool is_separator(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c > ' ' && c < 0x7F && !std::isalnum(static_cast<int>(c)));
  static constexpr std::u32string_view marks = U"，。！？、；：…～“”‘’（）【】《》\u3000\u00A0—·";
  return marks.find(c) != std::u32string_view::npos;
}

// Sentence-final particles and emoji-like marks that add tone, not meaning: "基本满意吧", "满意啦".
bool is_particle(char32_t c) {
  static constexpr std::u32string_view particles = U"吧啊呀了哈呢啦嘛哦噢咯呗的";
  return particles.find(c) != std::u32string_view::npos || c >= 0x1F300;
}

std::u32string_view strip(std::u32string_view s, bool particles_too) {
  auto drop = [&](char32_t c) { return is_separator(c) || (particles_too && is_particle(c)); };
  while (!s.empty() && is_separator(s.front())) s.remove_prefix(1);
  while (!s.empty() && drop(s.back())) s.remove_suffix(1);
  return s;
}

std::u32string_view skip_particles(std::u32string_view s) {
  while (!s.empty() && is_particle(s.front())) s.remove_prefix(1);
  return s;
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

std::optional<RatingAnswer> answer(Rating rating, std::u32string_view reason) {
  reason = strip(skip_particles(strip(reason, false)), false);
  // "基本满意吧": what is left is tone, not a reason; "满意（1）": the digit restates the verdict.
  if (std::all_of(reason.begin(), reason.end(), [](char32_t c) { return is_particle(c) || is_separator(c); })) reason = {};
  if (reason.size() == 1 && reason.front() >= U'1' && reason.front() <= U'3') reason = {};
  return RatingAnswer{rating, understand::encode_utf8(reason)};
}

std::optional<RatingAnswer> with_fit(std::optional<RatingAnswer> a, Fit fit) {
  if (a) a->everyday = fit == Fit::weak;
  return a;
}

// What comes before the verdict without being a reason: a ticket reference ("#1001 不满意") and
// words that introduce a rating ("评价：不满意", "我选3", "给个好评").
std::u32string_view drop_openers(std::u32string_view s) {
  for (bool dropped = true; dropped;) {
    dropped = false;
    while (!s.empty() && is_separator(s.front())) s.remove_prefix(1), dropped = true;
    size_t digits = s.starts_with(U"#") ? 1 : 0;
    while (digits < s.size() && is_digit(s[digits])) ++digits;
    if (digits >= 4) s.remove_prefix(digits), dropped = true;
    for (auto opener : verdict_openers)
      if (s.starts_with(opener) && s.size() > opener.size()) {
        s.remove_prefix(opener.size());
        dropped = true;
        break;
      }
  }
  return s;
}

bool negated_before(std::u32string_view before) {
  static constexpr std::u32string_view negations = U"不没唔冇未别";
  return !before.empty() && negations.find(before.back()) != std::u32string_view::npos;
}

// The problem is still there, or nobody came: "还是漏水", "又堵了", "压根没人来".
bool says_still_broken(std::u32string_view text) {
  for (auto opener : still_openers)
    if (text.starts_with(opener) && text.substr(opener.size()).find_first_of(trouble_marks) != std::u32string_view::npos)
      return true;
  return std::any_of(nobody_came.begin(), nobody_came.end(), [&](auto w) { return text.find(w) != std::u32string_view::npos; });
}

}  // namespace

std::optional<RatingAnswer> parse_rating_answer(std::string_view raw) {
  const std::u32string normalized = understand::normalize_text(raw);
  const std::u32string_view whole = drop_openers(strip(normalized, false));
  const std::u32string_view text = strip(whole, true);  // for matching: "基本满意吧" ends in 满意
  // A thumb alone is the whole verdict.
  if (!whole.empty() && std::all_of(whole.begin(), whole.end(), [](char32_t c) { return c == U'\U0001F44D'; }))
    return RatingAnswer{Rating::satisfied, {}};
  if (!whole.empty() && std::all_of(whole.begin(), whole.end(), [](char32_t c) { return c == U'\U0001F44E'; }))
    return RatingAnswer{Rating::unsatisfied, {}};
  if (text.empty()) return std::nullopt;
  // At the start, the rest is the reason, set off by a separator unless the verdict is strong:
  // "3 没修好" is a 3 with a reason, "3号楼" is not a rating; "修好了 谢谢" may end in a particle first.
  for (const auto& v : verdicts)
    if (text.starts_with(v.word)) {
      const std::u32string_view rest = whole.substr(v.word.size());
      const std::u32string_view after = skip_particles(rest);
      if (text == v.word || after.empty() || is_separator(after.front()) || v.fit != Fit::weak)
        return with_fit(answer(v.rating, rest), v.fit);
    }
  // At the end: "灯还是不亮，不满意"; "不可以" and "唔满意" are not praise.
  for (const auto& v : verdicts)
    if (text.ends_with(v.word)) {
      const std::u32string_view before = text.substr(0, text.size() - v.word.size());
      if (v.rating != Rating::unsatisfied && negated_before(before)) break;
      if (is_separator(before.back()) || v.fit != Fit::weak) return with_fit(answer(v.rating, before), v.fit);
    }
  for (const auto& v : verdicts)
    if (v.fit == Fit::inside && text.find(v.word) != std::u32string_view::npos)
      return RatingAnswer{v.rating, std::string(trim(raw))};  // the verdict sits in the reason: keep it as written
  if (says_still_broken(text)) return RatingAnswer{Rating::unsatisfied, std::string(trim(raw)), true};
  return std::nullopt;
}

bool is_bare_rating(std::string_view raw) { return is_bare_rating(raw, parse_rating_answer(raw)); }

bool is_bare_rating(std::string_view raw, const std::optional<RatingAnswer>& answer) {
  if (!answer || !answer->reason.empty() || answer->implicit) return false;
  const std::u32string text = understand::normalize_text(raw);
  return text.find(U"满意") != std::u32string::npos || text.find(U"评") != std::u32string::npos;
}

bool still_broken_fits(std::string_view raw, const Ticket& t) {
  const std::u32string text = understand::normalize_text(raw);
  if (!text.starts_with(U"又")) return true;
  // "又堵了" after a drain was cleared is that drain; "又停水了" is news of another problem.
  const std::u32string report = understand::normalize_text(t.text);
  for (char32_t c : text.substr(1))
    if (trouble_marks.find(c) != std::u32string_view::npos && report.find(c) != std::u32string::npos) return true;
  return false;
}

std::string rating_detail(Rating rating, std::string_view reason) {
  std::string out(to_string(rating));
  if (!reason.empty()) out += " " + std::string(reason);
  return out;
}

RatingAnswer parse_rating_detail(std::string_view detail) {
  const auto space = detail.find(' ');
  const std::string_view name = detail.substr(0, space);
  RatingAnswer out{rating_from_string(name).value_or(Rating::none), {}};
  if (space != std::string_view::npos) out.reason = std::string(detail.substr(space + 1));
  return out;
}

}  // namespace gridbot
