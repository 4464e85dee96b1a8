// 收到请回复: in a group with an open notice that asks for acknowledgement, a member's "收到", "1",
// "已阅", "收到 3-2-501" (and their variants, in either script) counts as that member's
// acknowledgement. The understanding module's `ack` intent decides; outside an open notice the
// same words stay chat. At the deadline the grid member hears who has not answered, and the group
// gets one reminder @-mentioning them.
#pragma once

#include <optional>
#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

// The ack intent, less what it also covers but does not acknowledge anything: a question about
// receiving ("收到了吗") and a denial ("我家没收到水" — a report about water, not a reply).
bool reads_as_acknowledgement(std::string_view text, const understand::Understanding& u);

// The acknowledgement a group message gives, if it gives one. A bare "1" that could also rate the
// sender's resolved ticket goes to the most recent prompt (the rating request or the notice),
// unless it quotes one of them; one message never counts twice. `event.message.read` is set
// (handle() sees to it).
std::optional<Actions> acknowledge_notice(const MessageReceived& event, const Context& ctx);

// The timers of notices: a scheduled notice goes out; an acknowledgement deadline passes.
Actions handle_notice_timer(const TimerDue& timer, const Context& ctx);

}  // namespace gridbot
