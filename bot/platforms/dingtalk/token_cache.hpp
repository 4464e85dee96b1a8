// The app's access token for the robot API (PROTOCOLS.md §3.3): POST /v1.0/oauth2/accessToken,
// kept until kTokenRefreshMargin before expireIn runs out, dropped when DingTalk answers HTTP 401
// to it. One fetch at a time per app: concurrent callers wait for the fetch in flight instead of
// starting their own (§0 item 2, refresh stampedes).
// The single flight itself is bot/platforms/token_flight; this file is DingTalk's request and answer.
#pragma once

#include <expected>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"
#include "bot/platforms/token_flight.hpp"

namespace gridbot::dingtalk {

class TokenCache {
 public:
  TokenCache(boost::asio::io_context& io, net::HttpClient& http, const AccountConfig& account, const Clock& clock);

  // The cached token, or a fresh one; unexpected: a sentence an admin can act on (never the secret).
  boost::asio::awaitable<std::expected<std::string, std::string>> token();
  // DingTalk refused `used` (HTTP 401): forget it, unless a newer one has replaced it already, so
  // that many rows refused together cause one fetch, not one each.
  void invalidate(const std::string& used);

  int fetches() const { return flight_.fetches(); }

 private:
  boost::asio::awaitable<std::expected<platforms::FetchedToken, std::string>> fetch_once();

  net::HttpClient& http_;
  const AccountConfig& account_;
  platforms::TokenFlight flight_;
};

}  // namespace gridbot::dingtalk
