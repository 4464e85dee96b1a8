#include "storage/savepoint.hpp"

#include <sqlite3.h>

namespace gridbot::storage {

// One name for all: SQLite releases or rolls back the innermost savepoint of that name, so
// nesting works like a stack.
Savepoints::Savepoints(SQLite::Database& db, Counters& counters)
    : begin_(db, "SAVEPOINT sp"), release_(db, "RELEASE sp"), rollback_(db, "ROLLBACK TO sp"), counters_(counters) {}

void Savepoints::begin() {
  begin_.reset();
  begin_.exec();
  counters_.savepoint_begun();
}

void Savepoints::release() {
  release_.reset();
  release_.exec();
  counters_.savepoint_released();
}

void Savepoints::rollback() {
  rollback_.reset();
  rollback_.exec();
  counters_.savepoint_rolled_back();
  release();
}

Savepoint::~Savepoint() {
  if (done_) return;
  try {
    s_.rollback();
  } catch (...) {
    // The transaction is already gone (SQLite rolled it back itself); nothing left to undo.
  }
}

}  // namespace gridbot::storage
