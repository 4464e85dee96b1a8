// A WebSocket server on 127.0.0.1 for WebSocket's tests, on its own thread, plain or TLS. It
// echoes every message with its type (text or binary); on the text "close please" it closes
// with code 4001 and reason "going away". It keeps the handshake's headers.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "bot/awaitable.hpp"

namespace gridbot::testing {

class LoopbackWebSocketServer {
 public:
  // TLS when `tls` is given; it must outlive the server.
  explicit LoopbackWebSocketServer(boost::asio::ssl::context* tls = nullptr);
  ~LoopbackWebSocketServer();
  std::uint16_t port() const { return port_; }
  std::string handshake_header(const std::string& name) const;

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);
  template <class Stream>
  boost::asio::awaitable<void> echo(Stream& stream);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ssl::context* tls_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> handshake_headers_;
  std::thread thread_;
};

}  // namespace gridbot::testing
