#include "handlers/command_parser.hpp"

#include <array>
#include <cctype>

#include "handlers/text_tools.hpp"

namespace gridbot {

namespace {

struct VerbWord {
  std::string_view word;
  StaffVerb verb;
  std::string_view full;
};

// Full words first, then one-character aliases; the longest match at the start wins.
constexpr std::array<VerbWord, 24> verb_words{{
    {"我的工单", StaffVerb::mine, "我的工单"}, {"我的", StaffVerb::mine, "我的工单"},
    {"接单", StaffVerb::claim, "接单"},       {"认领", StaffVerb::claim, "接单"},
    {"回复", StaffVerb::reply, "回复"},       {"答复", StaffVerb::reply, "回复"},
    {"办结", StaffVerb::resolve, "办结"},     {"转办", StaffVerb::transfer, "转办"},
    {"吹哨", StaffVerb::whistle, "吹哨"},     {"报到", StaffVerb::report_in, "报到"},
    {"挂起", StaffVerb::suspend, "挂起"},     {"恢复", StaffVerb::resume, "恢复"},
    {"解挂", StaffVerb::resume, "恢复"},      {"督办", StaffVerb::supervise, "督办"},
    {"查看", StaffVerb::show, "查"},          {"查", StaffVerb::show, "查"},
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

}  // namespace

std::optional<StaffCommand> parse_staff_command(std::string_view text) {
  text = trim(text);
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
  StaffCommand command{best->verb, std::string(best->full), std::nullopt, {}};
  std::size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits > 0 && digits <= 9) {
    command.number = std::stoll(std::string(rest.substr(0, digits)));
    rest = rest.substr(digits);
    if (rest.starts_with("号")) rest.remove_prefix(std::string_view("号").size());
  }
  command.rest = std::string(skip_separators(rest));
  return command;
}

}  // namespace gridbot
