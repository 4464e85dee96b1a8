#include "bot/platforms/token_flight.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace gridbot::platforms {

namespace asio = boost::asio;

// Waiters sleep on the timer until the fetcher cancels it, then read the result.
struct TokenFlight::Flight {
  explicit Flight(asio::io_context& io) : done(io, asio::steady_timer::time_point::max()) {}
  asio::steady_timer done;
  std::expected<std::string, std::string> result = std::unexpected(std::string("the token fetch was interrupted"));
};

TokenFlight::TokenFlight(asio::io_context& io, const Clock& clock, Seconds margin, Fetch fetch)
    : io_(io), clock_(clock), margin_(margin), fetch_(std::move(fetch)) {}

TokenFlight::~TokenFlight() = default;

void TokenFlight::invalidate(const std::string& used) {
  if (used == token_) token_.clear();
}

asio::awaitable<std::expected<std::string, std::string>> TokenFlight::token() {
  if (!token_.empty() && clock_.now() < refresh_at_) co_return token_;
  if (auto flight = flight_) {
    boost::system::error_code ec;
    co_await flight->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return flight->result;
  }
  co_return co_await refresh();
}

asio::awaitable<std::expected<std::string, std::string>> TokenFlight::refresh() {
  auto flight = std::make_shared<Flight>(io_);
  flight_ = flight;
  ++fetches_;
  auto fetched = co_await fetch_();
  if (fetched) {
    token_ = fetched->token;
    refresh_at_ = clock_.now() + std::max(fetched->expires_in - margin_, Seconds(0));
    flight->result = token_;
  } else {
    flight->result = std::unexpected(fetched.error());
  }
  flight_.reset();
  flight->done.cancel();
  co_return flight->result;
}

}  // namespace gridbot::platforms
