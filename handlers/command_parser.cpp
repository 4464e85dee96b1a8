#include "handlers/command_parser.hpp"

#include <array>
#include <cctype>
#include <vector>

#include "handlers/text_tools.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot {

namespace {

struct VerbWord {
  std::string_view word;
  StaffVerb verb;
  std::string_view full;
};

// Full words first, then one-character aliases; the longest match at the start wins.
constexpr std::array<VerbWord, 30> verb_words{{
    {"我的工单", StaffVerb::mine, "我的工单"}, {"我的", StaffVerb::mine, "我的工单"},
    {"接单", StaffVerb::claim, "接单"},       {"认领", StaffVerb::claim, "接单"},
    {"回复", StaffVerb::reply, "回复"},       {"答复", StaffVerb::reply, "回复"},
    {"办结", StaffVerb::resolve, "办结"},     {"转办", StaffVerb::transfer, "转办"},
    {"吹哨", StaffVerb::whistle, "吹哨"},     {"报到", StaffVerb::report_in, "报到"},
    {"挂起", StaffVerb::suspend, "挂起"},     {"恢复", StaffVerb::resume, "恢复"},
    {"解挂", StaffVerb::resume, "恢复"},      {"督办", StaffVerb::supervise, "督办"},
    {"查看", StaffVerb::show, "查"},          {"查询", StaffVerb::show, "查"},
    {"查", StaffVerb::show, "查"},            {"收到", StaffVerb::claim, "接单"},
    {"转交", StaffVerb::transfer, "转办"},    {"完成", StaffVerb::resolve, "办结"},
    {"已办结", StaffVerb::resolve, "办结"},   {"办完", StaffVerb::resolve, "办结"},
    {"接", StaffVerb::claim, "接单"},         {"回", StaffVerb::reply, "回复"},
    {"结", StaffVerb::resolve, "办结"},       {"转", StaffVerb::transfer, "转办"},
    {"哨", StaffVerb::whistle, "吹哨"},       {"到", StaffVerb::report_in, "报到"},
    {"挂", StaffVerb::suspend, "挂起"},       {"督", StaffVerb::supervise, "督办"},
}};

std::string_view skip_separators(std::string_view s) {
  for (;;) {
    s = trim(s);
    bool skipped = false;
    for (std::string_view sep : {"：", "，", ":", ",", "。", "#"})
      if (s.starts_with(sep)) {
        s.remove_prefix(sep.size());
        skipped = true;
      }
    if (!skipped) return s;
  }
}

// The text with each character folded as understanding folds it (full-width digits and marks,
// the ideographic space, traditional script: "接單　１００１" → "接单 1001"), and where each folded
// character came from, so the words after the command can be taken as the member typed them.
struct Folded {
  std::string text;
  std::vector<std::size_t> from;  // for each byte of `text`, the byte offset of its character in the original
};

Folded fold(std::string_view raw) {
  Folded out;
  std::size_t offset = 0;
  for (char32_t c : understand::decode_utf8(raw)) {
    const std::string original = understand::encode_utf8(std::u32string_view(&c, 1));
    std::string folded = c < 0x80 || understand::folds_to_itself(c) ? original
                                                                     : understand::encode_utf8(understand::normalize_text(original));
    if (folded.empty() && c == U'\u3000') folded = " ";
    if (folded.empty()) folded = original;
    out.text += folded;
    out.from.insert(out.from.end(), folded.size(), offset);
    offset += original.size();
  }
  return out;
}

// "1001 接单", "#1001号 接单": the number written before the verb.
std::optional<std::int64_t> leading_number(std::string_view& s) {
  std::string_view t = trim(s);
  if (t.starts_with("#")) t.remove_prefix(1);
  std::size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) ++digits;
  if (digits < 4 || digits > 9) return std::nullopt;
  const std::int64_t number = std::stoll(std::string(t.substr(0, digits)));
  t.remove_prefix(digits);
  if (t.starts_with("号")) t.remove_prefix(std::string_view("号").size());
  s = skip_separators(t);
  return number;
}

// Whether `s` starts with a verb of more than one character ("接单", not "接").
bool parse_verb_start(std::string_view s) {
  for (const auto& v : verb_words)
    if (v.word.size() > 3 && s.starts_with(v.word)) return true;
  return false;
}

}  // namespace

std::optional<StaffCommand> parse_staff_command(std::string_view raw) {
  const Folded folded = fold(trim(raw));
  const std::string_view original = trim(raw);
  std::string_view text = folded.text;
  text = trim(text);
  // "好的，接单1001", "嗯 办结 1001 …": a word of assent before the command.
  for (std::string_view assent : {"好的", "好", "嗯嗯", "嗯", "ok", "OK"})
    if (text.starts_with(assent)) {
      const std::string_view after = skip_separators(text.substr(assent.size()));
      if (after.size() < text.size() - assent.size() && parse_verb_start(after)) text = after;
      break;
    }
  std::string_view head = text;
  const auto number_first = leading_number(head);
  if (number_first) text = head;
  const VerbWord* best = nullptr;
  for (const auto& v : verb_words)
    if (text.starts_with(v.word) && (!best || v.word.size() > best->word.size())) best = &v;
  if (!best) return std::nullopt;
  // A one-character verb must stand alone (followed by nothing, a number, a space or a
  // separator), so that ordinary sentences starting with 到/回/结/查 are not taken for commands.
  if (best->word.size() == 3) {
    std::string_view after = text.substr(3);
    bool alone = after.empty() || static_cast<unsigned char>(after.front()) < 0x80;
    for (std::string_view sep : {"：", "，", "\u3000"}) alone = alone || after.starts_with(sep);
    if (!alone) return std::nullopt;
  }
  std::string_view rest = skip_separators(text.substr(best->word.size()));
  StaffCommand command{best->verb, std::string(best->full), number_first, {}};
  std::size_t digits = 0;
  while (!number_first && digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits > 0 && digits <= 9) {
    command.number = std::stoll(std::string(rest.substr(0, digits)));
    rest = rest.substr(digits);
    if (rest.starts_with("号")) rest.remove_prefix(std::string_view("号").size());
  }
  rest = skip_separators(rest);
  // The rest as the member typed it (their script, their punctuation).
  const std::size_t at = static_cast<std::size_t>(rest.data() - folded.text.data());
  command.rest = at < folded.from.size() ? std::string(skip_separators(original.substr(folded.from[at]))) : std::string();
  return command;
}

}  // namespace gridbot
