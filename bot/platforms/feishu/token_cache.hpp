// The app's tenant_access_token (PROTOCOLS.md §2.2): POST
// /open-apis/auth/v3/tenant_access_token/internal, kept until kTokenRefreshMargin (3 min) before
// `expire` runs out, dropped when Feishu answers 99991663/99991664 to it. One fetch at a time per
// app: concurrent callers wait for the fetch in flight instead of starting their own (§0 item 2).
// The same single-flight shape as DingTalk's token_cache; only the request and the answer differ.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/feishu/account_config.hpp"

namespace gridbot::feishu {

class TokenCache {
 public:
  TokenCache(boost::asio::io_context& io, net::HttpClient& http, const AccountConfig& account, const Clock& clock);
  ~TokenCache();

  // The cached token, or a fresh one; unexpected: a sentence an admin can act on (never the secret).
  boost::asio::awaitable<std::expected<std::string, std::string>> token();
  // Feishu refused `used`: forget it, unless a newer one has replaced it already, so that many
  // rows refused together cause one fetch, not one each.
  void invalidate(const std::string& used);

  int fetches() const { return fetches_; }

 private:
  struct Flight;
  boost::asio::awaitable<std::expected<std::string, std::string>> fetch();

  boost::asio::io_context& io_;
  net::HttpClient& http_;
  const AccountConfig& account_;
  const Clock& clock_;
  std::string token_;  // never logged
  Time refresh_at_{};
  std::shared_ptr<Flight> flight_;  // the fetch in flight, which later callers wait for
  int fetches_ = 0;
};

}  // namespace gridbot::feishu
