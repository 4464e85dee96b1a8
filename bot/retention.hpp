// Retention: once a day (and a minute after start), rows that grow with traffic and are past
// their rule's age are deleted in batches of a few hundred, each batch a short job of the writer
// (bot/writer.hpp: the one thread that writes) with intake committing between batches; closed tickets past retention.tickets_days are first
// appended to a JSON-lines archive. Emptied pages go back to the file system by
// PRAGMA incremental_vacuum, never a VACUUM that would rewrite and lock the whole file.
#pragma once

#include <cstdint>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/config.hpp"
#include "bot/write_health.hpp"
#include "bot/writer.hpp"
#include "storage/retention_repository.hpp"

namespace gridbot {

struct RetentionCounts {
  std::int64_t inbox = 0, outbox = 0, timers = 0, local_messages = 0, tickets_archived = 0, pages_freed = 0;
  bool operator==(const RetentionCounts&) const = default;
};

class Retention {
 public:
  static constexpr int batch_rows = 500;
  static constexpr int batch_tickets = 50;
  static constexpr int vacuum_pages = 2000;

  // `archive`: the JSON-lines file archived tickets are appended to. The daily pass (start())
  // runs its batches as jobs of `writer`, whose connection `db` is; step() and run_all() commit
  // on the calling thread instead (tests, benches), without a writer.
  Retention(boost::asio::io_context& io, SQLite::Database& db, Config::Retention rules, std::string archive,
            const Clock& clock, Writer* writer = nullptr);

  void start();
  void stop();

  // batch() in a transaction of its own: one batch as of the clock's now; false when every
  // rule is done. Throws when the database or the archive fails (nothing of that batch is lost:
  // its rows stay until the next pass).
  bool step(RetentionCounts& counts);
  // Every batch at once: for tests and benchmarks.
  RetentionCounts run_all();

  WriteHealth* write_health = nullptr;

 private:
  boost::asio::awaitable<void> run();
  bool archive_tickets(Time before, RetentionCounts& counts);
  // One batch of the first rule that still has work, inside a transaction the caller holds.
  bool batch(RetentionCounts& counts);

  boost::asio::io_context& io_;
  SQLite::Database& db_;
  storage::RetentionRepository repository_;
  Config::Retention rules_;
  std::string archive_;
  const Clock& clock_;
  Writer* writer_;
  boost::asio::steady_timer wake_;
  bool stopping_ = false;
};

}  // namespace gridbot
