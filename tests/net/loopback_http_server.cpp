#include "tests/net/loopback_http_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace gridbot::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

LoopbackHttpServer::LoopbackHttpServer(asio::ssl::context* tls, Route route)
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), tls_(tls), route_(std::move(route)) {
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  io_.stop();
  thread_.join();
}

std::string LoopbackHttpServer::last_body() const {
  std::lock_guard lock(mutex_);
  return last_body_;
}

std::string LoopbackHttpServer::last_header(const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto found = last_headers_.find(name);
  return found == last_headers_.end() ? "" : found->second;
}

asio::awaitable<void> LoopbackHttpServer::accept_loop() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    ++connections_;
    asio::co_spawn(io_, session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> LoopbackHttpServer::session(tcp::socket socket) {
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);  // as a real server: no Nagle wait between TLS records
  if (!tls_) {
    co_await serve(socket, socket);
    co_return;
  }
  beast::ssl_stream<tcp::socket&> stream(socket, *tls_);
  boost::system::error_code ec;
  co_await stream.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await serve(stream, socket);
}

template <class Stream>
asio::awaitable<void> LoopbackHttpServer::serve(Stream& stream, tcp::socket& socket) {
  beast::flat_buffer buffer;
  for (int served = 1;; ++served) {
    http::request<http::string_body> request;
    boost::system::error_code ec;
    co_await http::async_read(stream, buffer, request, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    {
      std::lock_guard lock(mutex_);
      last_body_ = request.body();
      last_headers_.clear();
      for (const auto& field : request) last_headers_[std::string(field.name_string())] = std::string(field.value());
    }
    const std::string target(request.target());
    if (route_) {
      Response answer = route_(request);
      answer.keep_alive(request.keep_alive());
      answer.prepare_payload();
      co_await http::async_write(stream, answer, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !request.keep_alive()) co_return;
      continue;
    }
    if (target == "/never") {
      asio::steady_timer forever(io_, std::chrono::hours(1));
      co_await forever.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      co_return;
    }
    if (target == "/drop-second" && served > 1) co_return;
    http::response<http::string_body> response{http::status::ok, 11};
    response.keep_alive(request.keep_alive());
    if (target == "/echo") {
      response.body() = request.body();
      response.set("x-got-content-type", request[http::field::content_type]);
    } else if (target == "/status/500") {
      response.result(http::status::internal_server_error);
      response.body() = "boom";
    } else if (target == "/big" || target == "/big-chunked") {
      response.body() = std::string(2 * 1024 * 1024, 'x');
    } else {
      response.body() = target == "/chunked" ? "sent in chunks" : "hello";
    }
    if (target == "/chunked" || target == "/big-chunked") response.chunked(true);
    else response.prepare_payload();
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !request.keep_alive() || target == "/close-after") {
      socket.close(ec);
      co_return;
    }
  }
}

}  // namespace gridbot::testing
