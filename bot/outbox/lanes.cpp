#include "bot/outbox/lanes.hpp"

#include <algorithm>

namespace gridbot::outbox {

void Lanes::add(Entry entry) {
  if (entry.quotas.empty()) {
    entry.queue.clear();
    unpaced_.push_back(std::move(entry));
    return;
  }
  entry.queue = entry.quotas.front().bucket;
  Key key{static_cast<int>(entry.row.message.priority), entry.row.position(), entry.row.id};
  queues_[entry.queue].rows.emplace(key, std::move(entry));
}

TokenBucket& Lanes::bucket(const platforms::Quota& q) {
  auto it = buckets_.find(q.bucket);
  if (it == buckets_.end()) it = buckets_.emplace(q.bucket, TokenBucket(q.capacity, q.period)).first;
  return it->second;
}

bool Lanes::can_start(const Entry& e, Time now) {
  for (const auto& q : e.quotas)
    if (sending_.contains(q.bucket) || !bucket(q).available(now)) return false;
  return true;
}

Time Lanes::ready_at(const Entry& e, Time now, std::size_t rank) {
  Time at = now;
  for (const auto& q : e.quotas) at = std::max(at, bucket(q).available_for(now, rank));
  return at;
}

Plan Lanes::plan(Time now) {
  Plan plan;
  plan.start = std::move(unpaced_);
  unpaced_.clear();
  // Heads in lane order, so an urgent row takes a token a notice of another queue also wants.
  std::vector<std::pair<Key, Queue*>> heads;
  for (auto& [name, queue] : queues_)
    if (!queue.rows.empty() && queue.holds == 0) heads.emplace_back(queue.rows.begin()->first, &queue);
  std::sort(heads.begin(), heads.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, queue] : heads) {
    auto head = queue->rows.begin();
    if (!can_start(head->second, now)) continue;
    for (const auto& q : head->second.quotas) {
      bucket(q).take(now);
      sending_.insert(q.bucket);
    }
    plan.start.push_back(std::move(head->second));
    queue->rows.erase(head);
  }
  for (auto& [key, queue] : heads) {
    std::size_t rank = 0;
    for (auto it = queue->rows.begin(); it != queue->rows.end(); ++rank) {
      Time at = ready_at(it->second, now, rank);
      // The next row stays (it goes as soon as its bucket is free), and so does any row whose
      // token is already here: parking them would cost a write for nothing.
      if (rank == 0 || at <= now) {
        ++it;
        continue;
      }
      // Rows parked until the same second come back in id order, which is their order.
      if (it->second.row.message.priority != Priority::urgent && at < queue->parked_tail) at = queue->parked_tail;
      queue->parked_tail = std::max(queue->parked_tail, at);
      plan.park.emplace_back(std::move(it->second), at);
      it = queue->rows.erase(it);
    }
  }
  return plan;
}

void Lanes::finished(const Entry& entry) {
  for (const auto& q : entry.quotas)
    if (auto it = sending_.find(q.bucket); it != sending_.end()) sending_.erase(it);
}

void Lanes::block(const std::vector<platforms::Quota>& quotas, Time until) {
  for (const auto& q : quotas) bucket(q).block_until(until);
}

void Lanes::hold(const std::string& queue) { ++queues_[queue].holds; }

void Lanes::release(const std::string& queue) {
  auto it = queues_.find(queue);
  if (it != queues_.end() && it->second.holds > 0) --it->second.holds;
}

std::size_t Lanes::waiting() const {
  std::size_t n = unpaced_.size();
  for (const auto& [name, q] : queues_) n += q.rows.size();
  return n;
}

}  // namespace gridbot::outbox
