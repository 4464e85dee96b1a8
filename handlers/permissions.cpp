#include "handlers/permissions.hpp"

namespace gridbot {

bool may_act_on(const Member& member, const Ticket& ticket, const Organization& org) {
  if (!member.grid.empty()) return member.grid == ticket.grid;
  if (!member.community.empty()) return member.community == ticket.community;
  if (!member.street.empty()) {
    const Community* c = org.community(ticket.community);
    return c && c->street == member.street;
  }
  return false;
}

}  // namespace gridbot
