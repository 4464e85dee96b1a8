#include "bot/http/server.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "bot/log.hpp"

namespace gridbot::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

namespace {

using steady = std::chrono::steady_clock;

bool out_of_descriptors(const boost::system::error_code& ec) {
  return ec == asio::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system;
}

}  // namespace

std::size_t default_max_connections() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 10000;
  const auto soft = static_cast<std::size_t>(limit.rlim_cur);
  return std::max<std::size_t>(16, std::min(soft * 3 / 4, soft > 64 ? soft - 64 : 0));
}

Server::Server(asio::io_context& io, const Router& router, ServerLimits limits)
    : io_(io), router_(router), limits_(limits), acceptor_(io) {
  if (limits_.max_connections == 0) limits_.max_connections = default_max_connections();
}

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
  for (auto& c : *connections_)
    if (c.idle) c.stream->cancel();
}

bool Server::evict_longest_idle() {
  auto victim = connections_->end();
  for (auto it = connections_->begin(); it != connections_->end(); ++it)
    if (it->idle && (victim == connections_->end() || it->idle_since < victim->idle_since)) victim = it;
  if (victim == connections_->end()) return false;
  victim->idle = false;  // chosen once: its session closes it on its next turn
  victim->stream->cancel();
  return true;
}

asio::awaitable<void> Server::pause(std::chrono::milliseconds how_long) {
  asio::steady_timer timer(io_);
  timer.expires_after(how_long);
  boost::system::error_code ignored;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

asio::awaitable<void> Server::accept_loop() {
  // Every condition below can repeat per attempt; each is written at most once a minute.
  log::Throttle no_descriptors(std::chrono::minutes(1)), at_cap(std::chrono::minutes(1)), other(std::chrono::minutes(1));
  while (!stopping_) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_) break;
    if (out_of_descriptors(ec)) {
      // The connection stays in the listen backlog; free a descriptor and come back for it.
      const bool evicted = evict_longest_idle();
      if (no_descriptors.allow(steady::now()))
        log::warn("http", "out of file descriptors with {} connections open ({}); {} ({} more like this since the last line)",
                  connections_->size(), ec.message(), evicted ? "closed the longest-idle one" : "pausing accept",
                  no_descriptors.suppressed());
      co_await pause(std::chrono::milliseconds(evicted ? 10 : 100));
      continue;
    }
    if (ec) {
      if (other.allow(steady::now()))
        log::warn("http", "accept failed: {} ({} more since the last line)", ec.message(), other.suppressed());
      co_await pause(std::chrono::milliseconds(10));
      continue;
    }
    if (connections_->size() >= limits_.max_connections) {
      const bool evicted = evict_longest_idle();
      if (at_cap.allow(steady::now()))
        log::warn("http", "at the cap of {} connections: {} ({} more since the last line)", limits_.max_connections,
                  evicted ? "closing the longest-idle one for each new one" : "all busy, refusing new ones",
                  at_cap.suppressed());
      if (!evicted) {
        socket.close(ec);  // every connection has a request in flight: refuse rather than exceed the cap
        continue;
      }
    }
    asio::co_spawn(io_, session(beast::tcp_stream(std::move(socket))), asio::detached);
  }
}

asio::awaitable<Response> Server::respond(const Request& request, const std::string& peer) {
  // One of the three catch-all boundaries: a request that throws gets a 500 and a log line.
  // A route that awaits its commit suspends here; the event loop serves other connections.
  try {
    Response response = co_await router_.dispatch(request, peer);
    co_return response;
  } catch (const std::exception& e) {
    log::error("http", "{} {} failed: {}", std::string(request.method_string()), std::string(request.target()), e.what());
  }
  co_return error_response(Status::internal_server_error, "internal error; the request was not applied");
}

asio::awaitable<void> Server::session(beast::tcp_stream stream) {
  const auto self = connections_->insert(connections_->end(), Connection{&stream, false, steady::now()});
  struct Unregister {
    std::shared_ptr<std::list<Connection>> all;
    std::list<Connection>::iterator it;
    ~Unregister() { all->erase(it); }
  } unregister{connections_, self};
  boost::system::error_code peer_ec;
  const auto remote = stream.socket().remote_endpoint(peer_ec);
  // An IPv4 client on a dual-stack socket is one address, not two.
  const auto remote_address = remote.address().is_v6() && remote.address().to_v6().is_v4_mapped()
                                  ? asio::ip::address(asio::ip::make_address_v4(asio::ip::v4_mapped, remote.address().to_v6()))
                                  : remote.address();
  const std::string peer = peer_ec ? std::string() : remote_address.to_string();
  beast::flat_buffer buffer;
  bool evicted = false;
  while (!stopping_ && !evicted) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.body_limit(limits_.body_limit);
    parser.header_limit(16 * 1024);
    boost::system::error_code ec;
    stream.expires_after(limits_.read_deadline);
    *self = Connection{&stream, true, steady::now()};
    co_await beast_http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    evicted = !self->idle;
    self->idle = false;
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
      Response answered = co_await respond(request, peer);
      response = std::move(answered);
      --in_flight_;
      keep_alive = request.keep_alive() && !stopping_ && !evicted;
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
