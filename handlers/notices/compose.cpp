#include "handlers/notices/compose.hpp"

#include <nlohmann/json.hpp>

#include "handlers/text_tools.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot {

std::variant<Notice, ComposeRefusal> compose_notice(const NoticeRequest& request, const Member& sender,
                                                    std::string_view platform, std::string_view user, const Context& ctx) {
  if (!may_send_notices(sender)) return ComposeRefusal{ComposeProblem::not_allowed, {}};
  if (request.text.empty()) return ComposeRefusal{ComposeProblem::empty_text, {}};
  for (const auto& [language, text] : request.versions)
    if (language != "ug" && language != "kk") return ComposeRefusal{ComposeProblem::unknown_language, language};
  const ScopedGroups scoped = groups_in_scope(request.scope, sender, ctx.org);
  if (!scoped.forbidden.empty()) return ComposeRefusal{ComposeProblem::outside_jurisdiction, scoped.forbidden.front()->name};
  if (scoped.groups.empty()) return ComposeRefusal{ComposeProblem::no_groups, {}};
  const Time goes_out = request.send_at && *request.send_at > ctx.now ? *request.send_at : ctx.now;
  if (request.require_ack && request.deadline && *request.deadline <= goes_out)
    return ComposeRefusal{ComposeProblem::deadline_passed, {}};

  Notice n;
  n.id = ctx.notices ? ctx.notices->next_notice_id() : 1;
  n.sender = sender.id;
  n.sender_platform = platform;
  n.sender_user = user;
  n.text = request.text;
  n.versions = request.versions;
  for (const Group* g : scoped.groups) n.groups.push_back(g->id);
  n.priority = request.priority;
  n.require_ack = request.require_ack;
  n.deadline = request.require_ack ? request.deadline.value_or(goes_out + default_ack_window) : Time{};
  n.send_at = request.send_at && *request.send_at > ctx.now ? *request.send_at : Time{};
  n.created_at = ctx.now;
  return n;
}

std::string notice_text_for(const Notice& n, const Group& g, const Context& ctx) {
  std::string text = ctx.text.render("notice.group", {{"number", n.id},
                                                      {"text", n.text},
                                                      {"ack", n.require_ack ? "yes" : "no"},
                                                      {"deadline", n.deadline}});
  // One combined message: the outbox splits it where a platform's size limit would not take it.
  for (const auto& language : g.languages)
    if (auto v = n.versions.find(language); v != n.versions.end() && !v->second.empty())
      text += "\n\n" + v->second;
  return text;
}

Actions release_notice(Notice n, const Context& ctx) {
  Actions out;
  if (n.send_at > ctx.now) {
    n.status = NoticeStatus::scheduled;
    out.push_back(SaveNotice{n});
    out.push_back(ScheduleTimer{timer_kind::notice_send, 0, n.send_at, nlohmann::json{{"notice", n.id}}.dump()});
    return out;
  }
  n.status = NoticeStatus::sent;
  n.sent_at = ctx.now;
  out.push_back(SaveNotice{n});
  // Groups with the same languages get the same text: render it once per set (2,000 groups, a
  // handful of sets), not once per group.
  std::map<std::vector<std::string>, std::string> text_for_languages;
  for (const auto& id : n.groups) {
    const Group* g = ctx.org.group(id);
    if (!g) continue;  // removed from the organization since the notice was composed
    auto [text, fresh] = text_for_languages.try_emplace(g->languages);
    if (fresh) text->second = notice_text_for(n, *g, ctx);
    SendMessage m;
    m.platform = g->platform;
    m.chat_id = g->chat_id;
    m.account = g->account;  // the group's bot, and its quota bucket
    // Not masked, unlike what the bot relays of residents: a notice is published by staff, and the
    // numbers in it (a hotline, the property manager's phone) are there to be read.
    m.text = text->second;
    m.priority = static_cast<Priority>(n.priority);
    out.push_back(DeliverNotice{n.id, g->id, std::move(m)});
  }
  if (n.require_ack)
    out.push_back(ScheduleTimer{timer_kind::notice_deadline, 0, n.deadline, nlohmann::json{{"notice", n.id}}.dump()});
  return out;
}

bool asks_for_acknowledgement(std::string_view raw) {
  const std::string text = understand::encode_utf8(understand::normalize_text(raw));
  for (std::string_view ask : {"收到请回复", "请回复收到", "收到请回", "请回复「收到」", "请回复\"收到\"", "回复收到", "请回复1", "收到回复"})
    if (text.find(ask) != std::string::npos) return true;
  return false;
}

std::optional<Seconds> acknowledgement_window(std::string_view raw) {
  const std::string text = understand::encode_utf8(understand::normalize_text(raw));
  for (auto [unit, seconds] : {std::pair<std::string_view, int>{"小时内", 3600}, {"分钟内", 60}}) {
    const auto at = text.find(unit);
    if (at == std::string::npos) continue;
    std::size_t start = at;
    while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') --start;
    if (start == at || at - start > 4) continue;
    return Seconds(std::stoll(text.substr(start, at - start)) * seconds);
  }
  return std::nullopt;
}

TimeOption take_time_option(std::string_view text, std::string_view word, Time now, const WorkingCalendar& calendar) {
  TimeOption out{std::nullopt, std::string(text)};
  const auto at = text.find(word);
  if (at == std::string_view::npos) return out;
  std::size_t i = at + word.size();
  auto digits = [&](std::size_t& k) {
    const std::size_t start = k;
    while (k < text.size() && k - start < 2 && text[k] >= '0' && text[k] <= '9') ++k;
    return k - start;
  };
  std::size_t k = i;
  const std::size_t hour_digits = digits(k);
  std::size_t colon = 0;
  for (std::string_view sep : {":", "："})
    if (text.substr(k).starts_with(sep)) colon = sep.size();
  if (hour_digits == 0 || colon == 0) return out;
  const int hour = std::stoi(std::string(text.substr(i, hour_digits)));
  k += colon;
  const std::size_t minute_start = k;
  if (digits(k) != 2) return out;
  const int minute = std::stoi(std::string(text.substr(minute_start, 2)));
  if (hour > 23 || minute > 59) return out;
  const auto time_of_day = std::chrono::minutes(hour * 60 + minute);
  Time when = calendar.at_local(calendar.local_date(now), time_of_day);
  if (when <= now) when = calendar.at_local(calendar.local_date(now) + std::chrono::days(1), time_of_day);
  out.at = when;
  out.rest = std::string(trim(std::string(text.substr(0, at)) + std::string(text.substr(k))));
  for (std::string_view sep : {"，，", "，。"})
    if (auto p = out.rest.find(sep); p != std::string::npos) out.rest.erase(p, std::string_view("，").size());
  while (out.rest.ends_with("，") || out.rest.ends_with(",")) out.rest.resize(out.rest.size() - (out.rest.ends_with(",") ? 1 : 3));
  out.rest = std::string(trim(out.rest));
  return out;
}

}  // namespace gridbot
