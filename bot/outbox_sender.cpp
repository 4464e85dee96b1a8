#include "bot/outbox_sender.hpp"

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/log.hpp"

namespace gridbot {

namespace asio = boost::asio;
using platforms::SendResult;

OutboxSender::OutboxSender(asio::io_context& io, storage::Store& reader, Writer& writer, const Clock& clock)
    : io_(io), reader_(reader), writer_(writer), clock_(clock), wake_(io) {}

void OutboxSender::add_adapter(platforms::Adapter& adapter) { adapters_[std::string(adapter.name())] = &adapter; }

void OutboxSender::start() {
  asio::co_spawn(io_, run(), asio::detached);
}

void OutboxSender::stop() {
  stopping_ = true;
  wake_.cancel();
}

void OutboxSender::nudge() { wake_.cancel(); }

void OutboxSender::record(storage::Store& store, Time now, const storage::OutboxRow& row, const SendResult& result) {
  switch (result.kind) {
    case SendResult::Kind::ok:
      store.outbox.mark_sent(row.id, result.platform_message_id, now);
      // A reply that quotes this message finds its ticket.
      if (row.message.ticket && !result.platform_message_id.empty())
        store.tickets.link(row.message.platform, result.platform_message_id, *row.message.ticket);
      break;
    case SendResult::Kind::retry:
      if (row.attempts + 1 >= max_attempts) {
        store.outbox.mark_dead(row.id, "gave up after " + std::to_string(max_attempts) + " attempts: " + result.error);
        log::error("outbox", "row {} to {} is a dead letter: {}", row.id, row.message.platform, result.error);
      } else {
        // Exponential backoff from 2 s, capped at 10 min, unless the platform said how long.
        Seconds wait = result.retry_after.count() > 0 ? result.retry_after
                                                      : Seconds(std::min<std::int64_t>(600, 2LL << row.attempts));
        store.outbox.mark_retry(row.id, now + wait, result.error);
        log::warn("outbox", "row {} to {} will be retried in {}s: {}", row.id, row.message.platform, wait.count(), result.error);
      }
      break;
    case SendResult::Kind::permanent:
      store.outbox.mark_dead(row.id, result.error);
      log::error("outbox", "row {} to {} is a dead letter: {}", row.id, row.message.platform, result.error);
      break;
  }
}

asio::awaitable<SendResult> OutboxSender::send_one(const storage::OutboxRow& row) {
  auto adapter = adapters_.find(row.message.platform);
  if (adapter == adapters_.end()) co_return SendResult::permanent("platform '" + row.message.platform + "' is not enabled");
  // One of the three catch-all boundaries: an adapter that throws costs one attempt.
  SendResult result;
  try {
    result = co_await adapter->second->send(row);
  } catch (const std::exception& e) {
    result = SendResult::retry(std::string("adapter failed: ") + e.what());
  }
  co_return result;
}

asio::awaitable<void> OutboxSender::send_due() {
  while (!stopping_) {
    auto rows = reader_.outbox.due(clock_.now(), rows_per_batch);
    if (rows.empty()) break;
    sending_ = true;
    // The batch's sends run concurrently: the local platform's appends then share one writer
    // commit instead of waiting a commit each. They start in row order, so messages to one chat
    // are handed to the adapter in order; an adapter that talks to a network keeps that order
    // per chat itself.
    std::vector<SendResult> results(rows.size());
    std::size_t in_flight = rows.size();
    asio::steady_timer all_sent(io_, asio::steady_timer::time_point::max());
    for (std::size_t i = 0; i < rows.size(); ++i)
      asio::co_spawn(
          io_,
          [&, i]() -> asio::awaitable<void> {
            results[i] = co_await send_one(rows[i]);
            if (--in_flight == 0) all_sent.cancel();
          },
          asio::detached);
    boost::system::error_code ec;
    co_await all_sent.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    // Until this commits the rows stay pending: a crash resends them, and platforms dedupe by
    // outbox id.
    const Time now = clock_.now();
    co_await writer_.run([&](storage::Store& store) {
      for (std::size_t i = 0; i < results.size(); ++i) record(store, now, rows[i], results[i]);
    });
    sending_ = false;
  }
}

asio::awaitable<void> OutboxSender::run() {
  while (!stopping_) {
    try {
      co_await send_due();
    } catch (const std::exception& e) {
      log::error("outbox", "sending failed: {}", e.what());
      sending_ = false;
    }
    if (stopping_) break;
    // Every commit nudges; the periodic look catches rows whose retry or quiet-hours time came.
    wake_.expires_after(std::chrono::seconds(1));
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace gridbot
