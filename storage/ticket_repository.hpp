// Tickets, their audit trail, the platform messages that belong to them, and the questions the
// bot is waiting to have answered.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "storage/counters.hpp"

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot::storage {

class TicketRepository : public TicketReader {
 public:
  TicketRepository(SQLite::Database& db, Counters& counters);

  std::optional<Ticket> find(std::int64_t number) const override;
  std::int64_t next_number() const override;
  std::optional<std::int64_t> ticket_of_message(std::string_view platform, std::string_view message_id) const override;
  std::optional<Ticket> open_duplicate(std::string_view grid, std::string_view category, std::string_view building,
                                       Time since) const override;
  std::vector<Ticket> tickets_of_resident(std::string_view person_id, std::size_t limit) const override;
  std::vector<Ticket> awaiting_rating(std::string_view person_id) const override;
  std::vector<Subscriber> subscribers(std::int64_t number) const override;
  bool is_subscriber(std::int64_t number, std::string_view person_id) const override;
  std::vector<Ticket> open_tickets_for(const Member& member) const override;
  std::optional<std::string> conversation(std::string_view platform, std::string_view user_id) const override;

  void save(const Ticket& t);
  void subscribe(const AddSubscriber& s);
  void record(const RecordEvent& e);
  void link(std::string_view platform, std::string_view message_id, std::int64_t ticket);
  void save_conversation(const SaveConversation& c, Time now);
  std::vector<RecordEvent> timeline(std::int64_t number) const override;
  std::optional<Time> last_event_at(std::int64_t number, std::string_view kind, std::string_view actor) const override;
  std::int64_t count() const;

 private:
  mutable SQLite::Statement find_, next_, of_message_, count_, timeline_, last_event_, duplicate_, of_resident_, awaiting_,
      subscribers_, is_subscriber_, for_member_, conversation_;
  // An UPDATE of just the columns that changed, one per set of columns (a bit per column), prepared
  // the first time that set is saved: most saves change the same few (state, times, urges).
  SQLite::Statement& update_of(std::uint64_t columns);

  SQLite::Database& db_;
  std::unordered_map<std::uint64_t, std::unique_ptr<SQLite::Statement>> updates_;
  SQLite::Statement insert_, subscribe_, record_, link_, put_conversation_, drop_conversation_;
  Counters& counters_;
};

}  // namespace gridbot::storage
