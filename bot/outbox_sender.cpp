#include "bot/outbox_sender.hpp"

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <SQLiteCpp/Transaction.h>

#include "bot/log.hpp"

namespace gridbot {

namespace asio = boost::asio;
using platforms::SendResult;

OutboxSender::OutboxSender(asio::io_context& io, storage::Store& store, const Clock& clock)
    : io_(io), store_(store), clock_(clock), wake_(io) {}

void OutboxSender::add_adapter(platforms::Adapter& adapter) { adapters_[std::string(adapter.name())] = &adapter; }

void OutboxSender::start() {
  asio::co_spawn(io_, run(), asio::detached);
}

void OutboxSender::stop() {
  stopping_ = true;
  wake_.cancel();
}

void OutboxSender::nudge() { wake_.cancel(); }

void OutboxSender::record(const storage::OutboxRow& row, const SendResult& result) {
  const Time now = clock_.now();
  SQLite::Transaction tx(store_.db());
  WriteHealth::Attempt attempt(write_health, store_.db());
  switch (result.kind) {
    case SendResult::Kind::ok:
      store_.outbox.mark_sent(row.id, result.platform_message_id, now);
      // A reply that quotes this message finds its ticket.
      if (row.message.ticket && !result.platform_message_id.empty())
        store_.tickets.link(row.message.platform, result.platform_message_id, *row.message.ticket);
      break;
    case SendResult::Kind::retry:
      if (row.attempts + 1 >= max_attempts) {
        store_.outbox.mark_dead(row.id, "gave up after " + std::to_string(max_attempts) + " attempts: " + result.error);
        log::error("outbox", "row {} to {} is a dead letter: {}", row.id, row.message.platform, result.error);
      } else {
        // Exponential backoff from 2 s, capped at 10 min, unless the platform said how long.
        Seconds wait = result.retry_after.count() > 0 ? result.retry_after
                                                      : Seconds(std::min<std::int64_t>(600, 2LL << row.attempts));
        store_.outbox.mark_retry(row.id, now + wait, result.error);
        log::warn("outbox", "row {} to {} will be retried in {}s: {}", row.id, row.message.platform, wait.count(), result.error);
      }
      break;
    case SendResult::Kind::permanent:
      store_.outbox.mark_dead(row.id, result.error);
      log::error("outbox", "row {} to {} is a dead letter: {}", row.id, row.message.platform, result.error);
      break;
  }
  attempt.commit(tx);
}

asio::awaitable<void> OutboxSender::send_due() {
  while (!stopping_) {
    auto row = store_.outbox.next_due(clock_.now());
    if (!row) break;
    SendResult result;
    auto adapter = adapters_.find(row->message.platform);
    if (adapter == adapters_.end()) {
      result = SendResult::permanent("platform '" + row->message.platform + "' is not enabled");
    } else {
      // One of the three catch-all boundaries: an adapter that throws costs one attempt.
      try {
        sending_ = true;
        result = co_await adapter->second->send(*row);
        sending_ = false;
      } catch (const std::exception& e) {
        sending_ = false;
        result = SendResult::retry(std::string("adapter failed: ") + e.what());
      }
    }
    record(*row, result);
  }
}

asio::awaitable<void> OutboxSender::run() {
  while (!stopping_) {
    try {
      co_await send_due();
    } catch (const std::exception& e) {
      log::error("outbox", "sending failed: {}", e.what());
    }
    if (stopping_) break;
    // Every commit nudges; the periodic look catches rows whose retry or quiet-hours time came.
    wake_.expires_after(std::chrono::seconds(1));
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace gridbot
