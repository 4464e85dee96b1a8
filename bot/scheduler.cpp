#include "bot/scheduler.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/log.hpp"

namespace gridbot {

namespace asio = boost::asio;

Scheduler::Scheduler(asio::io_context& io, Pipeline& pipeline) : io_(io), pipeline_(pipeline), wake_(io) {}

void Scheduler::start() { asio::co_spawn(io_, run(), asio::detached); }

void Scheduler::stop() {
  stopping_ = true;
  wake_.cancel();
}

void Scheduler::nudge() { wake_.cancel(); }

asio::awaitable<void> Scheduler::run() {
  while (!stopping_) {
    try {
      co_await pipeline_.fire_due_timers_async();
    } catch (const std::exception& e) {
      // The database failed: the timer stays pending and is tried again on the next tick.
      log::error("timer", "firing timers failed: {}", e.what());
    }
    wake_.expires_after(std::chrono::seconds(1));
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace gridbot
