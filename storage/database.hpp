// The SQLite database: opened in WAL mode, migrated to the newest schema by PRAGMA user_version.
#pragma once

#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>

namespace gridbot::storage {

// Opens (creating if needed) the database at `path`, or an in-memory one for ":memory:", and applies
// every migration it has not seen, each in its own transaction. Throws on a database that is newer
// than this binary, so an old binary never writes into a schema it does not know.
// How long a connection waits for another's lock before SQLITE_BUSY: what open_database and
// open_reader set, and what the writer puts back after a checkpoint it ran without waiting.
inline constexpr int busy_timeout_ms = 5000;

SQLite::Database open_database(const std::string& path);

// A second, read-only connection to the same file, for the threads that only read: in WAL mode it
// sees the last commit and never waits for the writer.
SQLite::Database open_reader(const std::string& path);

int schema_version(SQLite::Database& db);
int latest_schema_version();
// The SQL of migration `version` (1 … latest_schema_version()): for tests that build a database
// as an older version made it, then open it and check what the later migrations did.
std::string_view migration_sql(int version);

}  // namespace gridbot::storage
