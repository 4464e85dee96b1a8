#include "tests/net/loopback_websocket_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace gridbot::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;

LoopbackWebSocketServer::LoopbackWebSocketServer(asio::ssl::context* tls)
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), tls_(tls) {
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

LoopbackWebSocketServer::~LoopbackWebSocketServer() {
  io_.stop();
  thread_.join();
}

std::string LoopbackWebSocketServer::handshake_header(const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto found = handshake_headers_.find(name);
  return found == handshake_headers_.end() ? "" : found->second;
}

asio::awaitable<void> LoopbackWebSocketServer::accept_loop() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    asio::co_spawn(io_, session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> LoopbackWebSocketServer::session(tcp::socket socket) {
  if (!tls_) {
    websocket::stream<tcp::socket> stream(std::move(socket));
    co_await echo(stream);
    co_return;
  }
  websocket::stream<beast::ssl_stream<tcp::socket>> stream(std::move(socket), *tls_);
  boost::system::error_code ec;
  co_await stream.next_layer().async_handshake(asio::ssl::stream_base::server,
                                               asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) co_await echo(stream);
}

template <class Stream>
asio::awaitable<void> LoopbackWebSocketServer::echo(Stream& stream) {
  boost::system::error_code ec;
  beast::flat_buffer buffer;
  http::request<http::string_body> upgrade;
  co_await http::async_read(stream.next_layer(), buffer, upgrade, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  {
    std::lock_guard lock(mutex_);
    handshake_headers_.clear();
    for (const auto& field : upgrade) handshake_headers_[std::string(field.name_string())] = std::string(field.value());
  }
  co_await stream.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, ec));
  while (!ec) {
    buffer.clear();
    co_await stream.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    const std::string data = beast::buffers_to_string(buffer.data());
    if (!stream.got_binary() && data == "close please") {
      co_await stream.async_close(websocket::close_reason(static_cast<websocket::close_code>(4001), "going away"), asio::redirect_error(asio::use_awaitable, ec));
      break;
    }
    stream.binary(stream.got_binary());
    co_await stream.async_write(asio::buffer(data), asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace gridbot::testing
