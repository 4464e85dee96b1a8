// A database file with a `notes` table, a writer-side Store on it and a reader connection, for
// the writer's tests: a job adds notes, the reader counts what committed.
#pragma once

#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "storage/database.hpp"
#include "storage/store.hpp"
#include "tests/support/temp_dir.hpp"

namespace gridbot::testing {

struct NotesDb {
  TempDir dir;
  std::string path = dir.file("writer.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store{db};
  SQLite::Database reader = storage::open_reader(path);

  NotesDb() { db.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL)"); }
  int notes() { return reader.execAndGet("SELECT COUNT(*) FROM notes").getInt(); }
  int notes(const std::string& text) {
    SQLite::Statement q(reader, "SELECT COUNT(*) FROM notes WHERE text = ?");
    q.bind(1, text);
    q.executeStep();
    return q.getColumn(0).getInt();
  }
};

inline void add_note(storage::Store& store, const std::string& text) {
  SQLite::Statement insert(store.db(), "INSERT INTO notes(text) VALUES(?)");
  insert.bind(1, text);
  insert.exec();
}

}  // namespace gridbot::testing
