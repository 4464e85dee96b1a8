#include "bot/platforms/feishu/token_cache.hpp"

#include "bot/log.hpp"
#include "bot/platforms/feishu/api_answer.hpp"
#include "bot/platforms/feishu/outgoing.hpp"

namespace gridbot::feishu {

namespace asio = boost::asio;

TokenCache::TokenCache(asio::io_context& io, net::HttpClient& http, const AccountConfig& account, const Clock& clock)
    : http_(http), account_(account), flight_(io, clock, kTokenRefreshMargin, [this] { return fetch_once(); }) {}

asio::awaitable<std::expected<std::string, std::string>> TokenCache::token() { return flight_.token(); }

void TokenCache::invalidate(const std::string& used) { flight_.invalidate(used); }

asio::awaitable<std::expected<platforms::FetchedToken, std::string>> TokenCache::fetch_once() {
  net::HttpRequest request;
  request.method = "POST";
  request.url = account_.api_base_url + "/open-apis/auth/v3/tenant_access_token/internal";
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.body = tenant_token_request(account_.app_id, account_.app_secret);
  try {
    net::HttpResponse response = co_await http_.request(std::move(request));
    auto parsed = parse_tenant_token(response.status, response.body);
    if (parsed) co_return platforms::FetchedToken{parsed->token, parsed->expires_in};
    log::warn("feishu", "account {}: {}", account_.name, parsed.error());
    co_return std::unexpected(parsed.error());
  } catch (const std::exception& e) {
    co_return std::unexpected("Feishu's token endpoint did not answer: " + std::string(e.what()));
  }
}

}  // namespace gridbot::feishu
