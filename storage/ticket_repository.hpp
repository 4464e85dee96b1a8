// Tickets, their audit trail and the platform messages that belong to them.
#pragma once

#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot::storage {

class TicketRepository : public TicketReader {
 public:
  explicit TicketRepository(SQLite::Database& db);

  std::optional<Ticket> find(std::int64_t number) const override;
  std::int64_t next_number() const override;
  std::optional<std::int64_t> ticket_of_message(std::string_view platform, std::string_view message_id) const override;

  void save(const Ticket& t);
  void record(const RecordEvent& e);
  void link(std::string_view platform, std::string_view message_id, std::int64_t ticket);
  std::vector<RecordEvent> timeline(std::int64_t number) const;
  std::int64_t count() const;

 private:
  mutable SQLite::Statement find_, next_, of_message_, count_, timeline_;
  SQLite::Statement save_, record_, link_;
};

}  // namespace gridbot::storage
