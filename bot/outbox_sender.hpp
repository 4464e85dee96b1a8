// Sends outbox rows: the most important first, through each platform's adapter, with backoff on
// transient errors and dead letters for what can never be sent.
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
#include "storage/store.hpp"

namespace gridbot {

class OutboxSender {
 public:
  OutboxSender(boost::asio::io_context& io, storage::Store& store, const Clock& clock);
  void add_adapter(platforms::Adapter& adapter);
  void start();
  void stop();
  // Something was queued or the clock moved: look again now.
  void nudge();
  // No send in flight: safe to stop the process.
  bool idle() const { return !sending_; }

  static constexpr int max_attempts = 8;
  // Told of every commit and every failed one (/healthz).
  WriteHealth* write_health = nullptr;

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<void> send_due();
  void record(const storage::OutboxRow& row, const platforms::SendResult& result);

  boost::asio::io_context& io_;
  storage::Store& store_;
  const Clock& clock_;
  std::map<std::string, platforms::Adapter*, std::less<>> adapters_;
  boost::asio::steady_timer wake_;
  bool stopping_ = false;
  bool sending_ = false;
};

}  // namespace gridbot
