// An access token shared by every sender of one app, fetched one request at a time: concurrent
// callers wait for the fetch in flight instead of starting their own (PROTOCOLS.md §0 item 2,
// refresh stampedes), kept until `margin` before it expires on the injected clock, and forgotten
// when the platform refuses it. Each platform supplies only the request and the answer's parse
// (dingtalk/token_cache, feishu/token_cache).
#pragma once

#include <expected>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"

namespace gridbot::platforms {

struct FetchedToken {
  std::string token;  // never logged
  Seconds expires_in{};
};

class TokenFlight {
 public:
  // One request to the platform's token endpoint; unexpected: a sentence an admin can act on.
  using Fetch = std::function<boost::asio::awaitable<std::expected<FetchedToken, std::string>>()>;

  TokenFlight(boost::asio::io_context& io, const Clock& clock, Seconds margin, Fetch fetch);
  ~TokenFlight();

  // The cached token, or a fresh one.
  boost::asio::awaitable<std::expected<std::string, std::string>> token();
  // The platform refused `used`: forget it, unless a newer one has replaced it already, so that
  // many rows refused together cause one fetch, not one each.
  void invalidate(const std::string& used);
  int fetches() const { return fetches_; }

 private:
  struct Flight;
  boost::asio::awaitable<std::expected<std::string, std::string>> refresh();

  boost::asio::io_context& io_;
  const Clock& clock_;
  Seconds margin_;
  Fetch fetch_;
  std::string token_;
  Time refresh_at_{};
  std::shared_ptr<Flight> flight_;  // the fetch in flight, which later callers wait for
  int fetches_ = 0;
};

}  // namespace gridbot::platforms
