#include "bot/http/server.hpp"

#include <array>
#include <chrono>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "bot/log.hpp"

namespace gridbot::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

Server::Server(asio::io_context& io, const Router& router, ServerLimits limits)
    : io_(io), router_(router), limits_(limits), acceptor_(io) {}

void Server::listen(const std::string& host, std::uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("listen: '" + host + "' is not an IP address");
  tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint, ec);
  if (ec) throw std::runtime_error("listen: cannot bind " + host + ":" + std::to_string(port) + ": " + ec.message());
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

void Server::stop() {
  stopping_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  for (auto* stream : idle_) stream->cancel();
}

asio::awaitable<void> Server::accept_loop() {
  while (!stopping_) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping_) break;
      log::warn("http", "accept failed: {}", ec.message());
      continue;
    }
    asio::co_spawn(io_, session(beast::tcp_stream(std::move(socket))), asio::detached);
  }
}

asio::awaitable<Response> Server::respond(const Request& request) {
  // One of the three catch-all boundaries: a request that throws gets a 500 and a log line.
  // A route that awaits its commit suspends here; the event loop serves other connections.
  try {
    Response response = co_await router_.dispatch(request);
    co_return response;
  } catch (const std::exception& e) {
    log::error("http", "{} {} failed: {}", std::string(request.method_string()), std::string(request.target()), e.what());
  }
  co_return error_response(Status::internal_server_error, "internal error; the request was not applied");
}

asio::awaitable<void> Server::session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  while (!stopping_) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.body_limit(limits_.body_limit);
    parser.header_limit(16 * 1024);
    boost::system::error_code ec;
    stream.expires_after(limits_.read_deadline);
    idle_.insert(&stream);
    co_await beast_http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    idle_.erase(&stream);
    if (ec == beast_http::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout)
      break;

    Response response;
    bool keep_alive = false;
    const bool unread_body = ec == beast_http::error::body_limit || (ec && ec != beast_http::error::partial_message);
    const auto started = std::chrono::steady_clock::now();
    if (ec == beast_http::error::body_limit) {
      response = error_response(Status::payload_too_large, "body exceeds " + std::to_string(limits_.body_limit) + " bytes");
    } else if (ec) {
      response = error_response(Status::bad_request, "malformed HTTP request: " + ec.message());
    } else {
      ++in_flight_;
      const Request& request = parser.get();
      // Not `response = co_await ...`: GCC 12 miscompiles a co_await inside an assignment to a
      // class object that lives in the frame; initializing a new one is sound.
      Response answered = co_await respond(request);
      response = std::move(answered);
      --in_flight_;
      keep_alive = request.keep_alive() && !stopping_;
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      log::info("http", "{} {} {} {:.1f}ms", std::string(request.method_string()), std::string(request.target()),
                static_cast<int>(response.result()), ms);
    }
    response.keep_alive(keep_alive);
    response.prepare_payload();
    stream.expires_after(limits_.write_deadline);
    co_await beast_http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && unread_body) co_await linger(stream);
    if (ec || !keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// A client still sending a body we refused would get a reset, not our 4xx, if we closed now:
// half-close, then read and discard what it sends (bounded in bytes and time) so it can read
// the answer. What Apache calls a lingering close.
asio::awaitable<void> Server::linger(beast::tcp_stream& stream) {
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 16 * 1024> sink;
  std::size_t drained = 0;
  stream.expires_after(std::chrono::seconds(2));
  while (!ec && drained < 8 * limits_.body_limit) {
    drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace gridbot::http
