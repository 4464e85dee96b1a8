// A whole organization in memory for pure handler tests: the sample organization and its policy,
// tickets that take the handlers' Actions, and a clock that fires timers in order as it moves.
#pragma once

#include <string>

#include "bot/organization_loader.hpp"
#include "bot/policy_loader.hpp"
#include "handlers/dispatch.hpp"
#include "tests/support/memory_notices.hpp"
#include "tests/support/memory_rosters.hpp"
#include "tests/support/memory_tickets.hpp"

namespace gridbot::testing {

// Wednesday 2026-11-18 10:00 in Beijing: a working day, outside quiet hours.
inline const Time wednesday_10am = Time(Seconds(1'794'967'200));

class World {
 public:
  World() : World(sample_organization_file()) {}
  explicit World(const OrganizationFile& file)
      : org(parse_organization(file.text, file.source)), policy(parse_policy(file.text, file.source, file.base_dir, org)) {}

  Organization org;
  Policy policy;
  MemoryTickets tickets;
  MemoryNotices notices;
  MemoryRosters rosters;  // empty: every group counts against the organization's roster
  Time now = wednesday_10am;
  int next_message = 1;
  Actions last;  // what the latest call produced

  Context context() {
    return Context{now, org, tickets, policy, templates::Catalog::builtin(), &notices, nullptr, &rosters};
  }

  // `sender` writes `text` in a group (`chat`) or to the bot (empty chat); returns its message id.
  std::string say(const std::string& chat, const std::string& sender, const std::string& text,
                  std::optional<std::string> quote = std::nullopt) {
    const std::string id = "m" + std::to_string(next_message++);
    Inbound in{"local", id, chat, sender, text, quote, now};
    MessageReceived event{in, chat.empty() ? nullptr : org.group_by_chat("local", chat), org.person_by_account("local", sender)};
    last = handle(event, context());
    tickets.apply(last);
    notices.apply(last);
    return id;
  }

  // Moves the clock to `until`, firing every pending timer due by then in order, each as of its
  // due time (as the scheduler does); returns everything they produced.
  Actions run_until(Time until) {
    Actions all;
    for (;;) {
      std::size_t next = tickets.timers.size();
      for (std::size_t i = 0; i < tickets.timers.size(); ++i)
        if (tickets.timer_pending[i] && tickets.timers[i].due_at <= until &&
            (next == tickets.timers.size() || tickets.timers[i].due_at < tickets.timers[next].due_at))
          next = i;
      if (next == tickets.timers.size()) break;
      tickets.timer_pending[next] = false;
      const ScheduleTimer timer = tickets.timers[next];
      now = timer.due_at;
      Actions fired = handle(TimerDue{static_cast<std::int64_t>(next), timer.kind, timer.ticket, timer.due_at, timer.payload}, context());
      tickets.apply(fired);
      notices.apply(fired);
      all.insert(all.end(), fired.begin(), fired.end());
    }
    now = until;
    last = all;
    return all;
  }

  const Ticket& ticket(std::int64_t number) const { return tickets.tickets.at(number); }
};

// Messages in `actions` to a user, or to a group chat.
inline std::vector<SendMessage> to_user_(const Actions& actions, const std::string& user) {
  std::vector<SendMessage> out;
  for (const auto& m : only<SendMessage>(actions))
    if (m.user_id == user) out.push_back(m);
  return out;
}
inline std::vector<SendMessage> to_chat_(const Actions& actions, const std::string& chat) {
  std::vector<SendMessage> out;
  for (const auto& m : only<SendMessage>(actions))
    if (m.chat_id == chat) out.push_back(m);
  return out;
}
inline bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }
inline std::vector<std::string> event_kinds(const Actions& actions) {
  std::vector<std::string> out;
  for (const auto& e : only<RecordEvent>(actions)) out.push_back(e.kind);
  return out;
}

}  // namespace gridbot::testing
