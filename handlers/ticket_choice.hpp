// "Which one?": a resident with several open tickets writes 撤销 or a chase that names none. The
// bot lists them, numbered, and remembers the question (it survives a restart, like the question
// about a direct report's place); the answer "2", "第二个" or "#1002" finishes what they started.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

// What the resident started: "cancel" or "urge".
Actions ask_which_ticket(const MessageReceived& event, std::string_view action, const std::vector<Ticket>& tickets,
                         const Context& ctx);

struct PendingChoice {
  std::string action;  // "cancel" or "urge"
  std::string text;    // the message that started it, to record and relay as written
  std::vector<std::int64_t> tickets;
  Time asked_at{};
};
// The pending choice in a stored conversation, if that is what it holds.
std::optional<PendingChoice> pending_choice(std::string_view stored);

// The ticket the answer picks from `offered`: its place in the list ("2", "第2个", "第二个") or its
// number ("#1002", "1002"). None when the text is not such an answer.
std::optional<std::int64_t> chosen_ticket(std::string_view text, const std::vector<std::int64_t>& offered);

// "都撤销", "全部", "两个都取消": a short answer that picks every ticket offered.
bool chose_all(std::string_view text);

}  // namespace gridbot
