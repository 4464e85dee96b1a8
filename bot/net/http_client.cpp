#include "bot/net/http_client.hpp"

#include <cctype>
#include <optional>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>

#include "bot/net/connection_pool.hpp"
#include "bot/net/dial.hpp"
#include "bot/net/url.hpp"

namespace gridbot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using steady = std::chrono::steady_clock;

namespace {

using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

// Repeating these cannot do anything twice (RFC 9110 §9.2.2), so a cut connection may resend them.
bool idempotent(http::verb verb) {
  return verb == http::verb::get || verb == http::verb::head || verb == http::verb::put ||
         verb == http::verb::delete_ || verb == http::verb::options;
}

struct Exchange {
  boost::system::error_code ec;
  bool wrote_nothing = false;   // the write failed before a byte went out
  bool answer_started = false;  // some of an answer arrived
  std::optional<BeastResponse> response;
};

template <class Stream>
asio::awaitable<Exchange> exchange(Stream& stream, beast::tcp_stream& tcp, beast::flat_buffer& buffer,
                                   const BeastRequest& request, std::size_t max_response_bytes, Deadline deadline) {
  Exchange out;
  tcp.expires_at(deadline);
  const std::size_t written =
      co_await http::async_write(stream, request, asio::redirect_error(asio::use_awaitable, out.ec));
  if (out.ec) {
    out.wrote_nothing = written == 0;
    co_return out;
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_response_bytes);
  parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(max_response_bytes, 64 * 1024)));
  if (request.method() == http::verb::head) parser.skip(true);
  // The header on its own first: Beast 1.74's eager parse (what async_read does) loses the
  // body_limit error of a Content-Length over the limit when body bytes came in the same read.
  co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, out.ec));
  if (!out.ec && !parser.is_done())
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, out.ec));
  out.answer_started = parser.got_some();
  if (!out.ec) out.response = parser.release();
  co_return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

HttpResponse convert(const BeastResponse& response) {
  HttpResponse out;
  out.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    auto [it, fresh] = out.headers.try_emplace(lower(field.name_string()), std::string(field.value()));
    if (!fresh) it->second += ", " + std::string(field.value());  // repeated fields are one list
  }
  out.body = response.body();
  return out;
}

}  // namespace

struct HttpClient::Impl {
  asio::io_context& io;
  HttpClientOptions options;
  asio::ssl::context tls_context;
  ConnectionPool pool;

  Impl(asio::io_context& io_, HttpClientOptions options_)
      : io(io_),
        options(std::move(options_)),
        tls_context(make_tls_context(options.ca_file)),
        pool(options.max_idle_per_host, options.max_idle_time) {}

  asio::awaitable<std::unique_ptr<Connection>> open(const Url& url, Deadline deadline) {
    auto connection = std::make_unique<Connection>();
    const Deadline connect_deadline = std::min(deadline, steady::now() + options.connect_timeout);
    if (url.secure) {
      connection->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, tls_context);
      co_await dial(connection->tcp(), url, connect_deadline);
      co_await handshake_tls(*connection->tls, url, connect_deadline);
    } else {
      connection->plain = std::make_unique<beast::tcp_stream>(io);
      co_await dial(connection->tcp(), url, connect_deadline);
    }
    co_return connection;
  }

  asio::awaitable<Exchange> run(Connection& connection, const BeastRequest& request, Deadline deadline) {
    if (connection.tls)
      co_return co_await exchange(*connection.tls, connection.tcp(), connection.buffer, request,
                                  options.max_response_bytes, deadline);
    co_return co_await exchange(*connection.plain, connection.tcp(), connection.buffer, request,
                                options.max_response_bytes, deadline);
  }
};

HttpClient::HttpClient(asio::io_context& io, HttpClientOptions options)
    : impl_(std::make_unique<Impl>(io, std::move(options))) {}

HttpClient::~HttpClient() = default;

asio::awaitable<HttpResponse> HttpClient::request(HttpRequest request) {
  const Url url = parse_url(request.url);
  if (url.scheme != "http" && url.scheme != "https")
    throw std::invalid_argument("HttpClient: '" + url.scheme + "' URLs are WebSocket's");
  const http::verb verb = http::string_to_verb(request.method);
  if (verb == http::verb::unknown) throw std::invalid_argument("HttpClient: unknown method '" + request.method + "'");

  BeastRequest beast_request{verb, url.target, 11};
  beast_request.set(http::field::host, url.host_header());
  beast_request.set(http::field::user_agent, "gridbot");
  for (const auto& [name, value] : request.headers) beast_request.set(name, value);
  beast_request.body() = std::move(request.body);
  beast_request.keep_alive(true);
  beast_request.prepare_payload();

  const Deadline deadline = steady::now() + request.timeout;
  const std::string key = url.scheme + "://" + url.host_header();
  const std::string where = std::string(request.method) + " " + url.redacted();
  for (int attempt = 0;; ++attempt) {
    // The retry takes a fresh connection: a second parked one may be as stale as the first.
    std::unique_ptr<Connection> connection = attempt == 0 ? impl_->pool.take(key) : nullptr;
    const bool reused = connection != nullptr;
    if (!connection) connection = co_await impl_->open(url, deadline);
    Exchange done = co_await impl_->run(*connection, beast_request, deadline);
    if (done.response) {
      HttpResponse answer = convert(*done.response);
      if (done.response->keep_alive()) impl_->pool.park(key, std::move(connection));
      co_return answer;
    }
    const auto& ec = done.ec;
    if (ec == http::error::body_limit)
      throw TransportError(where + ": the answer exceeds " + std::to_string(impl_->options.max_response_bytes) + " bytes");
    if (ec == beast::error::timeout) throw TransportError(where + ": no answer within " +
                                                          std::to_string(request.timeout.count()) + " ms");
    // A parked connection the server had closed: the request may not have reached it, but it may
    // have, so only what is safe to repeat is repeated, once.
    const bool stale = reused && !done.answer_started;
    if (attempt == 0 && stale && (idempotent(verb) || done.wrote_nothing) && steady::now() < deadline) continue;
    throw TransportError(where + ": " + (stale ? "the kept-alive connection was closed: " : "") + ec.message());
  }
}

}  // namespace gridbot::net
