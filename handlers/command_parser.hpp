// Staff commands as people type them to the bot: a verb (or its one-character alias), an
// optional ticket number, and the rest ("回复 1001 师傅下午到", "结 已疏通", "我的工单").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gridbot {

enum class StaffVerb { claim, reply, resolve, transfer, whistle, report_in, suspend, resume, supervise, mine, show };

struct StaffCommand {
  StaffVerb verb;
  std::string word;  // the verb's full word, to echo in help sentences
  std::optional<std::int64_t> number;
  std::string rest;  // trimmed, separators after the number removed
};

std::optional<StaffCommand> parse_staff_command(std::string_view text);

}  // namespace gridbot
