// The deletes retention runs: each takes at most `limit` rows older than a cutoff, oldest first,
// so one call is one short transaction. Tickets and their audit trail are the record and are
// only ever removed after they were archived (see bot/retention.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/time.hpp"

namespace gridbot::storage {

class RetentionRepository {
 public:
  explicit RetentionRepository(SQLite::Database& db);

  // Dedupe rows: a redelivery after this long is no longer expected.
  int delete_inbox(Time before, int limit);
  // Sent messages; pending and dead ones stay (they are work, or evidence of a failure).
  int delete_sent_outbox(Time before, int limit);
  // Fired and cancelled timers, by due time.
  int delete_finished_timers(Time before, int limit);
  // The local platform's chat log.
  int delete_local_messages(Time before, int limit);

  // Closed and cancelled tickets last changed before `before`, oldest first, each as one JSON
  // object: every column of the ticket, and `events` with its audit trail. The newest ticket is
  // never among them: the next number is counted from it.
  std::vector<std::string> closed_tickets_json(Time before, int limit);
  // The ticket, its audit trail, its message links and its timers.
  void delete_ticket(std::int64_t number);

  // Returns up to `pages` free pages to the file system (auto_vacuum=INCREMENTAL); how many were
  // free before.
  std::int64_t incremental_vacuum(int pages);

 private:
  SQLite::Database& db_;
  SQLite::Statement inbox_, outbox_, timers_, local_, closed_, events_, drop_events_, drop_links_, drop_timers_,
      drop_ticket_;
};

}  // namespace gridbot::storage
