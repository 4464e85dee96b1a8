// Savepoints on prepared statements: the writer opens two per message (its own and the
// pipeline's), and parsing "SAVEPOINT …" text each time was a visible share of a commit's cost.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "storage/counters.hpp"

namespace gridbot::storage {

class Savepoints {
 public:
  // `counters` follow the savepoints: what a rolled-back one added is taken back.
  Savepoints(SQLite::Database& db, Counters& counters);
  void begin();
  void release();
  // Undoes everything since the matching begin() and ends that savepoint.
  void rollback();

 private:
  SQLite::Statement begin_, release_, rollback_;
  Counters& counters_;
};

// Rolls back unless released: a scope's writes land together or not at all.
class Savepoint {
 public:
  explicit Savepoint(Savepoints& s) : s_(s) { s_.begin(); }
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void release() {
    s_.release();
    done_ = true;
  }

 private:
  Savepoints& s_;
  bool done_ = false;
};

}  // namespace gridbot::storage
