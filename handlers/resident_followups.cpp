#include "handlers/resident_followups.hpp"

#include "handlers/messages.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"
#include "handlers/text_tools.hpp"

namespace gridbot {

void answer_resident(Actions& out, const MessageReceived& event, const Ticket& t, std::string_view template_id,
                     templates::Args args, const Context& ctx) {
  if (event.group && !t.sensitive) {
    args["resident"] = event.sender.name;
    SendMessage m = to_group(*event.group, ctx.text.render(template_id, args), t.number);
    m.mentions.push_back(event.message.sender);
    out.push_back(std::move(m));
    return;
  }
  out.push_back(to_user(event.message.platform, event.message.sender, ctx.text.render(std::string(template_id) + "_private", args), t.number));
}

Actions relay_to_owner(const MessageReceived& event, const Ticket& t, const Context& ctx) {
  Actions out{RecordEvent{t.number, "resident_replied", event.sender.id, event.message.text, ctx.now},
              LinkMessage{event.message.platform, event.message.message_id, t.number}};
  notify_member(out, ctx.org.member(t.responsible()), t,
                ctx.text.render("relay.to_owner", {{"number", t.number}, {"resident", event.sender.name}, {"text", event.message.text}}),
                ctx);
  return out;
}

Actions urge_ticket(const MessageReceived& event, Ticket t, const Context& ctx) {
  t.urges += 1;
  t.updated_at = ctx.now;
  const std::string responsible = t.responsible();
  Actions out{SaveTicket{t}, RecordEvent{t.number, "urged", event.sender.id, event.message.text, ctx.now},
              LinkMessage{event.message.platform, event.message.message_id, t.number}};
  notify_member(out, ctx.org.member(responsible), t,
                ctx.text.render("urge.owner", {{"number", t.number},
                                               {"resident", event.sender.name},
                                               {"text", event.message.text},
                                               {"count", std::int64_t{t.urges}}}),
                ctx, true);
  if (t.urges >= ctx.policy.urges_before_next_rung) {
    // Enough chasing: the rung above hears of it, once per further urge.
    const Member* above = rung_member(ctx.org, t, std::min(t.escalation_level + 1, top_rung));
    if (above && above->id != responsible)
      notify_member(out, above, t,
                    ctx.text.render("urge.next_rung", {{"number", t.number},
                                                       {"count", std::int64_t{t.urges}},
                                                       {"member", member_name(ctx.org, responsible)},
                                                       {"text", event.message.text}}),
                    ctx, true);
  }
  answer_resident(out, event, t, "urge.resident", {{"number", t.number}, {"member", member_name(ctx.org, responsible)}}, ctx);
  return out;
}

bool is_cancel_request(std::string_view text) {
  text = trim(text);
  for (std::string_view word : {"撤销", "取消工单", "撤回工单", "取消报修", "不用来了"})
    if (text.starts_with(word)) return true;
  return false;
}

Actions cancel_ticket(const MessageReceived& event, std::optional<std::int64_t> number, const Context& ctx) {
  std::optional<Ticket> found;
  if (number) {
    found = ctx.tickets.find(*number);
  } else {
    for (const auto& t : ctx.tickets.tickets_of_resident(event.sender.id))
      if (t.open() && t.reporter_id == event.sender.id) {
        found = t;
        break;
      }
  }
  // Only one's own open ticket can be withdrawn.
  if (!found || found->reporter_id != event.sender.id || !found->open())
    return {event.group ? to_group(*event.group, ctx.text.render("cancel.nothing"))
                        : to_user(event.message.platform, event.message.sender, ctx.text.render("cancel.nothing"))};
  Ticket t = *found;
  t.state = TicketState::cancelled;
  t.updated_at = ctx.now;
  Actions out{SaveTicket{t}, RecordEvent{t.number, "cancelled", event.sender.id, event.message.text, ctx.now},
              CancelTimers{t.number, ""}};
  notify_member(out, ctx.org.member(t.responsible()), t,
                ctx.text.render("cancel.owner", {{"number", t.number}, {"resident", event.sender.name}}), ctx);
  answer_resident(out, event, t, "cancel.resident", {{"number", t.number}}, ctx);
  return out;
}

}  // namespace gridbot
