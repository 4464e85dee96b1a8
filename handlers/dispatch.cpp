#include "handlers/dispatch.hpp"

#include "handlers/deadlines.hpp"
#include "handlers/resident_messages.hpp"
#include "handlers/staff_commands.hpp"

namespace gridbot {

namespace {

Actions handle_message(const MessageReceived& event, const Context& ctx) {
  const bool direct = event.message.chat_id.empty();
  if (event.sender.kind == Person::Kind::member) {
    // Staff talk among themselves and to residents in groups; only what they say to the bot is
    // a command.
    if (!direct) return {};
    return handle_staff_message(event, *event.sender.member, ctx);
  }
  // Residents, registered or not: group messages in a bound group go to intake; messages in a
  // chat no group is bound to are not ours to answer.
  if (!direct && !event.group) return {};
  return handle_resident_message(event, ctx);
}

}  // namespace

Actions handle(const Event& event, const Context& ctx) {
  if (auto* message = std::get_if<MessageReceived>(&event)) return handle_message(*message, ctx);
  return handle_timer(std::get<TimerDue>(event), ctx);
}

}  // namespace gridbot
