#include "handlers/notices/notice_commands.hpp"

#include <nlohmann/json.hpp>

#include "handlers/messages.hpp"
#include "handlers/notices/compose.hpp"
#include "handlers/notices/progress.hpp"
#include "handlers/text_tools.hpp"

namespace gridbot {

namespace {

constexpr std::string_view word = "通知";
constexpr const char* confirm_kind = "confirm_notice";

std::string_view next_token(std::string_view& rest) {
  rest = trim(rest);
  std::size_t end = 0;
  while (end < rest.size() && rest[end] != ' ' && rest[end] != '\n' && rest[end] != '\t' &&
         !rest.substr(end).starts_with("　"))
    ++end;
  std::string_view token = rest.substr(0, end);
  rest.remove_prefix(end);
  return token;
}

std::optional<std::int64_t> number_in(std::string_view s) {
  if (s.starts_with("#") || s.starts_with("＃")) s.remove_prefix(s.starts_with("#") ? 1 : std::string_view("＃").size());
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return std::stoll(std::string(s));
}

Actions answer(const MessageReceived& event, std::string text) {
  return {to_user(event.message.platform, event.message.sender, std::move(text))};
}

std::string refusal_text(const ComposeRefusal& r, const Context& ctx) {
  switch (r.problem) {
    case ComposeProblem::not_allowed: return ctx.text.render("notice.not_allowed");
    case ComposeProblem::outside_jurisdiction: return ctx.text.render("notice.outside_jurisdiction", {{"group", r.detail}});
    case ComposeProblem::no_groups: return ctx.text.render("notice.no_groups");
    case ComposeProblem::empty_text: return ctx.text.render("notice.help");
    case ComposeProblem::deadline_passed: return ctx.text.render("notice.deadline_passed");
    case ComposeProblem::unknown_language: return ctx.text.render("notice.help");
  }
  return ctx.text.render("notice.help");
}

Actions compose(const MessageReceived& event, const Member& member, const ComposeCommand& c, const Context& ctx) {
  auto parsed = parse_scope(c.scope, ctx.org);
  if (auto* unknown = std::get_if<UnknownScopeItem>(&parsed))
    return answer(event, ctx.text.render("notice.unknown_scope", {{"item", unknown->item}}));
  NoticeRequest request;
  request.scope = std::get<NoticeScope>(parsed);
  auto send_at = take_time_option(c.text, "定时", ctx.now, ctx.policy.calendar);
  auto deadline = take_time_option(send_at.rest, "截止", send_at.at.value_or(ctx.now), ctx.policy.calendar);
  request.text = deadline.rest;
  request.send_at = send_at.at;
  request.require_ack = asks_for_acknowledgement(request.text) || deadline.at;
  if (deadline.at) request.deadline = deadline.at;
  else if (auto window = acknowledgement_window(request.text); window && request.require_ack)
    request.deadline = send_at.at.value_or(ctx.now) + *window;
  auto composed = compose_notice(request, member, event.message.platform, event.message.sender, ctx);
  if (auto* refused = std::get_if<ComposeRefusal>(&composed)) return answer(event, refusal_text(*refused, ctx));
  const Notice& n = std::get<Notice>(composed);
  std::vector<const Group*> groups;
  for (const auto& id : n.groups) groups.push_back(ctx.org.group(id));
  nlohmann::json state{{"kind", confirm_kind}, {"notice", n.id}, {"asked_at", ctx.now.time_since_epoch().count()}};
  return {SaveNotice{n}, SaveConversation{event.message.platform, event.message.sender, state.dump()},
          to_user(event.message.platform, event.message.sender,
                  ctx.text.render("notice.confirm", {{"number", n.id},
                                                     {"groups", static_cast<std::int64_t>(groups.size())},
                                                     {"people", static_cast<std::int64_t>(people_reached(groups, member.id, ctx.org))},
                                                     {"ack", n.require_ack ? "yes" : "no"},
                                                     {"deadline", n.deadline},
                                                     {"later", n.send_at > ctx.now ? "yes" : "no"},
                                                     {"send_at", n.send_at},
                                                     {"text", n.text}}))};
}

Actions progress(const MessageReceived& event, const Member& member, std::int64_t number, const Context& ctx) {
  auto n = ctx.notices ? ctx.notices->find_notice(number) : std::nullopt;
  if (!n || n->status == NoticeStatus::draft) return answer(event, ctx.text.render("notice.unknown", {{"number", number}}));
  if (!may_read_progress(member, *n, ctx.org)) return answer(event, ctx.text.render("notice.not_yours", {{"number", number}}));
  return answer(event, progress_text(*n, notice_progress(*n, ctx), ctx));
}

// The answer to "发往 N 个群，确认发送？": 确认 sends, 取消 drops it; anything else leaves it waiting.
std::optional<Actions> confirmation_answered(const MessageReceived& event, const Member& member, const Context& ctx) {
  auto stored = ctx.tickets.conversation(event.message.platform, event.message.sender);
  if (!stored || !ctx.notices) return std::nullopt;
  auto state = nlohmann::json::parse(*stored, nullptr, false);
  if (!state.is_object() || state.value("kind", "") != confirm_kind) return std::nullopt;
  const std::string reply = strip_punctuation(event.message.text);
  const bool yes = reply == "确认" || reply == "确定" || reply == "发送" || reply == "确认发送" || reply == "是";
  const bool no = reply == "取消" || reply == "不发了" || reply == "算了" || reply == "否";
  if (!yes && !no) return std::nullopt;
  Actions out{SaveConversation{event.message.platform, event.message.sender, ""}};
  auto n = ctx.notices->find_notice(state.value("notice", std::int64_t{0}));
  const bool expired = Time(Seconds(state.value("asked_at", std::int64_t{0}))) + ctx.policy.conversation_timeout < ctx.now;
  if (!n || n->status != NoticeStatus::draft || n->sender != member.id || expired) {
    out.push_back(to_user(event.message.platform, event.message.sender, ctx.text.render("notice.nothing_to_confirm")));
    return out;
  }
  if (no) {
    n->status = NoticeStatus::cancelled;
    out.push_back(SaveNotice{*n});
    out.push_back(to_user(event.message.platform, event.message.sender, ctx.text.render("notice.cancelled", {{"number", n->id}})));
    return out;
  }
  // Confirmed later than it was written, it keeps the window it was given.
  if (n->require_ack && n->send_at == Time{}) n->deadline += ctx.now - n->created_at;
  Actions released = release_notice(*n, ctx);
  out.insert(out.end(), released.begin(), released.end());
  const bool later = n->send_at > ctx.now;
  out.push_back(to_user(event.message.platform, event.message.sender,
                        ctx.text.render("notice.queued", {{"number", n->id},
                                                          {"groups", static_cast<std::int64_t>(n->groups.size())},
                                                          {"later", later ? "yes" : "no"},
                                                          {"send_at", n->send_at}})));
  return out;
}

}  // namespace

std::optional<NoticeCommand> parse_notice_command(std::string_view text) {
  std::string_view rest = trim(text);
  if (!rest.starts_with(word)) return std::nullopt;
  rest.remove_prefix(word.size());
  // "通知3进度", "通知 #3 进度"
  std::string_view compact = trim(rest);
  if (compact.ends_with("进度")) {
    std::string_view middle = trim(compact.substr(0, compact.size() - std::string_view("进度").size()));
    if (auto n = number_in(middle)) return ProgressCommand{*n};
  }
  // Only "通知 <scope> <text>": "通知大家明天开会" in passing is not a command.
  if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t' && !rest.starts_with("　")) return std::nullopt;
  std::string_view scope = next_token(rest);
  std::string_view body = trim(rest);
  if (scope.empty() || body.empty()) return NoticeHelp{};
  return ComposeCommand{std::string(scope), std::string(body)};
}

std::optional<Actions> handle_notice_message(const MessageReceived& event, const Member& member, const Context& ctx) {
  if (auto confirmed = confirmation_answered(event, member, ctx)) return confirmed;
  auto command = parse_notice_command(event.message.text);
  if (!command) return std::nullopt;
  if (std::holds_alternative<NoticeHelp>(*command)) return answer(event, ctx.text.render("notice.help"));
  if (!may_send_notices(member)) return answer(event, ctx.text.render("notice.not_allowed"));
  if (auto* p = std::get_if<ProgressCommand>(&*command)) return progress(event, member, p->notice, ctx);
  return compose(event, member, std::get<ComposeCommand>(*command), ctx);
}

}  // namespace gridbot
