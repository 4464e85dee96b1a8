#include "handlers/ticket_choice.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "handlers/messages.hpp"
#include "handlers/text_tools.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot {

Actions ask_which_ticket(const MessageReceived& event, std::string_view action, const std::vector<Ticket>& tickets,
                         const Context& ctx) {
  nlohmann::json ids = nlohmann::json::array();
  std::string lines;
  bool sensitive = false;
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    const Ticket& t = tickets[i];
    ids.push_back(t.number);
    sensitive = sensitive || t.sensitive;
    lines += "\n" + ctx.text.render("choose.line", {{"index", static_cast<std::int64_t>(i + 1)},
                                                    {"number", t.number},
                                                    {"category", category_name(t.category, ctx.text)},
                                                    {"place", describe_place(t, ctx.text)},
                                                    {"state", state_name(t.state, ctx.text)}});
  }
  const nlohmann::json state{{"kind", "choose_ticket"},
                             {"action", action},
                             {"text", event.message.text},
                             {"tickets", ids},
                             {"asked_at", ctx.now.time_since_epoch().count()}};
  Actions out{SaveConversation{event.message.platform, event.message.sender, state.dump()}};
  const templates::Args args{{"action", std::string(action)}, {"resident", event.sender.name}};
  // A list naming a sensitive matter is nobody else's business: then the question goes privately.
  if (event.group && !sensitive) {
    SendMessage m = to_group(*event.group, ctx.text.render("choose.ask", args) + lines);
    m.mentions.push_back(event.message.sender);
    out.push_back(std::move(m));
  } else {
    out.push_back(to_user(event.message.platform, event.message.sender, ctx.text.render("choose.ask_private", args) + lines));
  }
  return out;
}

std::optional<PendingChoice> pending_choice(std::string_view stored) {
  auto state = nlohmann::json::parse(stored, nullptr, false);
  if (!state.is_object() || state.value("kind", "") != "choose_ticket" || !state.contains("tickets") || !state["tickets"].is_array())
    return std::nullopt;
  PendingChoice choice{state.value("action", ""), state.value("text", ""), {}, Time(Seconds(state.value("asked_at", std::int64_t{0})))};
  for (const auto& n : state["tickets"])
    if (n.is_number_integer()) choice.tickets.push_back(n.get<std::int64_t>());
  return choice;
}

std::optional<std::int64_t> chosen_ticket(std::string_view raw, const std::vector<std::int64_t>& offered) {
  std::string text = strip_punctuation(understand::encode_utf8(understand::normalize_text(raw)));
  // "好的，第二个", "就第一个吧", "撤第二个": words around the choice that do not change it.
  for (bool dropped = true; dropped;) {
    dropped = false;
    for (std::string_view filler : {"好的", "好", "嗯", "那就", "就是", "就", "是", "撤销", "撤", "取消", "催办", "催", "工单", "选", "第"})
      if (text.starts_with(filler)) text.erase(0, filler.size()), dropped = true;
    for (std::string_view suffix : {"吧", "啊", "呀", "个", "条", "项", "号", "件"})
      if (text.ends_with(suffix)) text.resize(text.size() - suffix.size()), dropped = true;
  }
  static constexpr std::array<std::string_view, 9> numerals{"一", "二", "三", "四", "五", "六", "七", "八", "九"};
  for (std::size_t i = 0; i < numerals.size(); ++i)
    if (text == numerals[i]) text = std::to_string(i + 1);
  if (text == "两") text = "2";
  if (text == "最后一") text = std::to_string(offered.size());
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const std::int64_t n = std::stoll(text);
  if (std::find(offered.begin(), offered.end(), n) != offered.end()) return n;
  if (n >= 1 && static_cast<std::size_t>(n) <= offered.size()) return offered[static_cast<std::size_t>(n - 1)];
  return std::nullopt;
}

}  // namespace gridbot

namespace gridbot {

bool chose_all(std::string_view raw) {
  const std::string text = strip_punctuation(understand::encode_utf8(understand::normalize_text(raw)));
  if (understand::decode_utf8(text).size() > 8) return false;
  for (std::string_view word : {"全部", "所有", "两个都", "几个都", "都撤", "都取消", "都催", "全撤", "都要", "都满意", "都不满意"})
    if (text.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace gridbot
