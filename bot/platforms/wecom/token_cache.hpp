// A self-built app's access_token (PROTOCOLS.md §1.6): fetched with gettoken (corpid + the app's
// secret), kept until shortly before expires_in, on the injected clock. Concurrent senders that
// find no token wait for the one fetch in flight (gettoken is rate-limited, §0 item 2). A token
// WeCom calls invalid or expired (40014, 42001) is invalidated so the next call fetches once.
// The token and the gettoken URL are secrets: neither is ever logged or put in an error.
#pragma once

#include <cstddef>
#include <deque>
#include <expected>
#include <string>
#include <string_view>

#include "bot/awaitable.hpp"
#include <boost/asio/steady_timer.hpp>

#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/wecom/api_answer.hpp"

namespace gridbot::wecom {

class TokenCache {
 public:
  // `api_base_url` without a trailing slash, e.g. https://qyapi.weixin.qq.com.
  TokenCache(net::HttpClient& http, const Clock& clock, std::string api_base_url, std::string corp_id,
             std::string secret);

  // The cached token, or one fetched now; WeCom's refusal (40001 a wrong secret, 60020 an
  // untrusted IP, a cut connection as retry) otherwise. Never throws for the network.
  boost::asio::awaitable<std::expected<std::string, ApiAnswer>> token();
  // Forget `used` if it is still the cached token: a request made with it was refused as
  // invalid or expired. Requests that raced with an earlier refresh hold an older token and do
  // not throw away the fresh one. Empty: forget whatever is cached.
  void invalidate(std::string_view used = {});
  // gettoken calls made so far (tests and /healthz-style counters).
  std::size_t fetches() const { return fetches_; }

 private:
  boost::asio::awaitable<std::expected<std::string, ApiAnswer>> fetch();

  net::HttpClient& http_;
  const Clock& clock_;
  std::string api_base_url_;
  std::string corp_id_;
  std::string secret_;
  std::string token_;
  Time fresh_until_{};
  bool fetching_ = false;
  std::deque<boost::asio::steady_timer*> waiting_;  // woken when the fetch in flight ends
  std::expected<std::string, ApiAnswer> last_fetch_;
  std::size_t fetches_ = 0;
};

}  // namespace gridbot::wecom
