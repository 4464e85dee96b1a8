#include "bot/http/cross_site_guard.hpp"

#include <algorithm>
#include <cctype>

#include "bot/config.hpp"

namespace gridbot::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "name:port", "[v6]:port" or "name" → "name" ("::1" for a bracketed v6 address).
std::string host_name(std::string_view host) {
  if (host.starts_with('[')) {
    auto close = host.find(']');
    return close == std::string_view::npos ? std::string() : lower(host.substr(1, close - 1));
  }
  return lower(host.substr(0, host.find(':')));
}

bool is_json(std::string_view content_type) {
  auto media = lower(content_type.substr(0, content_type.find(';')));
  media.erase(std::remove(media.begin(), media.end(), ' '), media.end());
  return media == "application/json";
}

}  // namespace

std::optional<http::Response> refuse_cross_origin_write(const http::Request& request) {
  using http::beast_http::field;
  if (request.method() == http::Verb::get || request.method() == http::Verb::head) return std::nullopt;
  const std::string_view fetch_site = request["Sec-Fetch-Site"];
  if (!fetch_site.empty() && lower(fetch_site) != "same-origin")
    return http::error_response(http::Status::forbidden, "cross-site writes are refused (Sec-Fetch-Site: " +
                                                             std::string(fetch_site) + ")");
  const std::string_view host = request[field::host];
  const std::string_view origin = request[field::origin];
  if (!origin.empty() && lower(origin) != "http://" + lower(host) && lower(origin) != "https://" + lower(host))
    return http::error_response(http::Status::forbidden, "cross-origin writes are refused (Origin: " + std::string(origin) + ")");
  return std::nullopt;
}

CrossSiteGuard::CrossSiteGuard(std::vector<std::string> hosts) {
  for (auto& h : hosts) hosts_.push_back(host_name(h));
}

std::optional<http::Response> CrossSiteGuard::refuse(const http::Request& request) const {
  using http::beast_http::field;
  const std::string_view host = request[field::host];
  const std::string name = host_name(host);
  if (name.empty() || (!is_loopback_host(name) && std::ranges::find(hosts_, name) == hosts_.end()))
    return http::error_response(http::Status::forbidden,
                                "Host '" + std::string(host) + "' is not this service's address (DNS rebinding?)");
  if (request.method() == http::Verb::get || request.method() == http::Verb::head) return std::nullopt;
  if (auto refused = refuse_cross_origin_write(request)) return refused;
  // An empty body writes nothing (the parser answers 400), so it needs no Content-Type.
  if (!request.body().empty() && !is_json(request[field::content_type]))
    return http::error_response(http::Status::forbidden, "writes must be sent as Content-Type: application/json");
  return std::nullopt;
}

http::Handler CrossSiteGuard::wrap(http::Handler handler) const {
  return [this, handler = std::move(handler)](const http::Request& request, const http::Params& params) {
    if (auto refused = refuse(request)) return std::move(*refused);
    return handler(request, params);
  };
}

// The same for a handler that awaits its commit. The guard's answer comes before anything is
// parsed or queued for the writer.
http::AsyncHandler CrossSiteGuard::wrap_async(http::AsyncHandler handler) const {
  return [this, handler = std::move(handler)](const http::Request& request,
                                              const http::Params& params) -> boost::asio::awaitable<http::Response> {
    if (auto refused = refuse(request)) co_return std::move(*refused);
    co_return co_await handler(request, params);
  };
}

}  // namespace gridbot::http
