#include "handlers/resident_messages.hpp"

#include <nlohmann/json.hpp>

#include "handlers/intake.hpp"
#include "handlers/messages.hpp"
#include "handlers/ratings.hpp"
#include "handlers/resident_followups.hpp"
#include "handlers/routing.hpp"
#include "handlers/text_tools.hpp"

namespace gridbot {

namespace {

using understand::Intent;

Actions reply_privately(const MessageReceived& event, std::string text) {
  return {to_user(event.message.platform, event.message.sender, std::move(text))};
}

// The ticket a message is about: the message it quotes, or a number it names.
std::optional<std::int64_t> ticket_referred_to(const MessageReceived& event, const Context& ctx) {
  if (event.message.quote)
    if (auto n = ctx.tickets.ticket_of_message(event.message.platform, *event.message.quote)) return n;
  return ticket_number_in(event.message.text);
}

std::optional<Actions> try_rating(const MessageReceived& event, std::optional<std::int64_t> referred, const Context& ctx) {
  auto rating = parse_rating(event.message.text);
  if (!rating) return std::nullopt;
  for (const auto& t : ctx.tickets.tickets_of_resident(event.sender.id)) {
    // Only the reporter rates, and only a ticket waiting for it (the quoted one, if quoted).
    if (t.state != TicketState::resolved || t.rating != Rating::none || t.reporter_id != event.sender.id) continue;
    if (referred && *referred != t.number) continue;
    return record_rating(t, *rating, ctx);
  }
  return std::nullopt;
}

// A direct report from someone whose grid is not known: ask where, and remember the question.
Actions ask_for_place(const MessageReceived& event, const std::string& text, const Context& ctx) {
  nlohmann::json state{{"kind", "ask_place"}, {"text", text}, {"asked_at", ctx.now.time_since_epoch().count()}};
  return {SaveConversation{event.message.platform, event.message.sender, state.dump()},
          to_user(event.message.platform, event.message.sender, ctx.text.render("direct.ask_place", {{"text", text}}))};
}

// "幸福里 3号楼" → the grid of building 3 in the community whose name the answer contains.
std::string grid_from_answer(std::string_view answer, const understand::Understanding& u, const Organization& org) {
  if (!u.building) return {};
  for (const auto& c : org.communities) {
    std::string short_name = c.name;
    for (std::string_view suffix : {"社区", "村"})
      if (short_name.ends_with(suffix)) short_name.resize(short_name.size() - suffix.size());
    if (answer.find(short_name) == std::string_view::npos) continue;
    for (const auto& g : org.grids)
      if (g.community == c.id && std::find(g.buildings.begin(), g.buildings.end(), *u.building) != g.buildings.end()) return g.id;
  }
  return {};
}

// The answer to the question the bot asked this user, if one is pending; an expired or unreadable
// question is forgotten (`forget`) and the message handled as any other.
std::optional<Actions> answer_to_question(const MessageReceived& event, const Context& ctx, bool& forget) {
  auto stored = ctx.tickets.conversation(event.message.platform, event.message.sender);
  if (!stored) return std::nullopt;
  auto state = nlohmann::json::parse(*stored, nullptr, false);
  const bool expired = !state.is_object() || state.value("kind", "") != "ask_place" ||
                       Time(Seconds(state.value("asked_at", std::int64_t{0}))) + ctx.policy.conversation_timeout < ctx.now;
  forget = expired;
  if (expired) return std::nullopt;
  Actions out{SaveConversation{event.message.platform, event.message.sender, ""}};
  const auto u = understand::understand(event.message.text);
  const std::string grid = grid_from_answer(event.message.text, u, ctx.org);
  if (grid.empty()) return reply_privately(event, ctx.text.render("direct.place_unknown"));
  const std::string original = state.value("text", "");
  auto understood = understand::understand(original);
  if (!understood.building) understood.building = u.building;
  if (!understood.category) understood.category = "other";
  Actions filed = take_in_report(Report{event, original, understood, nullptr, grid, ctx.org.community_of_grid(grid)}, ctx);
  out.insert(out.end(), filed.begin(), filed.end());
  return out;
}

Actions new_request(const MessageReceived& event, understand::Understanding u, const Context& ctx) {
  if (!u.category) u.category = "other";
  if (event.group) {
    const std::string grid = grid_for_report(*event.group, u.building, ctx.org);
    const std::string community = grid.empty() ? event.group->community : ctx.org.community_of_grid(grid);
    return take_in_report(Report{event, event.message.text, u, event.group, grid, community}, ctx);
  }
  // Directly to the bot: the resident's registered address says where, else we ask.
  const Resident* resident = event.sender.resident;
  if (!resident || resident->grid.empty()) return ask_for_place(event, event.message.text, ctx);
  if (!u.building) u.building = resident->building;
  return take_in_report(Report{event, event.message.text, u, nullptr, resident->grid, ctx.org.community_of_grid(resident->grid)}, ctx);
}

Actions handle_statement(const MessageReceived& event, const Context& ctx) {
  const bool direct = event.message.chat_id.empty();

  const auto referred = ticket_referred_to(event, ctx);
  if (auto rated = try_rating(event, referred, ctx)) return std::move(*rated);
  if (is_cancel_request(event.message.text)) return cancel_ticket(event, referred, ctx);

  const auto u = understand::understand(event.message.text);
  if (referred) {
    auto t = ctx.tickets.find(*referred);
    if (!t) return reply_privately(event, ctx.text.render("resident.reply_unknown_ticket", {{"number", *referred}}));
    if (u.intent == Intent::followup && t->open()) return urge_ticket(event, std::move(*t), ctx);
    return relay_to_owner(event, *t, ctx);
  }
  if (u.intent == Intent::followup) {
    // The open ticket about the same kind of problem. A chase that names no place ("到底管不管")
    // is about the newest one; one that describes a problem somewhere ("1号楼灯坏了好几天了")
    // with no matching ticket is a new report.
    const auto mine = ctx.tickets.tickets_of_resident(event.sender.id);
    for (const auto& t : mine)
      if (t.open() && u.category && t.category == *u.category) return urge_ticket(event, t, ctx);
    if (!u.building)
      for (const auto& t : mine)
        if (t.open()) return urge_ticket(event, t, ctx);
    return new_request(event, u, ctx);  // chasing something we never heard of: take it in now
  }
  if (u.intent == Intent::request) return new_request(event, u, ctx);
  // Chat, acknowledgements, thanks and spam create nothing in a group; a direct message gets help.
  return direct ? reply_privately(event, ctx.text.render("resident.direct_help")) : Actions{};
}

}  // namespace

Actions handle_resident_message(const MessageReceived& event, const Context& ctx) {
  bool forget = false;
  if (event.message.chat_id.empty())
    if (auto answered = answer_to_question(event, ctx, forget)) return std::move(*answered);
  Actions out = handle_statement(event, ctx);
  if (forget) out.insert(out.begin(), SaveConversation{event.message.platform, event.message.sender, ""});
  return out;
}

}  // namespace gridbot
