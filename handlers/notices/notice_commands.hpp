// What staff say to the bot about notices, by direct message: "通知 <scope> <text>" (then 确认 or
// 取消 at the confirmation that shows how many groups and people it reaches) and "通知 N 进度".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

struct ComposeCommand {
  std::string scope, text;
};
struct ProgressCommand {
  std::int64_t notice = 0;
};
struct NoticeHelp {};  // "通知" with nothing usable after it
using NoticeCommand = std::variant<ComposeCommand, ProgressCommand, NoticeHelp>;

// "通知 幸福里社区 明天停水…", "通知 3 进度", "通知#3进度"; nothing for text that is not about notices.
std::optional<NoticeCommand> parse_notice_command(std::string_view text);

// A member's direct message about notices (a command, or the answer to a confirmation); nothing
// when the message is not about notices, so the staff commands handle it.
std::optional<Actions> handle_notice_message(const MessageReceived& event, const Member& member, const Context& ctx);

}  // namespace gridbot
