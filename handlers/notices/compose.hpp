// Composing a notice and sending it: the one path both the direct-message command and the JSON API
// take, so a notice is checked, resolved and queued the same way whoever sends it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "handlers/actions.hpp"
#include "handlers/calendar.hpp"
#include "handlers/context.hpp"
#include "handlers/notices/scope.hpp"

namespace gridbot {

// An acknowledgement deadline nobody gave: a day, the span staff count replies over by hand.
inline constexpr Seconds default_ack_window = std::chrono::hours(24);

struct NoticeRequest {
  NoticeScope scope;
  std::string text;
  std::map<std::string, std::string> versions;  // "ug" / "kk"
  int priority = static_cast<int>(Priority::notice);
  bool require_ack = false;
  std::optional<Time> deadline;  // default: default_ack_window after it goes out
  std::optional<Time> send_at;   // default: at once
};

enum class ComposeProblem { not_allowed, no_groups, outside_jurisdiction, empty_text, deadline_passed, unknown_language };
struct ComposeRefusal {
  ComposeProblem problem;
  std::string detail;  // the group outside the sender's jurisdiction, the language
};

// A draft (not yet queued) for `sender`, answering on (platform, user); or why it cannot be sent.
std::variant<Notice, ComposeRefusal> compose_notice(const NoticeRequest& request, const Member& sender,
                                                    std::string_view platform, std::string_view user, const Context& ctx);

// Queues a draft: every group's copy now (one outbox row each, in this transaction, so a crash
// sends all or none are queued), or a timer for its scheduled time; and the deadline's timer.
Actions release_notice(Notice n, const Context& ctx);

// A group's copy: the Chinese text, the versions in the group's languages, the request to reply.
std::string notice_text_for(const Notice& n, const Group& g, const Context& ctx);

// "收到请回复", "请回复收到", "请于2小时内回复": what asks for acknowledgement in a typed notice, and the
// window it gives ("2小时内", "30分钟内"), if any.
bool asks_for_acknowledgement(std::string_view text);
std::optional<Seconds> acknowledgement_window(std::string_view text);

// "定时18:00" (send at) and "截止20:30" (acknowledge by) in a typed notice: the next such local time
// after `now` in the calendar's zone, and the text without the option, which is for the bot only.
struct TimeOption {
  std::optional<Time> at;
  std::string rest;
};
TimeOption take_time_option(std::string_view text, std::string_view word, Time now, const WorkingCalendar& calendar);

}  // namespace gridbot
