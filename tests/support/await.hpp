// Runs a coroutine to completion on a private event loop: what the service's io_context does,
// for tests that call an awaitable API directly.
#pragma once

#include <exception>
#include <optional>
#include <type_traits>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace gridbot::testing {

template <class T>
T await(boost::asio::awaitable<T> work) {
  boost::asio::io_context io;
  std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> out;
  std::exception_ptr error;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        try {
          if constexpr (std::is_void_v<T>) co_await std::move(work);
          else out.emplace(co_await std::move(work));
        } catch (...) {
          error = std::current_exception();
        }
      },
      boost::asio::detached);
  io.run();
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>) return std::move(*out);
}

}  // namespace gridbot::testing
