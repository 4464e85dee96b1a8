// Handing work to another thread from a coroutine: the writer (bot/writer.hpp) and the reader
// pool (bot/readers.hpp) queue a job with a `done` callback, their thread calls it with the
// job's exception (or none), and the coroutine resumes on its own executor, never on theirs.
#pragma once

#include <exception>
#include <functional>

#include "bot/awaitable.hpp"
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace gridbot {

using JobDone = std::move_only_function<void(std::exception_ptr)>;

// Calls `start(done)` and suspends until `done` is called, from any thread; rethrows its error.
template <class Start>
boost::asio::awaitable<void> hand_off(Start start) {
  co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(std::exception_ptr)>(
      [&start](auto handler) {
        start(JobDone([h = std::move(handler)](std::exception_ptr e) mutable {
          auto executor = boost::asio::get_associated_executor(h);
          boost::asio::post(executor, [h = std::move(h), e]() mutable { h(e); });
        }));
      },
      boost::asio::use_awaitable);
}

}  // namespace gridbot
