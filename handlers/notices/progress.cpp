#include "handlers/notices/progress.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "handlers/notices/delivery_failure.hpp"
#include "handlers/notices/scope.hpp"

namespace gridbot {

std::vector<RosterEntry> not_acknowledged(const Notice& n, const Group& g, const GroupRoster& roster, const Context& ctx) {
  const auto acks = ctx.notices ? ctx.notices->acknowledgers(n.id, g.id) : std::vector<std::string>{};
  const std::set<std::string> acknowledged(acks.begin(), acks.end());
  std::vector<RosterEntry> out;
  for (const auto& entry : roster.people)
    if (entry.person.id != n.sender && !acknowledged.contains(entry.person.id)) out.push_back(entry);
  return out;
}

NoticeProgress notice_progress(const Notice& n, const Context& ctx) {
  NoticeProgress p;
  p.targeted = static_cast<std::int64_t>(n.groups.size());
  std::map<std::string, std::size_t> grid_at;  // grid id → index in p.grids
  std::set<std::string> reached;
  const auto deliveries = ctx.notices ? ctx.notices->deliveries(n.id) : std::vector<NoticeDelivery>{};
  for (const auto& d : deliveries) {
    const Group* g = ctx.org.group(d.group_id);
    if (d.status == "dead") {
      ++p.failed;
      p.failures.push_back({d.group_id, g ? g->name : d.group_id, delivery_failure_text(d, ctx), d.errcode});
      continue;
    }
    if (d.status != "sent") {
      ++p.pending;
      continue;
    }
    ++p.delivered;
    if (!g) continue;
    const std::string key = g->grid.empty() ? g->community : g->grid;
    auto [it, fresh] = grid_at.emplace(key, p.grids.size());
    if (fresh) {
      const Grid* grid = ctx.org.grid(g->grid);
      const Community* community = ctx.org.community(g->community);
      p.grids.push_back({key, grid ? grid->name : community ? community->name : key, 0, 0});
    }
    GridProgress& row = p.grids[it->second];
    const GroupRoster roster = group_roster(*g, ctx.org, ctx.rosters);
    const auto missing = not_acknowledged(n, *g, roster, ctx);
    std::int64_t people = 0;
    for (const auto& entry : roster.people)
      if (entry.person.id != n.sender) ++people, reached.insert(entry.person.id);
    const std::int64_t acknowledged = people - static_cast<std::int64_t>(missing.size());
    row.people += people;
    row.acknowledged += acknowledged;
    row.groups.push_back({g->id, g->name, roster.source, roster.fetched_at, people, acknowledged});
    if (n.require_ack && !missing.empty()) {
      GroupNonResponders list{g->id, g->name, {}};
      for (const auto& entry : missing) list.people.push_back(entry.person);
      row.missing.push_back(std::move(list));
    }
  }
  // Groups not yet queued (a scheduled notice) are pending too.
  p.pending += p.targeted - static_cast<std::int64_t>(deliveries.size());
  p.reached = static_cast<std::int64_t>(reached.size());
  for (const auto& row : p.grids) p.acknowledged += row.acknowledged;
  return p;
}

std::string progress_text(const Notice& n, const NoticeProgress& p, const Context& ctx) {
  std::string grids, failures;
  for (const auto& row : p.grids) {
    grids += ctx.text.render("notice.progress_grid", {{"grid", row.name},
                                                      {"acknowledged", row.acknowledged},
                                                      {"people", row.people},
                                                      {"percent", row.people ? row.acknowledged * 100 / row.people : 0}});
    // Which lists the grid's groups were counted against (each group's in the API): the
    // platform's members or the organization file. Counts, so a 40-group grid stays one line.
    std::int64_t platform = 0;
    for (const auto& g : row.groups) platform += g.source == RosterSource::platform;
    const std::int64_t organization = static_cast<std::int64_t>(row.groups.size()) - platform;
    grids += ctx.text.render("notice.progress_roster", {{"platform", platform},
                                                        {"organization", organization},
                                                        {"on_platform", platform ? "yes" : "no"},
                                                        {"on_organization", organization ? "yes" : "no"},
                                                        {"both", platform && organization ? "yes" : "no"}});
  }
  for (const auto& f : p.failures)
    failures += ctx.text.render("notice.progress_failed", {{"group", f.group_name}, {"reason", f.reason}});
  return ctx.text.render("notice.progress", {{"number", n.id},
                                             {"targeted", p.targeted},
                                             {"delivered", p.delivered},
                                             {"failed", p.failed},
                                             {"pending", p.pending},
                                             {"reached", p.reached},
                                             {"ack", n.require_ack ? "yes" : "no"},
                                             {"acknowledged", p.acknowledged},
                                             {"deadline", n.deadline},
                                             {"grids", grids},
                                             {"failures", failures}});
}

bool may_read_progress(const Member& member, const Notice& n, const Organization& org) {
  if (member.id == n.sender) return true;
  if (!may_send_notices(member)) return false;
  return std::all_of(n.groups.begin(), n.groups.end(), [&](const std::string& id) {
    const Group* g = org.group(id);
    return g && may_notify_group(member, *g, org);
  });
}

}  // namespace gridbot
