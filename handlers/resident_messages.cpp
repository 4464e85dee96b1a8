#include "handlers/resident_messages.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "handlers/command_parser.hpp"
#include "handlers/intake.hpp"
#include "handlers/messages.hpp"
#include "handlers/rating_words.hpp"
#include "handlers/ratings.hpp"
#include "handlers/resident_followups.hpp"
#include "handlers/resident_status.hpp"
#include "handlers/routing.hpp"
#include "handlers/text_tools.hpp"
#include "handlers/ticket_choice.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"

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

Actions new_request(const MessageReceived& event, understand::Understanding u, const Context& ctx);

std::optional<Actions> try_rating(const MessageReceived& event, std::optional<std::int64_t> referred, const Context& ctx) {
  // The words first: most messages are no rating, and reading the resident's tickets costs far
  // more than the text tests once they follow many (the soak's grown database: 18 tickets with
  // about 40 subscribers each, per message).
  const MessageReading& read = *event.message.read;
  const auto& answer = read.rating;
  const bool score = read.score;
  if (!answer && !score) return std::nullopt;
  // Only the reporter rates, and only a ticket waiting for it (the quoted one, if quoted).
  std::vector<Ticket> waiting;
  for (const auto& t : ctx.tickets.awaiting_rating(event.sender.id))
    if (!referred || *referred == t.number) waiting.push_back(t);
  if (waiting.empty()) return std::nullopt;
  // "3分", "5分": a score on a scale we did not ask for; ask again rather than guess or file it.
  if (score) {
    Actions out;
    answer_resident(out, event, waiting.front(), "rating.ask_again", {{"number", waiting.front().number}}, ctx);
    return out;
  }
  if (!answer) return std::nullopt;
  // Several waiting: "下水道那个满意" rates the one it names, "两个都满意" all; else the newest.
  if (waiting.size() > 1) {
    std::vector<Ticket> named;
    for (const auto& t : waiting)
      if (mentions_subject_of(event.message.text, t, ctx.text)) named.push_back(t);
    if (named.size() == 1) waiting = named;
    else if (!chose_all(event.message.text)) waiting.resize(1);
  }
  // An emergency is never swallowed by a rating ("楼道着火了！！不满意也没用了快来"). A problem in
  // another building is news: "1号楼灯不亮，不行啊" is only that; "满意。另外1号楼井盖没了" rates and
  // is taken in too. "还是漏水" rejects the result unless it announces another problem.
  const auto u = understanding_of(event.message);
  const Ticket& first = waiting.front();
  const bool elsewhere = u.building && first.building && *u.building != *first.building;
  if (u.urgent || (elsewhere && (answer->implicit || answer->everyday))) return std::nullopt;
  if (answer->implicit && !still_broken_fits(event.message.text, first)) return std::nullopt;
  Actions out;
  for (const auto& t : waiting) {
    Actions rated = record_rating(t, *answer, ctx);
    out.insert(out.end(), rated.begin(), rated.end());
  }
  if (elsewhere) {
    Actions filed = new_request(event, u, ctx);
    out.insert(out.end(), filed.begin(), filed.end());
  }
  return out;
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

// The answer to "which community and building?" for a direct report.
Actions place_answered(const MessageReceived& event, const nlohmann::json& state, const Context& ctx) {
  Actions out{SaveConversation{event.message.platform, event.message.sender, ""}};
  const auto u = understanding_of(event.message);
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

// The tickets an answer to "which ticket?" picks: by place or number, by what it names ("电梯那个"),
// or all of them ("都撤销").
std::vector<std::int64_t> tickets_chosen(std::string_view answer, const PendingChoice& choice, const Context& ctx) {
  if (auto number = chosen_ticket(answer, choice.tickets)) return {*number};
  if (chose_all(answer)) return choice.tickets;
  std::vector<std::int64_t> named;
  for (auto number : choice.tickets)
    if (auto t = ctx.tickets.find(number); t && mentions_subject_of(answer, *t, ctx.text)) named.push_back(number);
  if (named.size() == 1) return named;
  return {};
}

// The answer to "which ticket?": finishes the withdrawal or the chase, as the resident wrote it.
std::optional<Actions> choice_answered(const MessageReceived& event, const PendingChoice& choice, const Context& ctx) {
  const auto numbers = tickets_chosen(event.message.text, choice, ctx);
  if (numbers.empty()) return std::nullopt;
  MessageReceived original = event;
  original.message.text = choice.text;
  original.message.understood.reset();  // it described the answer, not the original text
  original.message.read = read_message(choice.text);  // kept set, as handlers rely on it
  Actions out{SaveConversation{event.message.platform, event.message.sender, ""}};
  for (auto number : numbers) {
    Actions done;
    if (choice.action == "cancel") {
      done = cancel_ticket(original, number, ctx);
    } else if (auto t = ctx.tickets.find(number); t && t->open()) {
      done = urge_ticket(original, std::move(*t), ctx);
    } else {
      done = {to_user(event.message.platform, event.message.sender, ctx.text.render("choose.gone", {{"number", number}}))};
    }
    out.insert(out.end(), done.begin(), done.end());
  }
  return out;
}

// The answer to the question the bot asked this user, if one is pending; an expired or unreadable
// question, or a message that does not answer it, is forgotten (`forget`) and the message handled
// as any other. In a group only "which ticket?" can be answered, and only by a bare choice.
std::optional<Actions> answer_to_question(const MessageReceived& event, const Context& ctx, bool& forget) {
  auto stored = ctx.tickets.conversation(event.message.platform, event.message.sender);
  if (!stored) return std::nullopt;
  auto state = nlohmann::json::parse(*stored, nullptr, false);
  const std::string kind = state.is_object() ? state.value("kind", "") : std::string();
  const bool expired = kind.empty() ||
                       Time(Seconds(state.value("asked_at", std::int64_t{0}))) + ctx.policy.conversation_timeout < ctx.now;
  const bool direct = event.message.chat_id.empty();
  if (expired) {
    forget = true;
    return std::nullopt;
  }
  if (kind == "choose_ticket")
    if (auto choice = pending_choice(*stored)) {
      if (auto answered = choice_answered(event, *choice, ctx)) return answered;
      forget = direct;  // a group keeps talking; only the resident's own next word to the bot moves on
      return std::nullopt;
    }
  if (kind == "ask_place" && direct) return place_answered(event, state, ctx);
  forget = direct;
  return std::nullopt;
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

// The resident's open tickets a message without a number may be about: those it names the
// subject of ("下水道修好了吗"), else for a chase those of its category, else all of them — unless
// it describes a problem of another kind (then it is a report, and nothing is returned).
std::vector<Ticket> open_tickets_about(const MessageReceived& event, const understand::Understanding& u, bool chase,
                                       bool asking, const Context& ctx) {
  std::vector<Ticket> open, named, same_kind;
  for (const auto& t : ctx.tickets.tickets_of_resident(event.sender.id, resident_tickets_shown)) {
    if (!t.open()) continue;
    open.push_back(t);
    if (mentions_subject_of(event.message.text, t, ctx.text)) named.push_back(t);
    if (u.category && t.category == *u.category) same_kind.push_back(t);
  }
  if (!named.empty()) return named;
  // A bare status question ("进度", "怎么样了") names nothing; the model's category for so few
  // characters is noise, so it asks about every open ticket rather than filing a report.
  // Only a short one, and never an emergency: "楼道里一股煤气味，什么情况" is a report.
  const auto length = understand::decode_utf8(strip_punctuation(event.message.text)).size();
  if (asking && !u.building && !u.urgent && length <= 12) return open;
  if (chase && !same_kind.empty()) return same_kind;
  // A short chase ("麻烦快点来修") names no problem, whatever category the model guesses for it.
  const bool bare_chase = chase && !u.building && length <= 8;
  const bool describes_other_problem =
      !bare_chase && u.category && *u.category != "other" && (u.building || u.intent == Intent::request);
  return describes_other_problem ? std::vector<Ticket>{} : open;
}

// A number the resident wrote that is one of `tickets` ("取消1002", "1002不用了"): with no # it
// could be anything, so only a number of theirs counts.
std::optional<std::int64_t> own_number_in(std::string_view text, const std::vector<Ticket>& tickets) {
  const std::string digits_only = understand::encode_utf8(understand::normalize_text(text));
  for (const auto& t : tickets)
    if (digits_only.find(std::to_string(t.number)) != std::string::npos) return t.number;
  return std::nullopt;
}

Actions cancel_request(const MessageReceived& event, std::optional<std::int64_t> referred, const Context& ctx) {
  if (referred) return cancel_ticket(event, referred, ctx);
  std::vector<Ticket> own, named;
  for (const auto& t : ctx.tickets.tickets_of_resident(event.sender.id, resident_tickets_shown))
    if (t.open() && t.reporter_id == event.sender.id) {
      own.push_back(t);
      if (mentions_subject_of(event.message.text, t, ctx.text)) named.push_back(t);
    }
  if (auto number = own_number_in(event.message.text, own)) return cancel_ticket(event, number, ctx);
  // "电梯那个不用了": the one it names, when it names exactly one.
  if (named.size() == 1) return cancel_ticket(event, named.front().number, ctx);
  if (own.size() > 1) return ask_which_ticket(event, "cancel", named.size() > 1 ? named : own, ctx);
  return cancel_ticket(event, own.empty() ? std::nullopt : std::optional(own.front().number), ctx);
}

// A message about a ticket the resident has, named or not: a chase, a status question, or a reply.
std::optional<Actions> about_own_tickets(const MessageReceived& event, const understand::Understanding& u, const Context& ctx) {
  const bool chase = event.message.read->chase;
  const bool asking = event.message.read->asking;
  if (!chase && !asking && u.intent != Intent::followup) return std::nullopt;
  const auto tickets = open_tickets_about(event, u, chase, asking, ctx);
  // Chasing something we never heard of ("1号楼灯坏了好几天了"): a report, taken in by the caller.
  if (tickets.empty()) return std::nullopt;
  if (!chase) {
    if (tickets.size() == 1) return answer_status(event, tickets.front(), ctx);
    return list_resident_tickets(event, tickets, ctx);
  }
  if (tickets.size() == 1) return urge_ticket(event, tickets.front(), ctx);
  return ask_which_ticket(event, "urge", tickets, ctx);
}

// The resident's open ticket a member wrote to them about lately (within the conversation
// window), the latest such: "好的，我明早在家" right after "电工明早到" answers that member.
std::optional<Ticket> ticket_in_conversation(const MessageReceived& event, const Context& ctx) {
  std::optional<Ticket> found;
  Time latest{};
  for (const auto& t : ctx.tickets.tickets_of_resident(event.sender.id, resident_tickets_shown)) {
    if (!t.open()) continue;
    if (auto at = ctx.tickets.last_event_at(t.number, "replied", ""); at && *at + ctx.policy.conversation_timeout >= ctx.now && *at >= latest)
      latest = *at, found = t;
  }
  return found;
}

Actions handle_statement(const MessageReceived& event, const Context& ctx) {
  const bool direct = event.message.chat_id.empty();

  const auto referred = ticket_referred_to(event, ctx);
  if (auto rated = try_rating(event, referred, ctx)) return std::move(*rated);
  // Staff words from a resident ("我的工单", "查 1003", "接单 1003") ask or are explained; they
  // never file a report at room 1003.
  const MessageReading& read = *event.message.read;
  if (read.resident_query) return answer_resident_query(event, ResidentQuery{read.query_number}, ctx);
  if (const auto& command = read.command; command && command->number && !read.cancel) {
    auto t = ctx.tickets.find(*command->number);
    if (command->verb == StaffVerb::reply && t && is_party_to(*t, event.sender.id, ctx.tickets)) return relay_to_owner(event, *t, ctx);
    return reply_privately(event, ctx.text.render("resident.staff_command", {{"word", command->word}, {"number", *command->number}}));
  }
  const auto u = understanding_of(event.message);
  // An emergency told alongside a chase or a withdrawal ("快点来 电梯困人了", "取消，有人被困电梯了")
  // is taken in as the emergency it is; the other ticket can wait.
  if (u.urgent && !referred && u.intent == Intent::request) return new_request(event, u, ctx);
  if (read.cancel) return cancel_request(event, referred, ctx);

  if (referred) {
    auto t = ctx.tickets.find(*referred);
    if (!t) return reply_privately(event, ctx.text.render("resident.reply_unknown_ticket", {{"number", *referred}}));
    const bool chase = read.chase;
    if (t->open() && chase) return urge_ticket(event, std::move(*t), ctx);
    if (read.asking || (u.intent == Intent::followup && !chase)) {
      if (!is_party_to(*t, event.sender.id, ctx.tickets))
        return reply_privately(event, ctx.text.render("resident.not_your_ticket", {{"number", t->number}}));
      return answer_status(event, *t, ctx);
    }
    return relay_to_owner(event, *t, ctx);
  }
  if (auto handled = about_own_tickets(event, u, ctx)) return std::move(*handled);
  if (!u.urgent && read.agrees_and_adds)
    if (auto t = ticket_in_conversation(event, ctx); t && (!u.building || u.building == t->building))
      return relay_to_owner(event, *t, ctx);
  // "差评" with nothing waiting for a rating is not a dispute to file: say so, privately.
  if (read.bare_rating)
    return reply_privately(event, ctx.text.render("rating.nothing_pending"));
  if (u.intent == Intent::followup || u.intent == Intent::request) return new_request(event, u, ctx);
  // Chat, acknowledgements, thanks and spam create nothing in a group; a direct message gets help.
  return direct ? reply_privately(event, ctx.text.render("resident.direct_help")) : Actions{};
}

}  // namespace

Actions handle_resident_message(const MessageReceived& event, const Context& ctx) {
  bool forget = false;
  if (auto answered = answer_to_question(event, ctx, forget)) return std::move(*answered);
  Actions out = handle_statement(event, ctx);
  if (forget) out.insert(out.begin(), SaveConversation{event.message.platform, event.message.sender, ""});
  return out;
}

}  // namespace gridbot
