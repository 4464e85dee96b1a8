// The app's tenant_access_token (PROTOCOLS.md §2.2): POST
// /open-apis/auth/v3/tenant_access_token/internal, kept until kTokenRefreshMargin (3 min) before
// `expire` runs out, dropped when Feishu answers 99991663/99991664 to it. One fetch at a time per
// app: concurrent callers wait for the fetch in flight instead of starting their own (§0 item 2).
// The single flight itself is bot/platforms/token_flight; this file is Feishu's request and answer.
#pragma once

#include <expected>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/feishu/account_config.hpp"
#include "bot/platforms/token_flight.hpp"

namespace gridbot::feishu {

class TokenCache {
 public:
  TokenCache(boost::asio::io_context& io, net::HttpClient& http, const AccountConfig& account, const Clock& clock);

  // The cached token, or a fresh one; unexpected: a sentence an admin can act on (never the secret).
  boost::asio::awaitable<std::expected<std::string, std::string>> token();
  // Feishu refused `used`: forget it, unless a newer one has replaced it already, so that many
  // rows refused together cause one fetch, not one each.
  void invalidate(const std::string& used);

  int fetches() const { return flight_.fetches(); }

 private:
  boost::asio::awaitable<std::expected<platforms::FetchedToken, std::string>> fetch_once();

  net::HttpClient& http_;
  const AccountConfig& account_;
  platforms::TokenFlight flight_;
};

}  // namespace gridbot::feishu
