#include "handlers/staff_commands.hpp"

#include <array>
#include <cctype>
#include <charconv>

#include "handlers/messages.hpp"
#include "handlers/permissions.hpp"

namespace gridbot {

namespace {

struct Command {
  std::string_view verb;  // "claim", "show"
  std::optional<std::int64_t> number;
};

// Verb words and their short aliases; the longest match wins so "接单" beats "接".
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> verbs{{
    {"接单", "claim"}, {"认领", "claim"}, {"查", "show"}, {"查看", "show"},
}};

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<std::int64_t> parse_number(std::string_view s) {
  s = trim(s);
  if (s.starts_with("#")) s.remove_prefix(1);
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || n <= 0) return std::nullopt;
  return n;
}

std::optional<Command> parse_command(std::string_view text) {
  text = trim(text);
  std::string_view best_word, best_verb;
  for (auto [word, verb] : verbs)
    if (text.starts_with(word) && word.size() > best_word.size()) best_word = word, best_verb = verb;
  if (best_word.empty()) return std::nullopt;
  return Command{best_verb, parse_number(text.substr(best_word.size()))};
}

Actions reply(const MessageReceived& event, std::string text) {
  return {to_user(event.message.platform, event.message.sender, std::move(text))};
}

Actions claim(const MessageReceived& event, const Member& member, Ticket t, const Context& ctx) {
  if (!t.claimed_by.empty())
    return reply(event, ctx.text.render("claim.already", {{"number", t.number}, {"member", member_name(ctx.org, t.claimed_by)}}));
  t.state = TicketState::claimed;
  t.claimed_by = t.owner = member.id;
  t.updated_at = ctx.now;
  Actions actions{SaveTicket{t}, RecordEvent{t.number, "claimed", member.id, {}, ctx.now}, CancelTimers{t.number, "claim_deadline"}};
  actions.push_back(to_user(event.message.platform, event.message.sender,
                            ctx.text.render("claim.done_staff", {{"number", t.number}, {"deadline", t.resolve_due_at}}), t.number));
  if (const Group* group = ctx.org.group(t.group_id)) {
    const Role role = member.roles.empty() ? Role::manager : member.roles.front();
    SendMessage notice = to_group(*group,
                                  ctx.text.render("claim.done_group", {{"resident", t.reporter_name},
                                                                       {"number", t.number},
                                                                       {"role", ctx.text.render("role." + std::string(to_string(role)))},
                                                                       {"member", member.name}}),
                                  t.number);
    notice.mentions.push_back(t.reporter_user);
    actions.push_back(std::move(notice));
  }
  return actions;
}

Actions show(const MessageReceived& event, const Ticket& t, const Context& ctx) {
  return reply(event, ctx.text.render("ticket.detail", {{"number", t.number},
                                                        {"category", category_name(t.category, ctx.text)},
                                                        {"urgent", std::string(t.urgent ? "yes" : "no")},
                                                        {"state", ctx.text.render("state." + std::string(to_string(t.state)))},
                                                        {"place", describe_place(t, ctx.text)},
                                                        {"text", t.text},
                                                        {"member", t.owner.empty() ? std::string("-") : member_name(ctx.org, t.owner)},
                                                        {"deadline", t.resolve_due_at}}));
}

}  // namespace

Actions handle_staff_message(const MessageReceived& event, const Member& member, const Context& ctx) {
  auto command = parse_command(event.message.text);
  if (!command || !command->number) return reply(event, ctx.text.render("staff.help"));
  auto ticket = ctx.tickets.find(*command->number);
  if (!ticket) return reply(event, ctx.text.render("staff.unknown_ticket", {{"number", *command->number}}));
  if (!may_act_on(member, *ticket, ctx.org)) {
    const Grid* grid = ctx.org.grid(ticket->grid);
    return reply(event, ctx.text.render("staff.not_allowed", {{"number", ticket->number}, {"grid", grid ? grid->name : ticket->grid}}));
  }
  if (command->verb == "claim") return claim(event, member, *ticket, ctx);
  return show(event, *ticket, ctx);
}

}  // namespace gridbot
