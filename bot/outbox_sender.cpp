#include "bot/outbox_sender.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <sqlite3.h>

#include "bot/log.hpp"
#include "bot/platforms/text_split.hpp"

namespace gridbot {

namespace asio = boost::asio;
using platforms::SendResult;

OutboxSender::OutboxSender(asio::io_context& io, storage::Store& reader, Writer& writer, const Clock& clock)
    : io_(io), reader_(reader), writer_(writer), clock_(clock), wake_(io) {}

void OutboxSender::add_adapter(platforms::Adapter& adapter) { adapters_[std::string(adapter.name())] = &adapter; }

void OutboxSender::start() { asio::co_spawn(io_, run(), asio::detached); }

void OutboxSender::stop() {
  stopping_ = true;
  wake_.cancel();
}

void OutboxSender::nudge() {
  read_wanted_ = true;
  wake_.cancel();
}

std::size_t OutboxSender::read_due() {
  if (held_.size() >= max_held) return 0;
  std::size_t fresh = 0;
  const Time now = clock_.now();
  // Held rows are still due in the table until their outcome commits: read past them.
  for (auto& row : reader_.outbox.due(now, static_cast<int>(held_.size()) + rows_per_batch)) {
    if (!held_.insert(row.id).second) continue;
    ++fresh;
    auto adapter = adapters_.find(row.message.platform);
    if (adapter == adapters_.end()) {
      queue(Sent{row, SendResult::permanent("platform '" + row.message.platform + "' is not enabled")});
      continue;
    }
    outbox::Entry entry{row, adapter->second->quotas(row), {}};
    const std::size_t limit = adapter->second->text_limit(row);
    if (limit > 0 && row.message.text.size() > limit) {
      auto parts = platforms::split_for_limit(row.message.text, limit);
      if (parts.size() > 1) {
        // Nothing of its queue goes until the parts are rows, so no later row overtakes them.
        entry.queue = entry.quotas.empty() ? std::string() : entry.quotas.front().bucket;
        if (!entry.queue.empty()) lanes_.hold(entry.queue);
        queue(Split{std::move(entry), std::move(parts), {}});
        continue;
      }
    }
    lanes_.add(std::move(entry));
  }
  return fresh;
}

void OutboxSender::dispatch() {
  // A stored send is done as soon as its work is queued (the outcome job runs the works in the
  // order queued), so its bucket is free at once: plan again while such sends start, or a paced
  // bucket would send one row per commit.
  for (bool again = true; again;) {
    again = false;
    auto plan = lanes_.plan(clock_.now());
    for (auto& entry : plan.start) {
      platforms::Adapter& adapter = *adapters_.find(entry.row.message.platform)->second;
      if (auto work = adapter.stored_send(entry.row)) {
        lanes_.finished(entry);
        queue(Stored{std::move(entry.row), std::move(work)});
        again = true;
        continue;
      }
      ++in_flight_;
      asio::co_spawn(io_, send(std::move(entry)), asio::detached);
    }
    for (auto& [entry, until] : plan.park) queue(Parked{std::move(entry.row), until});
  }
}

SendResult OutboxSender::run_stored(storage::Store& store, Stored& stored) {
  // In a savepoint of its own: a failed write costs this row an attempt (a retry), not the
  // outcomes of the whole batch.
  try {
    storage::Savepoint savepoint(store.savepoints);
    SendResult result = stored.work(store);
    savepoint.release();
    return result;
  } catch (const std::exception& e) {
    if (sqlite3_get_autocommit(store.db().getHandle())) throw;  // the transaction is gone: the batch fails
    return SendResult::retry(std::string("writing the message failed: ") + e.what());
  }
}

asio::awaitable<SendResult> OutboxSender::attempt(platforms::Adapter& adapter, const storage::OutboxRow& row) {
  // One of the three catch-all boundaries: an adapter that throws costs one attempt.
  try {
    co_return co_await adapter.send(row);
  } catch (const std::exception& e) {
    co_return SendResult::retry(std::string("adapter failed: ") + e.what());
  }
}

asio::awaitable<void> OutboxSender::send(outbox::Entry entry) {
  platforms::Adapter& adapter = *adapters_.find(entry.row.message.platform)->second;
  SendResult result = co_await attempt(adapter, entry.row);
  if (result.kind == SendResult::Kind::token_expired) {
    // Refresh once and send once more; a second expiry is an ordinary retry (record() counts it),
    // never a loop that would exhaust the platform's token quota.
    try {
      co_await adapter.refresh_credentials(entry.row);
      result = co_await attempt(adapter, entry.row);
    } catch (const std::exception& e) {
      result = SendResult::retry(std::string("refreshing the credential failed: ") + e.what());
    }
  }
  lanes_.finished(entry);
  if (result.kind == SendResult::Kind::rate_limited)
    lanes_.block(entry.quotas, std::max(result.until, clock_.now() + Seconds(1)));
  --in_flight_;
  queue(Sent{std::move(entry.row), std::move(result)});
  wake_to_dispatch();  // its bucket is free: the next row of it may go
}

void OutboxSender::queue(Outcome outcome) {
  outcomes_.push_back(std::move(outcome));
  if (!writing_) {
    writing_ = true;
    asio::co_spawn(io_, write_outcomes(), asio::detached);
  }
}

asio::awaitable<void> OutboxSender::write_outcomes() {
  while (!outcomes_.empty()) {
    std::vector<Outcome> batch;
    batch.swap(outcomes_);
    const Time now = clock_.now();
    try {
      co_await writer_.run([&](storage::Store& store) {
        for (auto& outcome : batch) {
          if (auto* sent = std::get_if<Sent>(&outcome)) outbox::record(store, now, sent->row, sent->result);
          else if (auto* parked = std::get_if<Parked>(&outcome)) store.outbox.defer(parked->row.id, parked->until);
          else if (auto* split = std::get_if<Split>(&outcome)) split->rows = store.outbox.split(split->entry.row, split->parts);
          else if (auto* stored = std::get_if<Stored>(&outcome)) outbox::record(store, now, stored->row, run_stored(store, *stored));
        }
      });
    } catch (const std::exception& e) {
      // Nothing of the batch is written: its rows are read again and sent again (at least once).
      log::error("outbox", "recording {} outcomes failed: {}", batch.size(), e.what());
      for (auto& outcome : batch)
        if (auto* split = std::get_if<Split>(&outcome)) split->rows.clear();
    }
    committed(batch);
  }
  writing_ = false;
  nudge();
}

void OutboxSender::committed(std::vector<Outcome>& done) {
  for (auto& outcome : done) {
    if (auto* sent = std::get_if<Sent>(&outcome)) held_.erase(sent->row.id);
    else if (auto* parked = std::get_if<Parked>(&outcome)) held_.erase(parked->row.id);
    else if (auto* stored = std::get_if<Stored>(&outcome)) held_.erase(stored->row.id);
    else if (auto* split = std::get_if<Split>(&outcome)) {
      held_.erase(split->entry.row.id);
      for (auto& part : split->rows) {
        held_.insert(part.id);
        lanes_.add(outbox::Entry{std::move(part), split->entry.quotas, {}});
      }
      if (!split->entry.queue.empty()) lanes_.release(split->entry.queue);
    }
  }
}

asio::awaitable<void> OutboxSender::run() {
  while (!stopping_) {
    std::size_t fresh = 0;
    try {
      if (read_wanted_) {
        read_wanted_ = false;
        fresh = read_due();
      }
    } catch (const std::exception& e) {
      log::error("outbox", "sending failed: {}", e.what());
    }
    try {
      // What the reader saw is committed, but maybe not on the disk yet (bot/wal_sync.hpp): sent
      // now, a power cut could forget a ticket whose acceptance had already gone to the resident.
      // Only new rows wait, for one flush at most; a pass that only frees a bucket does not.
      if (fresh) co_await writer_.durable();
      dispatch();
    } catch (const std::exception& e) {
      log::error("outbox", "sending failed: {}", e.what());
    }
    if (stopping_) break;
    // Every commit nudges, and so does every finished send; the periodic look catches rows whose
    // retry, pacing or quiet-hours time came.
    wake_.expires_after(std::chrono::seconds(1));
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) read_wanted_ = true;  // the tick, not a cancel
  }
}

}  // namespace gridbot
