#include "storage/counters.hpp"

#include <iterator>

namespace gridbot::storage {

namespace {

// The `counters` table's names, in the order of Counter.
constexpr const char* names[] = {"tickets", "outbox_pending", "timers_pending", "timers_fired", "timers_cancelled"};
static_assert(std::size(names) == Counters::count);

}  // namespace

Counters::Counters(SQLite::Database& db) : update_(db, "UPDATE counters SET value = value + ?2 WHERE name = ?1") {}

void Counters::add(Counter c, std::int64_t n) {
  if (n == 0) return;
  if (batching_) deltas_[index(c)] += n;
  else write(index(c), n);
}

void Counters::write(std::size_t i, std::int64_t n) {
  update_.reset();
  update_.bindNoCopy(1, names[i]);  // a static string
  update_.bind(2, n);
  update_.exec();
}

void Counters::restart(bool batching) {
  deltas_.fill(0);
  marks_.clear();
  batching_ = batching;
}

void Counters::begin_batch() { restart(true); }

void Counters::write_batch() {
  // Written before deltas_ is cleared: if an UPDATE throws, the batch rolls back and
  // abandon_batch forgets them all.
  for (std::size_t i = 0; i < count; ++i)
    if (deltas_[i]) write(i, deltas_[i]);
  restart(false);
}

void Counters::abandon_batch() { restart(false); }

void Counters::savepoint_begun() { marks_.push_back(deltas_); }

void Counters::savepoint_released() {
  if (!marks_.empty()) marks_.pop_back();
}

void Counters::savepoint_rolled_back() {
  if (!marks_.empty()) deltas_ = marks_.back();  // the savepoint's release pops the mark
}

}  // namespace gridbot::storage
