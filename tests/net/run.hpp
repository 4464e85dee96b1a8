// Runs one coroutine on `io` until it finishes, for tests whose client lives on a given
// io_context (HttpClient, WebSocket), and hands back its result or exception.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace gridbot::testing {

template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> work) {
  std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> out;
  std::exception_ptr error;
  bool done = false;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        try {
          if constexpr (std::is_void_v<T>) {
            co_await std::move(work);
            out.emplace(true);
          } else {
            out.emplace(co_await std::move(work));
          }
        } catch (...) {
          error = std::current_exception();
        }
        done = true;
      },
      boost::asio::detached);
  // Not io.run(): a background read on the same loop may keep it busy after `work` is done.
  while (!done) {
    io.restart();
    if (io.run_one() == 0 && !done) throw std::logic_error("run: the event loop ran out of work first");
  }
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>) return std::move(*out);
}

}  // namespace gridbot::testing
