// The HTTP server: Beast over Asio C++20 coroutines on the service's one io_context. Every read
// has a deadline and every parser a body limit; stop() drains: no new connections, idle ones
// closed, requests in flight answered.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/awaitable.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "bot/http/router.hpp"

namespace gridbot::http {

struct ServerLimits {
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds read_deadline{30};
  std::chrono::seconds write_deadline{30};
};

class Server {
 public:
  Server(boost::asio::io_context& io, const Router& router, ServerLimits limits = {});
  // Binds and starts accepting; throws with the address when it cannot bind.
  void listen(const std::string& host, std::uint16_t port);
  std::uint16_t port() const { return port_; }
  void stop();
  std::size_t requests_in_flight() const { return in_flight_; }

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::beast::tcp_stream stream);
  boost::asio::awaitable<void> linger(boost::beast::tcp_stream& stream);
  boost::asio::awaitable<Response> respond(const Request& request);

  boost::asio::io_context& io_;
  const Router& router_;
  ServerLimits limits_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  bool stopping_ = false;
  std::size_t in_flight_ = 0;
  std::set<boost::beast::tcp_stream*> idle_;  // connections waiting for their next request
};

}  // namespace gridbot::http
