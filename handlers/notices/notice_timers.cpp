// A scheduled notice's time, and an acknowledgement deadline: the non-responders to the grid
// member, one reminder in the group.
#include <nlohmann/json.hpp>

#include "handlers/messages.hpp"
#include "handlers/notices/acknowledgements.hpp"
#include "handlers/notices/compose.hpp"
#include "handlers/notices/progress.hpp"

namespace gridbot {

namespace {

std::optional<Notice> notice_of_timer(const TimerDue& timer, const Context& ctx) {
  if (!ctx.notices) return std::nullopt;
  auto payload = nlohmann::json::parse(timer.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("notice") || !payload["notice"].is_number_integer()) return std::nullopt;
  return ctx.notices->find_notice(payload["notice"].get<std::int64_t>());
}

// Who hears a group's non-responders: its grid's managers, or a community group's community heads.
std::vector<const Member*> responsible_for(const Group& g, const Organization& org) {
  std::vector<const Member*> out;
  if (!g.grid.empty()) return org.members_with_role(g.grid, Role::manager);
  for (const auto& m : org.members)
    if (m.grid.empty() && m.community == g.community && m.has_role(Role::community_head)) out.push_back(&m);
  return out;
}

std::string names_of(const std::vector<RosterEntry>& people) {
  std::string out;
  for (const auto& p : people) out += (out.empty() ? "" : "、") + p.person.name;
  return out;
}

Actions deadline_passed(const Notice& n, const Context& ctx) {
  if (n.status != NoticeStatus::sent || !n.require_ack) return {};
  Actions out;
  for (const auto& id : n.groups) {
    const Group* g = ctx.org.group(id);
    if (!g) continue;
    const auto missing = not_acknowledged(n, *g, group_roster(*g, ctx.org, ctx.rosters), ctx);
    if (missing.empty()) continue;
    const std::string names = names_of(missing);
    for (const Member* m : responsible_for(*g, ctx.org))
      if (auto dm = to_member(ctx.org, *m, g->platform,
                              ctx.text.render("notice.non_responders", {{"number", n.id},
                                                                        {"group", g->name},
                                                                        {"count", static_cast<std::int64_t>(missing.size())},
                                                                        {"names", names}})))
        out.push_back(std::move(*dm));
    SendMessage reminder;
    reminder.platform = g->platform;
    reminder.chat_id = g->chat_id;
    reminder.account = g->account;
    reminder.text = ctx.text.render("notice.reminder", {{"number", n.id}, {"text", n.text}});
    reminder.priority = static_cast<Priority>(n.priority);
    // Structured mentions: each adapter renders the @ its own way; people without an account on
    // the group's platform are named to the grid member only. A platform member list gives
    // everyone on it their platform id.
    for (const auto& p : missing)
      if (!p.mention.empty()) reminder.mentions.push_back(p.mention);
    out.push_back(std::move(reminder));
  }
  return out;
}

}  // namespace

Actions handle_notice_timer(const TimerDue& timer, const Context& ctx) {
  auto n = notice_of_timer(timer, ctx);
  if (!n) return {};
  if (timer.kind == timer_kind::notice_deadline) return deadline_passed(*n, ctx);
  if (timer.kind != timer_kind::notice_send || n->status != NoticeStatus::scheduled) return {};
  Actions out = release_notice(*n, ctx);  // as of its time: it goes out now
  out.push_back(to_user(n->sender_platform, n->sender_user,
                        ctx.text.render("notice.sent", {{"number", n->id}, {"groups", static_cast<std::int64_t>(n->groups.size())}})));
  return out;
}

}  // namespace gridbot
