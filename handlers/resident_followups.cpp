#include "handlers/resident_followups.hpp"

#include "handlers/messages.hpp"
#include "handlers/resident_status.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"
#include "handlers/text_tools.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"
#include "handlers/word_set.hpp"

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
  const Member* responsible = ctx.org.member(t.responsible());
  notify_member(out, responsible, t,
                ctx.text.render("relay.to_owner", {{"number", t.number}, {"resident", event.sender.name}, {"text", event.message.text}}),
                ctx);
  // The resident hears that it reached someone, so they need not say it again.
  answer_resident(out, event, t, "relay.ack",
                  {{"number", t.number}, {"member", responsible ? responsible->name : ctx.text.render("resident.nobody_yet")}}, ctx);
  return out;
}

namespace {

// When this resident last chased this ticket, if ever.
std::optional<Time> last_urge_by(const Ticket& t, std::string_view person_id, const Context& ctx) {
  return ctx.tickets.last_event_at(t.number, "urged", person_id);
}

}  // namespace

Actions urge_ticket(const MessageReceived& event, Ticket t, const Context& ctx) {
  Actions out;
  // One may chase only what one reported or follows, and not faster than the owner can act.
  if (!is_party_to(t, event.sender.id, ctx.tickets)) {
    answer_resident(out, event, t, "urge.not_yours", {{"number", t.number}}, ctx);
    return out;
  }
  if (auto last = last_urge_by(t, event.sender.id, ctx); last && ctx.now - *last < ctx.policy.urge_min_interval) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(ctx.policy.urge_min_interval).count();
    answer_resident(out, event, t, "urge.too_soon",
                    {{"number", t.number}, {"member", member_name(ctx.org, t.responsible())}, {"minutes", std::int64_t{minutes}}}, ctx);
    return out;
  }
  t.urges += 1;
  t.updated_at = ctx.now;
  const std::string responsible = t.responsible();
  out.insert(out.end(), {SaveTicket{t}, RecordEvent{t.number, "urged", event.sender.id, event.message.text, ctx.now},
                         LinkMessage{event.message.platform, event.message.message_id, t.number}});
  notify_member(out, ctx.org.member(responsible), t,
                ctx.text.render("urge.owner", {{"number", t.number},
                                               {"resident", event.sender.name},
                                               {"text", event.message.text},
                                               {"count", std::int64_t{t.urges}}}),
                ctx);  // a chase about a non-urgent matter waits out quiet hours like any notice
  if (t.urges >= ctx.policy.urges_before_next_rung) {
    // Enough chasing: the rung above hears of it, once per further urge.
    const Member* above = rung_member(ctx.org, t, std::min(t.escalation_level + 1, top_rung));
    if (above && above->id != responsible)
      notify_member(out, above, t,
                    ctx.text.render("urge.next_rung", {{"number", t.number},
                                                       {"count", std::int64_t{t.urges}},
                                                       {"member", member_name(ctx.org, responsible)},
                                                       {"text", event.message.text}}),
                    ctx);
  }
  answer_resident(out, event, t, "urge.resident", {{"number", t.number}, {"member", member_name(ctx.org, responsible)}}, ctx);
  return out;
}

bool is_cancel_request(std::string_view raw) {
  // Either script, any spacing: "撤銷", "帮我撤销一下", "不用修了，已经好了", "取消1002", "算了".
  const std::string normalized = understand::encode_utf8(understand::normalize_text(raw));
  const std::string_view text = trim(normalized);
  // Anywhere: "撤销", or the resident says the visit is no longer needed ("已经通了，不用来了").
  static const WordSet withdrawn{"撤销", "取消工单", "撤回工单", "取消报修", "不用来了", "不用修了", "不需要修了", "不用处理了",
                                 "不需要处理了", "不用麻烦了", "不用上门了", "自己修好了", "自己弄好了", "自己搞好了",
                                 "自己处理好了", "自己解决了"};
  if (withdrawn.found_in(text)) return true;
  // Only in a short message ("电梯那个不用了"), so that a report which merely starts so ("算了，我还是
  // 报一下：5号楼灯坏了") stays a report.
  if (understand::decode_utf8(strip_punctuation(text)).size() > 10) return false;
  // A question ("停水通知取消了吗") or news of something else called off ("活动取消了") withdraws nothing.
  for (std::string_view asking : {"吗", "?", "？", "了没", "没有"})
    if (text.find(asking) != std::string_view::npos) return false;
  for (std::string_view word : {"撤回", "撤单", "取消", "不用了", "不需要了", "不用管了", "算了"})
    if (auto at = text.find(word); at != std::string_view::npos && !text.substr(at + word.size()).starts_with("了")) return true;
  return false;
}

Actions cancel_ticket(const MessageReceived& event, std::optional<std::int64_t> number, const Context& ctx) {
  std::optional<Ticket> found;
  if (number) {
    found = ctx.tickets.find(*number);
  } else {
    for (const auto& t : ctx.tickets.tickets_of_resident(event.sender.id, resident_tickets_shown))
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
