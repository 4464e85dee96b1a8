// Tickets in memory, for pure handler tests: a TicketReader that takes the Actions a handler
// returned, so a test can play several steps without a database.
#pragma once

#include <algorithm>
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

  std::optional<Ticket> open_duplicate(std::string_view grid, std::string_view category, std::string_view building,
                                       Time since) const override {
    for (auto it = tickets.rbegin(); it != tickets.rend(); ++it) {
      const Ticket& t = it->second;
      if (t.open() && t.grid == grid && t.category == category && t.building == std::string(building) && t.created_at >= since)
        return t;
    }
    return std::nullopt;
  }
  std::vector<Ticket> tickets_of_resident(std::string_view person, std::size_t limit) const override {
    std::vector<Ticket> out;
    for (auto it = tickets.rbegin(); it != tickets.rend() && out.size() < limit; ++it) {
      const Ticket& t = it->second;
      const bool mine = t.reporter_id == person || is_subscriber(t.number, person);
      if (mine && (t.open() || (t.state == TicketState::resolved && t.rating == Rating::none))) out.push_back(t);
    }
    return out;
  }
  std::vector<Ticket> awaiting_rating(std::string_view person) const override {
    std::vector<Ticket> out;
    for (auto it = tickets.rbegin(); it != tickets.rend(); ++it)
      if (it->second.reporter_id == person && it->second.state == TicketState::resolved && it->second.rating == Rating::none)
        out.push_back(it->second);
    return out;
  }
  std::vector<Subscriber> subscribers(std::int64_t number) const override {
    auto it = subscribed.find(number);
    return it == subscribed.end() ? std::vector<Subscriber>{} : it->second;
  }
  bool is_subscriber(std::int64_t number, std::string_view person) const override {
    for (const auto& s : subscribers(number))
      if (s.person_id == person) return true;
    return false;
  }
  std::vector<Ticket> open_tickets_for(const Member& m) const override {
    std::vector<Ticket> out;
    for (const auto& [n, t] : tickets)
      if (t.open() && (t.owner == m.id || t.claimed_by == m.id || t.escalated_to == m.id ||
                       (m.has_role(Role::liaison) && t.summons_of(m.department))))
        out.push_back(t);
    std::sort(out.begin(), out.end(), [](const Ticket& a, const Ticket& b) { return a.resolve_due_at < b.resolve_due_at; });
    return out;
  }
  std::vector<RecordEvent> timeline(std::int64_t number) const override {
    std::vector<RecordEvent> out;
    for (const auto& e : events)
      if (e.ticket == number) out.push_back(e);
    return out;
  }
  std::optional<Time> last_event_at(std::int64_t number, std::string_view kind, std::string_view actor) const override {
    std::optional<Time> at;
    for (const auto& e : events)
      if (e.ticket == number && e.kind == kind && (actor.empty() || e.actor == actor)) at = e.at;
    return at;
  }
  std::optional<std::string> conversation(std::string_view platform, std::string_view user) const override {
    auto it = conversations.find(std::string(platform) + "/" + std::string(user));
    return it == conversations.end() ? std::nullopt : std::optional(it->second);
  }

  void apply(const Actions& actions) {
    for (const auto& a : actions) {
      if (auto* s = std::get_if<SaveTicket>(&a)) tickets[s->ticket.number] = s->ticket;
      if (auto* s = std::get_if<AddSubscriber>(&a); s && !is_subscriber(s->ticket, s->subscriber.person_id))
        subscribed[s->ticket].push_back(s->subscriber);
      if (auto* l = std::get_if<LinkMessage>(&a)) links[l->platform + "/" + l->message_id] = l->ticket;
      if (auto* e = std::get_if<RecordEvent>(&a)) events.push_back(*e);
      if (auto* t = std::get_if<ScheduleTimer>(&a)) timers.push_back(*t), timer_pending.push_back(true);
      if (auto* c = std::get_if<CancelTimers>(&a))
        for (std::size_t i = 0; i < timers.size(); ++i)
          if (timers[i].ticket == c->ticket && (c->kind.empty() || timers[i].kind == c->kind)) timer_pending[i] = false;
      if (auto* c = std::get_if<SaveConversation>(&a)) {
        if (c->state.empty()) conversations.erase(c->platform + "/" + c->user_id);
        else conversations[c->platform + "/" + c->user_id] = c->state;
      }
    }
  }

  std::map<std::int64_t, Ticket> tickets;
  std::map<std::int64_t, std::vector<Subscriber>> subscribed;
  std::map<std::string, std::int64_t> links;
  std::vector<RecordEvent> events;
  std::vector<ScheduleTimer> timers;
  std::vector<bool> timer_pending;  // parallel to timers: false once fired or cancelled
  std::map<std::string, std::string> conversations;
};

template <class A>
std::vector<A> only(const Actions& actions) {
  std::vector<A> out;
  for (const auto& a : actions)
    if (auto* x = std::get_if<A>(&a)) out.push_back(*x);
  return out;
}

}  // namespace gridbot::testing
