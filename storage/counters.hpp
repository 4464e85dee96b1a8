// Row counts by status (the `counters` table, read by /healthz), kept by the code that writes
// the rows. Per-row triggers kept them before migration 16; an inserted ticket, outbox row or
// timer ran a trigger program each, 8.7% of the writer's instructions at intake (writer_bench
// under callgrind: 926 M → 845 M for 3,000 messages). Now the repositories add here, and inside
// a writer batch the additions wait in memory and reach the table as one UPDATE per counter at
// the batch's commit. Outside a batch (start-up, tests, the synchronous pipeline) each addition
// is written at once, in whatever transaction is open, as the trigger did.
// Deletions (retention) and the outbox's status changes (the sender, not intake) keep their
// triggers: they are rare on the hot path, and the sender's updates do not know a row's status.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace gridbot::storage {

enum class Counter { tickets, outbox_pending, timers_pending, timers_fired, timers_cancelled };

class Counters {
 public:
  explicit Counters(SQLite::Database& db);

  void add(Counter c, std::int64_t n);
  // What add() holds back in the current batch, for a count read inside it.
  std::int64_t unwritten(Counter c) const { return deltas_[index(c)]; }

  // The writer's batch: from begin_batch, additions wait; write_batch (just before COMMIT, in
  // the transaction) writes them; abandon_batch (the transaction rolled back) forgets them.
  // begin_batch forgets whatever an earlier batch held back, too.
  void begin_batch();
  void write_batch();
  void abandon_batch();

  // Savepoints (storage/savepoint.hpp) nest like a stack: a rolled-back savepoint takes back what
  // was added since it began (rolled back, then released, as SQL does it).
  void savepoint_begun();
  void savepoint_released();
  void savepoint_rolled_back();

  static constexpr std::size_t count = 5;  // Counter's values

 private:
  static std::size_t index(Counter c) { return static_cast<std::size_t>(c); }
  void write(std::size_t i, std::int64_t n);
  void restart(bool batching);  // nothing held back, no savepoint marks

  SQLite::Statement update_;
  bool batching_ = false;
  std::array<std::int64_t, count> deltas_{};
  std::vector<std::array<std::int64_t, count>> marks_;
};

}  // namespace gridbot::storage
