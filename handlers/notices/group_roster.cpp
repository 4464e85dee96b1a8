#include "handlers/notices/group_roster.hpp"

#include <set>

#include "handlers/understand/understand.hpp"

namespace gridbot {

std::string_view to_string(RosterSource source) {
  return source == RosterSource::platform ? "platform" : "organization";
}

namespace {

const Accounts* accounts_of(const Person& p) {
  if (p.member) return &p.member->accounts;
  if (p.resident) return &p.resident->accounts;
  return nullptr;
}

std::string account_on(const Person& p, std::string_view platform) {
  if (const Accounts* a = accounts_of(p))
    if (auto it = a->find(platform); it != a->end()) return it->second;
  return {};
}

GroupRoster organization_roster(const Group& group, const Organization& org) {
  GroupRoster out;
  for (auto& p : org.roster(group)) {
    std::string mention = account_on(p, group.platform);
    out.people.push_back({std::move(p), std::move(mention)});
  }
  return out;
}

}  // namespace

GroupRoster group_roster(const Group& group, const Organization& org, const GroupRosterReader* rosters) {
  auto stored = rosters ? rosters->roster_of(group.id) : std::nullopt;
  if (!stored || stored->members.empty()) return organization_roster(group, org);
  GroupRoster out;
  out.source = RosterSource::platform;
  out.fetched_at = stored->fetched_at;
  std::set<std::string> seen;  // one person once, even with two accounts in the list
  for (const auto& m : stored->members) {
    Person p = org.person_by_account(group.platform, m.user_id);
    if (p.kind == Person::Kind::unknown) {
      // Staff read this name in the non-responder list: a nickname like "王姐13812345678" keeps
      // its words and loses the number.
      p.name = understand::mask_sensitive(m.name.empty() ? m.user_id : m.name);
    }
    if (!seen.insert(p.id).second) continue;
    out.people.push_back({std::move(p), m.user_id});
  }
  return out;
}

}  // namespace gridbot
