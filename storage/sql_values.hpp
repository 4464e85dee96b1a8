// Conversions between domain values and SQLite columns, shared by the repositories.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/time.hpp"

namespace gridbot::storage {

// Resets a kept prepared statement when a repository call ends, however it ends, so the next
// call starts clean and no read transaction is held open by a half-stepped statement.
class Reset {
 public:
  explicit Reset(SQLite::Statement& s) : s_(s) {}
  // Never throws: after a failed step, reset() would rethrow that step's error, and an exception
  // leaving a destructor during unwinding ends the process.
  ~Reset() {
    s_.tryReset();
    try {
      s_.clearBindings();
    } catch (...) {
    }
  }
  Reset(const Reset&) = delete;
  Reset& operator=(const Reset&) = delete;

 private:
  SQLite::Statement& s_;
};

inline void bind_text(SQLite::Statement& s, int index, std::string_view text) {
  // The std::string overload binds TEXT (the pointer-and-size one would bind a BLOB).
  s.bind(index, std::string(text));
}

inline void bind_optional(SQLite::Statement& s, int index, const std::optional<std::string>& text) {
  if (text) bind_text(s, index, *text);
  else s.bind(index);
}

inline void bind_time(SQLite::Statement& s, int index, Time t) {
  s.bind(index, static_cast<std::int64_t>(t.time_since_epoch().count()));
}

inline std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

inline Time to_time(const SQLite::Column& c) { return Time(Seconds(c.getInt64())); }

}  // namespace gridbot::storage
