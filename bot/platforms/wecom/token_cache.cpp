#include "bot/platforms/wecom/token_cache.hpp"

#include <algorithm>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/net/url.hpp"

namespace gridbot::wecom {

namespace asio = boost::asio;

namespace {

// Refresh this long before WeCom's expiry: a token handed out just before it lapses would fail
// in flight. At most half the lifetime, so a short-lived token is still used.
Seconds refresh_margin(Seconds lifetime) { return std::min(Seconds(300), lifetime / 2); }

ApiAnswer retry_answer(std::string advice) {
  ApiAnswer answer;
  answer.kind = ApiAnswer::Kind::retry;
  answer.advice = std::move(advice);
  return answer;
}

}  // namespace

TokenCache::TokenCache(net::HttpClient& http, const Clock& clock, std::string api_base_url, std::string corp_id,
                       std::string secret)
    : http_(http),
      clock_(clock),
      api_base_url_(std::move(api_base_url)),
      corp_id_(std::move(corp_id)),
      secret_(std::move(secret)),
      last_fetch_(std::unexpected(retry_answer("no token fetched yet"))) {}

void TokenCache::invalidate(std::string_view used) {
  if (used.empty() || used == token_) {
    token_.clear();
    fresh_until_ = {};
  }
}

asio::awaitable<std::expected<std::string, ApiAnswer>> TokenCache::token() {
  if (!token_.empty() && clock_.now() < fresh_until_) co_return token_;
  if (fetching_) {
    // Single flight: wait for the fetch in flight and share its outcome, success or refusal.
    asio::steady_timer woken(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
    waiting_.push_back(&woken);
    boost::system::error_code ignored;
    co_await woken.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    co_return last_fetch_;
  }
  fetching_ = true;
  auto fetched = co_await fetch();
  last_fetch_ = fetched;
  fetching_ = false;
  for (auto* waiter : waiting_) waiter->cancel();
  waiting_.clear();
  co_return fetched;
}

asio::awaitable<std::expected<std::string, ApiAnswer>> TokenCache::fetch() {
  ++fetches_;
  net::HttpRequest request;
  request.url = api_base_url_ + "/cgi-bin/gettoken?corpid=" + net::percent_encode(corp_id_) +
                "&corpsecret=" + net::percent_encode(secret_);
  net::HttpResponse response;
  try {
    auto answered = co_await http_.request(std::move(request));
    response = std::move(answered);
  } catch (const net::TransportError& e) {
    // e.what() shows the URL without its query, so without the secret.
    co_return std::unexpected(retry_answer(std::string("gettoken got no answer: ") + e.what()));
  }
  ApiAnswer answer = classify_api_answer(response.status, response.body);
  if (answer.kind == ApiAnswer::Kind::token_expired) answer.kind = ApiAnswer::Kind::retry;  // cannot happen here
  if (answer.kind != ApiAnswer::Kind::ok) co_return std::unexpected(std::move(answer));
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  const auto token = body.value("access_token", nlohmann::json());
  const auto expires_in = body.value("expires_in", nlohmann::json());
  if (!token.is_string() || token.get<std::string>().empty() || !expires_in.is_number_integer() ||
      expires_in.get<long long>() <= 0)
    co_return std::unexpected(retry_answer("gettoken answered errcode 0 without access_token and expires_in"));
  const Seconds lifetime(expires_in.get<long long>());
  token_ = token.get<std::string>();
  fresh_until_ = clock_.now() + lifetime - refresh_margin(lifetime);
  co_return token_;
}

}  // namespace gridbot::wecom
