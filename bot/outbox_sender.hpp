// Sends outbox rows: the most important first, through each platform's adapter, with backoff on
// transient errors and dead letters for what can never be sent. Due rows are read in batches from
// the reader connection; each batch's results are recorded in one writer job, so neither the
// lookup nor the bookkeeping holds up the event loop.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "bot/awaitable.hpp"
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/clock.hpp"
#include "bot/write_health.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/writer.hpp"
#include "storage/store.hpp"

namespace gridbot {

class OutboxSender {
 public:
  OutboxSender(boost::asio::io_context& io, storage::Store& reader, Writer& writer, const Clock& clock);
  void add_adapter(platforms::Adapter& adapter);
  bool has_adapter(std::string_view platform) const { return adapters_.contains(platform); }
  void start();
  void stop();
  // Something was queued or the clock moved: look again now.
  void nudge();
  // No send in flight: safe to stop the process.
  bool idle() const { return !sending_; }

  static constexpr int max_attempts = 8;
  static constexpr int rows_per_batch = 256;

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<void> send_due();
  boost::asio::awaitable<platforms::SendResult> send_one(const storage::OutboxRow& row);
  static void record(storage::Store& store, Time now, const storage::OutboxRow& row, const platforms::SendResult& result);

  boost::asio::io_context& io_;
  storage::Store& reader_;
  Writer& writer_;
  const Clock& clock_;
  std::map<std::string, platforms::Adapter*, std::less<>> adapters_;
  boost::asio::steady_timer wake_;
  bool stopping_ = false;
  bool sending_ = false;
};

}  // namespace gridbot
