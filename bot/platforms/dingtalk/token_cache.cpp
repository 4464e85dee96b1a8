#include "bot/platforms/dingtalk/token_cache.hpp"

#include "bot/log.hpp"
#include "bot/platforms/dingtalk/api_answer.hpp"

namespace gridbot::dingtalk {

namespace asio = boost::asio;

TokenCache::TokenCache(asio::io_context& io, net::HttpClient& http, const AccountConfig& account, const Clock& clock)
    : http_(http), account_(account), flight_(io, clock, kTokenRefreshMargin, [this] { return fetch_once(); }) {}

asio::awaitable<std::expected<std::string, std::string>> TokenCache::token() { return flight_.token(); }

void TokenCache::invalidate(const std::string& used) { flight_.invalidate(used); }

asio::awaitable<std::expected<platforms::FetchedToken, std::string>> TokenCache::fetch_once() {
  net::HttpRequest request;
  request.method = "POST";
  request.url = account_.api_base_url + "/v1.0/oauth2/accessToken";
  request.headers["Content-Type"] = "application/json";
  request.body = access_token_request(account_.client_id, account_.client_secret);
  try {
    net::HttpResponse response = co_await http_.request(std::move(request));
    auto parsed = parse_access_token(response.status, response.body);
    if (parsed) co_return platforms::FetchedToken{parsed->token, parsed->expires_in};
    log::warn("dingtalk", "account {}: {}", account_.name, parsed.error());
    co_return std::unexpected(parsed.error());
  } catch (const std::exception& e) {
    co_return std::unexpected("DingTalk's token endpoint did not answer: " + std::string(e.what()));
  }
}

}  // namespace gridbot::dingtalk
