// The HTTP server: Beast over Asio C++20 coroutines on the service's one io_context. Every read
// has a deadline and every parser a body limit; stop() drains: no new connections, idle ones
// closed, requests in flight answered. Connections are capped below the process's file limit:
// at the cap the connection idle longest makes room, so a platform callback or /healthz is still
// served while idle sockets hold every slot; out of descriptors, accepting pauses briefly.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
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
  // 0: default_max_connections().
  std::size_t max_connections = 0;
};

// Three quarters of the soft RLIMIT_NOFILE (at most the limit less 64, at least 16): the rest is
// for the database, its journal, and connections the adapters open to their platforms.
std::size_t default_max_connections();

class Server {
 public:
  Server(boost::asio::io_context& io, const Router& router, ServerLimits limits = {});
  // Binds and starts accepting; throws with the address when it cannot bind.
  void listen(const std::string& host, std::uint16_t port);
  std::uint16_t port() const { return port_; }
  void stop();
  std::size_t requests_in_flight() const { return in_flight_; }
  std::size_t connections() const { return connections_->size(); }
  std::size_t max_connections() const { return limits_.max_connections; }

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::beast::tcp_stream stream);
  boost::asio::awaitable<void> linger(boost::beast::tcp_stream& stream);
  boost::asio::awaitable<Response> respond(const Request& request, const std::string& peer);
  // Closes the connection that has waited longest for its next request; false when every
  // connection has a request in flight.
  bool evict_longest_idle();
  boost::asio::awaitable<void> pause(std::chrono::milliseconds how_long);

  struct Connection {
    boost::beast::tcp_stream* stream;
    bool idle;  // waiting for its next request (or its first)
    std::chrono::steady_clock::time_point idle_since;
  };

  boost::asio::io_context& io_;
  const Router& router_;
  ServerLimits limits_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  bool stopping_ = false;
  std::size_t in_flight_ = 0;
  // Shared with every session: a session's frame can be destroyed after the server is (the
  // io_context outlives it), and its last act is to take itself off this list.
  std::shared_ptr<std::list<Connection>> connections_ = std::make_shared<std::list<Connection>>();
};

}  // namespace gridbot::http
