// Long-connection mode (PROTOCOLS.md §2.3): gridbot dials Feishu, so a server without a public
// address still receives the app's events. One per account in websocket mode.
//
// - POST {api_base_url}/callback/ws/endpoint for a URL and a ClientConfig, a new one for every
//   connection; an answer the official SDK does not retry (1000040350: more than 50 connections,
//   another instance is running; 1, 403, 514) is terminal: an ALERT in the log, and no more dials.
// - The WebSocket carries binary pbbp2 frames. A ping (control, type=ping) goes out every
//   PingInterval; each pong's payload is a ClientConfig that replaces the current one.
// - Data frames of one message are reassembled (message_id, sum, seq); the event goes to the
//   pipeline and the frame that completed it is acked {"code":200} only after the inbox commit (a
//   crash before costs a redelivery, never a message); a redelivered one gets the same ack.
// - Reconnects wait per ClientConfig: a random part of ReconnectNonce, then ReconnectInterval, at
//   most ReconnectCount times in a row (−1: for ever); a connection that delivered a frame resets
//   the count.
// - A watchdog of its own (§0 item 5): nothing received for two ping intervals means a dead
//   connection: closed and dialed again.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <random>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/net/http_client.hpp"
#include "bot/net/websocket.hpp"
#include "bot/platforms/feishu/account_config.hpp"
#include "bot/platforms/feishu/fragments.hpp"
#include "bot/platforms/feishu/intake.hpp"
#include "bot/platforms/feishu/long_connection_frames.hpp"

namespace gridbot::feishu {

class LongConnection {
 public:
  LongConnection(boost::asio::io_context& io, const AccountConfig& account, Intake& intake, net::HttpClient& http);
  ~LongConnection();

  // Starts dialing on the event loop; stop() closes the socket and ends the loop.
  void start();
  void stop();

  bool connected() const { return socket_ != nullptr; }
  int connections() const { return connections_; }  // WebSockets opened so far
  bool gave_up() const { return gave_up_; }           // a terminal endpoint answer, or ReconnectCount spent

 private:
  using Socket = std::shared_ptr<net::WebSocket>;
  boost::asio::awaitable<void> run();
  // The endpoint, or nullopt after a terminal refusal (alerted); throws on a retryable failure.
  boost::asio::awaitable<std::optional<Endpoint>> open_endpoint();
  boost::asio::awaitable<void> session(const Socket& socket, std::int32_t service_id);
  boost::asio::awaitable<void> pinger(Socket socket, std::int32_t service_id, std::uint64_t generation);
  boost::asio::awaitable<void> take_event(Socket socket, Frame frame, std::string payload,
                                          std::chrono::steady_clock::time_point started);
  boost::asio::awaitable<void> write(net::WebSocket& socket, std::string frame);
  void close(const Socket& socket);

  boost::asio::io_context& io_;
  const AccountConfig& account_;
  Intake& intake_;
  net::HttpClient& http_;
  ClientConfig config_;
  FragmentAssembler fragments_;
  Socket socket_;
  boost::asio::steady_timer wait_;   // between dials
  boost::asio::steady_timer pings_;  // between pings
  std::chrono::steady_clock::time_point last_frame_{};
  std::mt19937 random_;
  std::uint64_t generation_ = 0;  // one per connection: the pinger of an old one stops
  int attempt_ = 0;               // dials since a connection last delivered a frame
  int connections_ = 0;
  bool stopped_ = true;
  bool running_ = false;
  bool gave_up_ = false;
};

}  // namespace gridbot::feishu
