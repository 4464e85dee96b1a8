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
constexpr std::array<Verdict, 33> verdicts{{
    {U"非常不满意", Rating::unsatisfied, Fit::inside}, {U"不是很满意", Rating::unsatisfied, Fit::inside},
    {U"不怎么满意", Rating::unsatisfied, Fit::inside}, {U"很不满意", Rating::unsatisfied, Fit::inside},
    {U"不太满意", Rating::unsatisfied, Fit::inside},   {U"非常满意", Rating::satisfied, Fit::strong},
    {U"基本满意", Rating::basically_satisfied, Fit::strong}, {U"比较满意", Rating::basically_satisfied, Fit::strong},
    {U"还算满意", Rating::basically_satisfied, Fit::strong}, {U"还是不行", Rating::unsatisfied, Fit::strong},
    {U"还是坏的", Rating::unsatisfied, Fit::strong},   {U"没有修好", Rating::unsatisfied, Fit::strong},
    {U"没有解决", Rating::unsatisfied, Fit::strong},   {U"不满意", Rating::unsatisfied, Fit::inside},
    {U"很满意", Rating::satisfied, Fit::strong},       {U"没修好", Rating::unsatisfied, Fit::strong},
    {U"没解决", Rating::unsatisfied, Fit::strong},     {U"还可以", Rating::basically_satisfied, Fit::weak},
    {U"满意", Rating::satisfied, Fit::strong},         {U"差评", Rating::unsatisfied, Fit::inside},
    {U"好评", Rating::satisfied, Fit::strong},         {U"中评", Rating::basically_satisfied, Fit::strong},
    {U"一般", Rating::basically_satisfied, Fit::weak}, {U"还行", Rating::basically_satisfied, Fit::weak},
    {U"凑合", Rating::basically_satisfied, Fit::weak}, {U"不错", Rating::satisfied, Fit::weak},
    {U"挺好", Rating::satisfied, Fit::weak},           {U"很好", Rating::satisfied, Fit::weak},
    {U"不行", Rating::unsatisfied, Fit::weak},         {U"不好", Rating::unsatisfied, Fit::weak},
    {U"1", Rating::satisfied, Fit::weak},              {U"2", Rating::basically_satisfied, Fit::weak},
    {U"3", Rating::unsatisfied, Fit::weak},
}};

bool is_separator(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c > ' ' && c < 0x7F && !std::isalnum(static_cast<int>(c)));
  static constexpr std::u32string_view marks = U"，。！？、；：…～“”‘’（）【】《》\u3000\u00A0—·";
  return marks.find(c) != std::u32string_view::npos;
}

// Sentence-final particles and emoji-like marks that add tone, not meaning: "基本满意吧", "满意啦".
bool is_particle(char32_t c) {
  static constexpr std::u32string_view particles = U"吧啊呀了哈呢啦嘛哦噢咯呗";
  return particles.find(c) != std::u32string_view::npos || c >= 0x1F300;
}

std::u32string_view strip(std::u32string_view s, bool particles_too) {
  auto drop = [&](char32_t c) { return is_separator(c) || (particles_too && is_particle(c)); };
  while (!s.empty() && is_separator(s.front())) s.remove_prefix(1);
  while (!s.empty() && drop(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<RatingAnswer> answer(Rating rating, std::u32string_view reason) {
  reason = strip(reason, false);
  // "基本满意吧": what is left is tone, not a reason.
  if (std::all_of(reason.begin(), reason.end(), [](char32_t c) { return is_particle(c) || is_separator(c); })) reason = {};
  return RatingAnswer{rating, understand::encode_utf8(reason)};
}

}  // namespace

std::optional<RatingAnswer> parse_rating_answer(std::string_view raw) {
  const std::u32string normalized = understand::normalize_text(raw);
  const std::u32string_view whole = strip(normalized, false);
  const std::u32string_view text = strip(normalized, true);  // for matching: "基本满意吧" ends in 满意
  if (text.empty()) return std::nullopt;
  // At the start, the rest is the reason, set off by a separator unless the verdict is strong:
  // "3 没修好" is a 3 with a reason, "3号楼" is not a rating.
  for (const auto& v : verdicts)
    if (text.starts_with(v.word)) {
      const std::u32string_view rest = whole.substr(v.word.size());
      if (text == v.word || is_separator(rest.front()) || v.fit != Fit::weak) return answer(v.rating, rest);
    }
  // At the end: "灯还是不亮，不满意".
  for (const auto& v : verdicts)
    if (text.ends_with(v.word)) {
      const std::u32string_view before = text.substr(0, text.size() - v.word.size());
      if (is_separator(before.back()) || v.fit != Fit::weak) return answer(v.rating, before);
    }
  for (const auto& v : verdicts)
    if (v.fit == Fit::inside && text.find(v.word) != std::u32string_view::npos)
      return RatingAnswer{v.rating, std::string(trim(raw))};  // the verdict sits in the reason: keep it as written
  return std::nullopt;
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
