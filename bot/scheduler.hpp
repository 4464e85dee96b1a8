// Fires due timers from the timers table, once a second and whenever the clock is moved, through
// the writer a chunk at a time (Pipeline::fire_due_timers_async), so a long replay after downtime
// never stops the event loop.
#pragma once

#include "bot/awaitable.hpp"
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/pipeline.hpp"

namespace gridbot {

class Scheduler {
 public:
  Scheduler(boost::asio::io_context& io, Pipeline& pipeline);
  void start();
  void stop();
  void nudge();

 private:
  boost::asio::awaitable<void> run();

  boost::asio::io_context& io_;
  Pipeline& pipeline_;
  boost::asio::steady_timer wake_;
  bool stopping_ = false;
};

}  // namespace gridbot
