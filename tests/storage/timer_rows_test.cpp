// Migration 15: a limit's reminder and deadline, two rows of their own kinds before, become one
// row that walks both steps (handlers/schedule.hpp). What was pending must fire as it would have.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/database.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

TEST_CASE("migration 15 folds each pending reminder and deadline pair into one row per limit") {
  testing::TempDir dir;
  const std::string path = dir.file("v14.db");
  {
    SQLite::Database v14(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (int v = 1; v <= 14; ++v) v14.exec(std::string(storage::migration_sql(v)));
    v14.exec("PRAGMA user_version=14");
    v14.exec(R"sql(INSERT INTO timers(id, kind, ticket, due_at, payload, status) VALUES
      -- 1001: both limits ahead, each a pending pair at the same level
      (1, 'claim_reminder', 1001, 100, '{"level":0}', 'pending'), (2, 'claim_deadline', 1001, 200, '{"level":0}', 'pending'),
      (3, 'resolve_reminder', 1001, 300, '{"level":0}', 'pending'), (4, 'resolve_deadline', 1001, 400, '{"level":0}', 'pending'),
      -- 1002: the claim reminder already fired; its deadline is still ahead
      (5, 'claim_reminder', 1002, 100, '{"level":0}', 'fired'), (6, 'claim_deadline', 1002, 200, '{"level":0}', 'pending'),
      -- 1003: a stale reminder from before an escalation and the new rung's deadline: not a pair
      (7, 'resolve_reminder', 1003, 100, '{"level":0}', 'pending'), (8, 'resolve_deadline', 1003, 500, '{"level":1}', 'pending'),
      -- 1004: finished rows are history; a payload written by another hand is still read as level 0
      (9, 'claim_deadline', 1004, 200, '{"level":0}', 'cancelled'), (10, 'claim_reminder', 1004, 100, '', 'pending'),
      -- not a limit: untouched
      (11, 'rating_timeout', 1004, 900, '{}', 'pending'))sql");
  }
  auto db = storage::open_database(path);
  CHECK(storage::schema_version(db) == storage::latest_schema_version());
  std::map<int, std::string> rows;
  SQLite::Statement q(db, "SELECT id, kind || ' ' || status || ' ' || payload FROM timers ORDER BY id");
  while (q.executeStep()) rows[q.getColumn(0).getInt()] = q.getColumn(1).getString();
  CHECK(rows[1] == R"(claim_limit pending {"level":0,"step":"reminder"})");
  CHECK(rows[2] == R"(claim_deadline cancelled {"level":0})");  // its reminder re-arms it
  CHECK(rows[3] == R"(resolve_limit pending {"level":0,"step":"reminder"})");
  CHECK(rows[4] == R"(resolve_deadline cancelled {"level":0})");
  CHECK(rows[5] == R"(claim_reminder fired {"level":0})");
  CHECK(rows[6] == R"(claim_limit pending {"level":0})");
  CHECK(rows[7] == R"(resolve_limit pending {"level":0,"step":"reminder"})");  // stale: fires and does nothing
  CHECK(rows[8] == R"(resolve_limit pending {"level":1})");
  CHECK(rows[9] == R"(claim_deadline cancelled {"level":0})");
  CHECK(rows[10] == R"(claim_limit pending {"level":0,"step":"reminder"})");
  CHECK(rows[11] == R"(rating_timeout pending {})");
  // The counters the triggers keep followed the cancellations: /healthz reads them.
  CHECK(db.execAndGet("SELECT value FROM counters WHERE name = 'timers_pending'").getInt() == 7);
  CHECK(db.execAndGet("SELECT value FROM counters WHERE name = 'timers_cancelled'").getInt() == 3);
}
