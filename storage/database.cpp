#include "storage/database.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

namespace gridbot::storage {

extern const std::array<std::string_view, 16> migrations;

int latest_schema_version() { return static_cast<int>(migrations.size()); }

std::string_view migration_sql(int version) { return migrations.at(static_cast<std::size_t>(version - 1)); }

int schema_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

namespace {

// Before SQLite's first connection: without memory statistics, SQLite's allocator takes no global
// mutex on every malloc and free (a third of a million per 1,000 messages on the writer, ~3% of
// its instructions); nothing here reads sqlite3_memory_used(). A call after SQLite has started
// (a test that opened a database first) is refused and changes nothing, which is harmless.
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

// NOMUTEX: every connection belongs to one thread (the writer, the event loop's reader, the
// checkpointer), so SQLite's per-call connection mutex would only cost time.
SQLite::Database open_database(const std::string& path) {
  configure_sqlite_once();
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
  // Before anything writes the file: a new database frees the pages retention empties with
  // PRAGMA incremental_vacuum, never a full VACUUM. (On an existing file this does nothing.)
  db.exec("PRAGMA auto_vacuum=INCREMENTAL");
  db.exec("PRAGMA journal_mode=WAL");
  // FULL: every commit is fsynced, so an answered request survives a power cut, not only a crash.
  // While the writer runs, its connection is NORMAL and its sync thread fsyncs the WAL after each
  // commit instead, one fsync for several batches (bot/wal_sync.hpp) — the same guarantee.
  db.exec("PRAGMA synchronous=FULL");
  db.exec("PRAGMA foreign_keys=ON");
  // Each writer job runs in a savepoint, and SQLite keeps the pages it changes there in a
  // statement journal so the savepoint can roll back. Past 64 KB that journal goes to a temporary
  // file, and an intake message's job passes that: writer_bench 10000 under `strace -c` made 52.7
  // pwrite calls per message, 6.9 of them the WAL's and its checkpoints' — the rest journal
  // writes nobody read back. In memory the journal is freed when the job's savepoint is
  // released, so it holds one job's pages at most.
  db.exec("PRAGMA temp_store=MEMORY");
  db.setBusyTimeout(busy_timeout_ms);
  const int current = schema_version(db);
  if (current > latest_schema_version())
    throw std::runtime_error(path + ": database schema version " + std::to_string(current) +
                             " is newer than this gridbot (" + std::to_string(latest_schema_version()) + ")");
  for (int v = current; v < latest_schema_version(); ++v) {
    SQLite::Transaction tx(db);
    db.exec(std::string(migrations[v]));
    db.exec("PRAGMA user_version=" + std::to_string(v + 1));
    tx.commit();
  }
  // A database created before migration 3 has auto_vacuum off, and only a VACUUM can turn it on:
  // once, at the upgrade, rather than on every retention run.
  if (current < 3 && current > 0 && db.execAndGet("PRAGMA auto_vacuum").getInt() != 2) db.exec("VACUUM");
  return db;
}

SQLite::Database open_reader(const std::string& path) {
  configure_sqlite_once();
  SQLite::Database db(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
  db.exec("PRAGMA query_only=ON");
  db.setBusyTimeout(busy_timeout_ms);
  return db;
}

}  // namespace gridbot::storage
