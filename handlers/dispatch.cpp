#include "handlers/dispatch.hpp"

#include "handlers/command_parser.hpp"
#include "handlers/deadlines.hpp"
#include "handlers/messages.hpp"
#include "handlers/notices/notices.hpp"
#include "handlers/open311_intake.hpp"
#include "handlers/resident_messages.hpp"
#include "handlers/staff_commands.hpp"
#include "handlers/text_tools.hpp"

namespace gridbot {

namespace {

// "接单 1001", "办结", "我的工单": a verb with a ticket number, or a verb alone. "回复大家一下" is talk.
bool looks_like_command(const Inbound& message) {
  const std::string_view text = message.text;
  const auto& command = message.read->command;
  if (!command) return false;
  return command->number || (command->rest.empty() && trim(text) == command->word) || command->verb == StaffVerb::mine;
}

Actions staff_wrote_command_in_group(const MessageReceived& event, const Context& ctx) {
  return {to_user(event.message.platform, event.message.sender,
                  ctx.text.render("staff.commands_direct", {{"text", std::string(trim(event.message.text))}}))};
}

Actions handle_message(const MessageReceived& event, const Context& ctx) {
  // A civic tool's Open311 request: filed at once where its address says (bot/console/open311_api).
  if (event.message.platform == open311_platform) return file_open311_request(event, ctx);
  const bool direct = event.message.chat_id.empty();
  // "收到" to an open notice that asks for it counts, whoever writes it: staff are on the roster too.
  if (!direct && event.group)
    if (auto acknowledged = acknowledge_notice(event, ctx)) return std::move(*acknowledged);
  if (event.sender.kind == Person::Kind::member) {
    // Staff talk among themselves and to residents in groups; only what they say to the bot is
    // a command. One that looks like a command is not dropped silently: they hear, privately,
    // where commands go.
    if (!direct) return looks_like_command(event.message) ? staff_wrote_command_in_group(event, ctx) : Actions{};
    if (auto notice = handle_notice_message(event, *event.sender.member, ctx)) return std::move(*notice);
    return handle_staff_message(event, *event.sender.member, ctx);
  }
  // Residents, registered or not: group messages in a bound group go to intake; messages in a
  // chat no group is bound to are not ours to answer.
  if (!direct && !event.group) return {};
  return handle_resident_message(event, ctx);
}

}  // namespace

Actions handle(const Event& event, const Context& ctx) {
  if (auto* message = std::get_if<MessageReceived>(&event)) {
    if (!message->message.read) {
      // The pipeline reads a message's words on the HTTP thread (handlers/message_reading); a
      // caller that did not (tests, the synchronous path) gets them read here, once, so every
      // handler below can rely on them.
      MessageReceived read = *message;
      read.message.read = read_message(read.message.text);
      return handle(Event{std::move(read)}, ctx);
    }
    Actions out = handle_message(*message, ctx);
    answer_in_kind(out, message->message);
    return out;
  }
  const auto& timer = std::get<TimerDue>(event);
  if (timer.kind.starts_with("notice_")) return handle_notice_timer(timer, ctx);
  return handle_timer(timer, ctx);
}

}  // namespace gridbot
