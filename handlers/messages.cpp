#include "handlers/messages.hpp"

#include "handlers/understand/sensitive_numbers.hpp"
#include "handlers/understand/understand.hpp"

namespace gridbot {

SendMessage to_group(const Group& group, std::string text, std::optional<std::int64_t> ticket, const std::set<std::string>& keep) {
  SendMessage m;
  m.platform = group.platform;
  m.chat_id = group.chat_id;
  m.account = group.account;
  // Everything posted to a group is masked: phone and ID numbers never reach the neighbours.
  m.text = understand::mask_sensitive(text, keep);
  m.ticket = ticket;
  return m;
}

SendMessage to_user(std::string_view platform, std::string_view user_id, std::string text,
                    std::optional<std::int64_t> ticket) {
  SendMessage m;
  m.platform = platform;
  m.user_id = user_id;
  m.text = std::move(text);
  m.ticket = ticket;
  return m;
}

std::optional<SendMessage> to_member(const Member& member, std::string_view preferred_platform, std::string text,
                                     std::optional<std::int64_t> ticket) {
  if (member.accounts.empty()) return std::nullopt;
  auto it = member.accounts.find(preferred_platform);
  if (it == member.accounts.end()) it = member.accounts.begin();
  return to_user(it->first, it->second, std::move(text), ticket);
}

std::optional<SendMessage> to_member(const Organization& org, const Member& member, std::string_view ticket_platform,
                                     std::string text, std::optional<std::int64_t> ticket) {
  auto account = org.reachable(member.accounts, ticket_platform);
  if (!account) return std::nullopt;
  return to_user(account->first, account->second, std::move(text), ticket);
}

void answer_in_kind(Actions& out, const Inbound& message) {
  for (auto& action : out) {
    auto* m = std::get_if<SendMessage>(&action);
    if (!m || m->platform != message.platform) continue;
    const bool same_conversation = message.chat_id.empty() ? m->chat_id.empty() && m->user_id == message.sender
                                                           : m->chat_id == message.chat_id;
    if (!same_conversation) continue;
    if (!message.account.empty()) m->account = message.account;
    if (m->reply_to.empty()) m->reply_to = message.reply_handle;
  }
}

void notify_member(Actions& out, const Member* member, const Ticket& t, std::string text, const Context& ctx,
                   bool immediate) {
  if (!member) return;
  auto message = to_member(ctx.org, *member, t.source_platform, std::move(text), t.number);
  if (!message) return;
  message->priority = t.urgent ? Priority::urgent : Priority::reply;
  if (!t.urgent && !immediate) {
    Time release = ctx.policy.calendar.after_quiet_hours(ctx.now);
    if (release > ctx.now) message->not_before = release;
  }
  out.push_back(std::move(*message));
}

void tell_reporter(Actions& out, const Ticket& t, std::string_view template_id, templates::Args args, const Context& ctx,
                   const std::set<std::string>& keep) {
  const Group* group = t.group_id.empty() ? nullptr : ctx.org.group(t.group_id);
  if (group && !t.sensitive) {
    args["resident"] = t.reporter_name;
    SendMessage m = to_group(*group, ctx.text.render(template_id, args), t.number, keep);
    m.mentions.push_back(t.reporter_user);
    out.push_back(std::move(m));
    return;
  }
  out.push_back(to_user(t.source_platform, t.reporter_user, ctx.text.render(std::string(template_id) + "_private", args), t.number));
}

void tell_subscribers(Actions& out, const Ticket& t, std::string_view template_id, templates::Args args, const Context& ctx) {
  const std::string id = std::string(template_id) + "_private";
  for (const auto& s : ctx.tickets.subscribers(t.number)) out.push_back(to_user(s.platform, s.user_id, ctx.text.render(id, args), t.number));
}

std::string describe_place(const Ticket& t, const templates::Catalog& text) {
  std::string place;
  if (t.building) place += text.render("place.building", {{"building", *t.building}});
  if (t.unit) place += text.render("place.unit", {{"unit", *t.unit}});
  if (t.room) place += text.render("place.room", {{"room", *t.room}});
  return place.empty() ? text.render("place.unknown") : place;
}

std::string category_name(std::string_view category, const templates::Catalog& text) {
  std::string id = "category." + std::string(category);
  return text.has(id) ? text.render(id) : text.render("category.other");
}

std::string role_name(Role role, const templates::Catalog& text) { return text.render("role." + std::string(to_string(role))); }

std::string state_name(TicketState state, const templates::Catalog& text) {
  return text.render("state." + std::string(to_string(state)));
}

std::string member_name(const Organization& org, std::string_view member_id) {
  const Member* m = org.member(member_id);
  return m ? m->name : std::string(member_id);
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

}  // namespace gridbot
