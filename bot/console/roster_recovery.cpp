#include "bot/console/roster_recovery.hpp"

#include "handlers/roster_change.hpp"
#include "storage/organization_repository.hpp"

namespace gridbot::console {

std::vector<std::int64_t> hand_over_missing_members(storage::Store& store, const Organization& org, const Policy& policy,
                                                    const templates::Catalog& text, Time now) {
  // The organization the tickets were assigned under, as far as it matters here: the members
  // they name who are gone. roster_change hands on the tickets of every member of `before` who
  // is not in `org`.
  Organization before;
  for (auto& stored : storage::members_on_open_tickets(store.db()))
    if (!org.member(stored.id)) before.members.push_back(Member{.id = std::move(stored.id), .name = std::move(stored.name)});
  if (before.members.empty()) return {};
  before.index();
  const Context ctx{now, org, store.tickets, policy, text, &store.notices};
  RosterChange change = hand_over_departed(before, "system", ctx);
  store.apply(change.actions, now);
  return change.reassigned;
}

}  // namespace gridbot::console
