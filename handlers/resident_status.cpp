#include "handlers/resident_status.hpp"

#include <array>
#include <cctype>

#include "handlers/messages.hpp"
#include "handlers/resident_followups.hpp"
#include "handlers/text_tools.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"
#include "handlers/word_set.hpp"

namespace gridbot {

namespace {

// Simplified script, full-width forms folded, invisible characters dropped: "查詢　１００３" → "查询 1003".
std::string normalized(std::string_view text) { return understand::encode_utf8(understand::normalize_text(text)); }

std::string_view skip_marks(std::string_view s) {
  for (;;) {
    s = trim(s);
    bool skipped = false;
    for (std::string_view mark : {"#", "：", ":", "，", ",", "号"})
      if (s.starts_with(mark)) s.remove_prefix(mark.size()), skipped = true;
    if (!skipped) return s;
  }
}

std::string state_for_resident(const Ticket& t, const Context& ctx) {
  if (t.state == TicketState::resolved && t.rating == Rating::none) return ctx.text.render("resident.state_awaiting_rating");
  return state_name(t.state, ctx.text);
}

templates::Args status_args(const Ticket& t, const Context& ctx) {
  return {{"number", t.number},
          {"category", category_name(t.category, ctx.text)},
          {"state", state_for_resident(t, ctx)},
          {"member", t.responsible().empty() ? ctx.text.render("resident.nobody_yet") : member_name(ctx.org, t.responsible())},
          {"deadline", t.resolve_due_at},
          {"open", yes_no(t.open())}};
}

SendMessage privately(const MessageReceived& event, std::string text) {
  return to_user(event.message.platform, event.message.sender, std::move(text));
}

}  // namespace

std::optional<ResidentQuery> parse_resident_query(std::string_view raw) {
  const std::string text = normalized(raw);
  const std::string_view s = trim(text);
  // Whole phrases, perhaps after a looking verb ("看看我的工单", "查询一下我的工单"): whatever
  // follows them, the resident asks for their list.
  std::string_view body = s;
  for (std::string_view lead : {"帮我查一下", "帮我查", "帮我看看", "查询一下", "查一下", "看一下", "看看", "查看", "查询", "查"})
    if (body.starts_with(lead)) {
      body.remove_prefix(lead.size());
      break;
    }
  for (std::string_view phrase : {"我的工单", "我的诉求", "我的报修", "我的投诉", "我报的工单", "我提交的", "我报过的", "工单查询", "进度查询"})
    if (body.starts_with(phrase) || s.starts_with(phrase)) {
      ResidentQuery q;
      q.number = ticket_number_in(s);
      return q;
    }
  // 查 and its forms: alone, or followed by a ticket number, and at most a word of asking.
  static constexpr std::array<std::string_view, 7> verbs{"查询", "查看", "查一查", "查一下", "查下", "查查", "查"};
  for (auto verb : verbs) {
    if (!s.starts_with(verb)) continue;
    std::string_view rest = skip_marks(s.substr(verb.size()));
    if (rest.starts_with("工单")) rest = skip_marks(rest.substr(std::string_view("工单").size()));
    std::size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    ResidentQuery q;
    if (digits > 0 && digits <= 9) {
      q.number = std::stoll(std::string(rest.substr(0, digits)));
      rest = skip_marks(rest.substr(digits));
      if (rest.starts_with("工单")) rest = trim(rest.substr(std::string_view("工单").size()));
    }
    const std::string asking = strip_punctuation(rest);
    for (std::string_view word : {"", "进度", "状态", "工单", "一下", "怎么样了", "怎么样", "进展", "情况", "进度如何", "到哪了"})
      if (asking == word) return q;
    return std::nullopt;  // "查水表的什么时候来": a sentence, not a query
  }
  return std::nullopt;
}

bool is_explicit_chase(std::string_view raw) {
  const std::string text = normalized(raw);
  static const WordSet chasing{"催", "怎么还没", "咋还没", "还没人", "没人来", "没人管", "没人修", "没人理", "没人回", "有人管吗",
                               "有没有人管", "有人处理吗", "有没有人处理", "还没修", "还没来", "到底", "赶紧", "快点", "尽快",
                               "抓紧", "怎么还不", "还要等", "等了这么久", "拖了", "急死"};
  return chasing.found_in(text);
}

bool is_status_question(std::string_view raw) {
  const std::string text = normalized(raw);
  if (is_explicit_chase(text)) return false;
  static const WordSet asking{"怎么样了", "咋样了", "进度", "进展", "修好了吗", "修好没", "好了吗", "好了没", "处理了吗", "处理得怎么样",
                              "解决了吗", "弄好了吗", "到哪一步", "到哪了", "到哪儿了", "什么情况", "啥情况", "有消息", "什么状态",
                              "状态", "什么时候能修", "什么时候来", "什么时候到", "能来吗", "几点来", "哪天来", "有结果了吗"};
  return asking.found_in(text);
}

bool mentions_subject_of(std::string_view raw, const Ticket& t, const templates::Catalog& text) {
  const std::u32string question = understand::normalize_text(raw);
  const std::u32string report = understand::normalize_text(t.text) + understand::normalize_text(category_name(t.category, text));
  // Characters of asking, chasing and pointing back ("我报的…修好了吗"), and of places, which
  // every report shares.
  static constexpr std::u32string_view asking = U"我你他她报的修好了吗呢吧啊呀怎么样现在进度展有没人来催还到底一下处理解决号楼单元室是不什么时候能";
  auto cjk = [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF && asking.find(c) == std::u32string_view::npos; };
  for (std::size_t i = 0; i + 1 < question.size(); ++i) {
    if (!cjk(question[i]) || !cjk(question[i + 1])) continue;
    if (report.find(question.substr(i, 2)) != std::u32string::npos) return true;
  }
  return false;
}

bool is_party_to(const Ticket& t, std::string_view person_id, const TicketReader& tickets) {
  return t.reporter_id == person_id || tickets.is_subscriber(t.number, person_id);
}

Actions answer_status(const MessageReceived& event, const Ticket& t, const Context& ctx) {
  Actions out;
  answer_resident(out, event, t, "resident.status", status_args(t, ctx), ctx);
  return out;
}

Actions list_resident_tickets(const MessageReceived& event, const std::vector<Ticket>& tickets, const Context& ctx) {
  if (tickets.empty()) return {privately(event, ctx.text.render("resident.no_tickets"))};
  // The newest few, and a word that there are more: a resident who "+1"s every neighbour's report
  // follows dozens, and a list of sixty helps nobody.
  const bool more = tickets.size() > resident_tickets_shown;
  const std::size_t shown = more ? resident_tickets_shown : tickets.size();
  // Privately: the list may hold a sensitive matter, and it is nobody else's business.
  std::string text =
      ctx.text.render("resident.list_header", {{"count", static_cast<std::int64_t>(shown)}, {"more", yes_no(more)}});
  for (std::size_t i = 0; i < shown; ++i) text += "\n" + ctx.text.render("resident.list_line", status_args(tickets[i], ctx));
  if (more) text += "\n" + ctx.text.render("resident.list_more");
  return {privately(event, text)};
}

Actions answer_resident_query(const MessageReceived& event, const ResidentQuery& query, const Context& ctx) {
  if (!query.number) return list_resident_tickets(event, ctx.tickets.tickets_of_resident(event.sender.id, resident_tickets_shown + 1), ctx);
  auto t = ctx.tickets.find(*query.number);
  // Someone else's ticket is answered like a missing one: its existence is not ours to tell.
  if (!t || !is_party_to(*t, event.sender.id, ctx.tickets))
    return {privately(event, ctx.text.render("resident.not_your_ticket", {{"number", *query.number}}))};
  return answer_status(event, *t, ctx);
}

}  // namespace gridbot
