// Tickets in memory, for pure handler tests: a TicketReader that takes the Actions a handler
// returned, so a test can play several steps without a database.
#pragma once

#include <map>
#include <vector>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot::testing {

class MemoryTickets : public TicketReader {
 public:
  std::optional<Ticket> find(std::int64_t number) const override {
    auto it = tickets.find(number);
    return it == tickets.end() ? std::nullopt : std::optional(it->second);
  }
  std::int64_t next_number() const override { return tickets.empty() ? 1001 : tickets.rbegin()->first + 1; }
  std::optional<std::int64_t> ticket_of_message(std::string_view platform, std::string_view message_id) const override {
    auto it = links.find(std::string(platform) + "/" + std::string(message_id));
    return it == links.end() ? std::nullopt : std::optional(it->second);
  }

  void apply(const Actions& actions) {
    for (const auto& a : actions) {
      if (auto* s = std::get_if<SaveTicket>(&a)) tickets[s->ticket.number] = s->ticket;
      if (auto* l = std::get_if<LinkMessage>(&a)) links[l->platform + "/" + l->message_id] = l->ticket;
      if (auto* e = std::get_if<RecordEvent>(&a)) events.push_back(*e);
      if (auto* t = std::get_if<ScheduleTimer>(&a)) timers.push_back(*t);
    }
  }

  std::map<std::int64_t, Ticket> tickets;
  std::map<std::string, std::int64_t> links;
  std::vector<RecordEvent> events;
  std::vector<ScheduleTimer> timers;
};

template <class A>
std::vector<A> only(const Actions& actions) {
  std::vector<A> out;
  for (const auto& a : actions)
    if (auto* x = std::get_if<A>(&a)) out.push_back(*x);
  return out;
}

}  // namespace gridbot::testing
