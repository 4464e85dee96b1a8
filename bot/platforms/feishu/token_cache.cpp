#include "bot/platforms/feishu/token_cache.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/log.hpp"
#include "bot/platforms/feishu/api_answer.hpp"
#include "bot/platforms/feishu/outgoing.hpp"

namespace gridbot::feishu {

namespace asio = boost::asio;

// Waiters sleep on the timer until the fetcher cancels it, then read the result.
struct TokenCache::Flight {
  explicit Flight(asio::io_context& io) : done(io, asio::steady_timer::time_point::max()) {}
  asio::steady_timer done;
  std::expected<std::string, std::string> result = std::unexpected(std::string("the token fetch was interrupted"));
};

TokenCache::TokenCache(asio::io_context& io, net::HttpClient& http, const AccountConfig& account, const Clock& clock)
    : io_(io), http_(http), account_(account), clock_(clock) {}

TokenCache::~TokenCache() = default;

void TokenCache::invalidate(const std::string& used) {
  if (used == token_) token_.clear();
}

asio::awaitable<std::expected<std::string, std::string>> TokenCache::token() {
  if (!token_.empty() && clock_.now() < refresh_at_) co_return token_;
  if (auto flight = flight_) {
    boost::system::error_code ec;
    co_await flight->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return flight->result;
  }
  co_return co_await fetch();
}

asio::awaitable<std::expected<std::string, std::string>> TokenCache::fetch() {
  auto flight = std::make_shared<Flight>(io_);
  flight_ = flight;
  ++fetches_;
  net::HttpRequest request;
  request.method = "POST";
  request.url = account_.api_base_url + "/open-apis/auth/v3/tenant_access_token/internal";
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.body = tenant_token_request(account_.app_id, account_.app_secret);
  try {
    net::HttpResponse response = co_await http_.request(std::move(request));
    auto parsed = parse_tenant_token(response.status, response.body);
    if (parsed) {
      token_ = parsed->token;
      refresh_at_ = clock_.now() + std::max(parsed->expires_in - kTokenRefreshMargin, Seconds(0));
      flight->result = token_;
    } else {
      log::warn("feishu", "account {}: {}", account_.name, parsed.error());
      flight->result = std::unexpected(parsed.error());
    }
  } catch (const std::exception& e) {
    flight->result = std::unexpected("Feishu's token endpoint did not answer: " + std::string(e.what()));
  }
  flight_.reset();
  flight->done.cancel();
  co_return flight->result;
}

}  // namespace gridbot::feishu
