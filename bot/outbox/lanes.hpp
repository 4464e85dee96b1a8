// Which waiting outbox rows may be sent now, and until when the others wait. Pure: no I/O, no
// clock of its own; the sender feeds it rows with their quotas and asks for a plan.
//
// - A row waits in the queue of its first quota's bucket (unpaced rows, with no quota, go at
//   once, in the order they came). A bucket sends one row at a time, in order of (priority,
//   position, id): urgent before replies before notices, a split text's parts together, then
//   row order. A row goes only when every bucket it names has a token and none is sending.
// - Buckets are independent: a slow or blocked one holds up only its own rows.
// - A row that cannot go now and is not next in its queue is parked (the sender defers it in
//   the database until the time its token should be back), so the sender's memory and its reads
//   of due rows stay small however many rows wait. Parked non-urgent rows keep their order
//   behind rows parked earlier; an urgent one is never parked behind them.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "bot/outbox/token_bucket.hpp"
#include "bot/platforms/adapter.hpp"
#include "storage/queue_repositories.hpp"

namespace gridbot::outbox {

struct Entry {
  storage::OutboxRow row;
  std::vector<platforms::Quota> quotas;
  std::string queue;  // its first quota's bucket; empty: unpaced
};

struct Plan {
  std::vector<Entry> start;                  // send these now, in this order
  std::vector<std::pair<Entry, Time>> park;  // defer these until then
};

class Lanes {
 public:
  void add(Entry entry);
  // Takes the tokens of the rows it starts; they stay "sending" until finished().
  Plan plan(Time now);
  void finished(const Entry& entry);
  // Every bucket of `quotas` is blocked until `until` (the platform's "rate limited").
  void block(const std::vector<platforms::Quota>& quotas, Time until);
  // While a queue is held (a row of it is being split) nothing of it starts or parks.
  void hold(const std::string& queue);
  void release(const std::string& queue);

  std::size_t waiting() const;
  bool sending() const { return !sending_.empty(); }

 private:
  using Key = std::tuple<int, std::int64_t, std::int64_t>;  // priority, position, id
  struct Queue {
    std::map<Key, Entry> rows;
    Time parked_tail{};  // the latest time a row of this queue was parked until
    int holds = 0;
  };
  TokenBucket& bucket(const platforms::Quota& q);
  bool can_start(const Entry& e, Time now);
  Time ready_at(const Entry& e, Time now, std::size_t rank);

  std::map<std::string, Queue> queues_;
  std::map<std::string, TokenBucket> buckets_;
  std::multiset<std::string> sending_;  // buckets with a row in flight
  std::vector<Entry> unpaced_;
};

}  // namespace gridbot::outbox
