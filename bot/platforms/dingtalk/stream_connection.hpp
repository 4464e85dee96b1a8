// Stream mode (PROTOCOLS.md §3.3): gridbot dials DingTalk, so a server without a public address
// still receives the robot's messages. One per account in stream mode.
//
// - POST {api_base_url}/v1.0/gateway/connections/open for an endpoint and a ticket, a new ticket
//   for every connection (a ticket is good for one), then the WebSocket endpoint?ticket=….
// - SYSTEM ping is answered at once by echoing its headers and data; SYSTEM disconnect closes the
//   socket and dials again with a new ticket.
// - A CALLBACK on /v1.0/im/bot/messages/get goes to the pipeline and is acked only after its inbox
//   commit (a crash before costs a redelivery, never a message); a redelivered one gets the same
//   ack. Other callbacks and events are acked at once: gridbot has nothing to do with them.
// - Reconnects back off 1 s doubling to 60 s, with jitter, and start again at 1 s once a
//   connection has delivered a frame.
// - A watchdog of its own (§0 item 5): a connection silent for `silence_limit` is taken for dead,
//   closed and dialed again. DingTalk pings every connection, so silence means a dead one.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <random>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/net/http_client.hpp"
#include "bot/net/websocket.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"
#include "bot/platforms/dingtalk/intake.hpp"
#include "bot/platforms/dingtalk/stream_frames.hpp"

namespace gridbot::dingtalk {

struct StreamTiming {
  std::chrono::milliseconds silence_limit{90'000};
};

class StreamConnection {
 public:
  StreamConnection(boost::asio::io_context& io, const AccountConfig& account, Intake& intake, net::HttpClient& http,
                   StreamTiming timing = {});
  ~StreamConnection();

  // Starts dialing on the event loop; stop() closes the socket and ends the loop.
  void start();
  void stop();

  bool connected() const { return socket_ != nullptr; }
  int connections() const { return connections_; }  // WebSockets opened so far

 private:
  using Socket = std::shared_ptr<net::WebSocket>;
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<StreamTicket> open_ticket();
  boost::asio::awaitable<void> session(const Socket& socket);
  boost::asio::awaitable<void> watchdog(Socket socket, std::uint64_t generation);
  boost::asio::awaitable<void> take_robot_message(Socket socket, StreamFrame frame);
  boost::asio::awaitable<void> answer(net::WebSocket& socket, const std::string& frame);
  void close(const Socket& socket);

  boost::asio::io_context& io_;
  const AccountConfig& account_;
  Intake& intake_;
  net::HttpClient& http_;
  StreamTiming timing_;
  Socket socket_;
  boost::asio::steady_timer wait_;      // between dials
  boost::asio::steady_timer watchdog_;  // between liveness checks
  std::chrono::steady_clock::time_point last_frame_{};
  std::mt19937 random_;
  std::uint64_t generation_ = 0;  // one per connection: the watchdog of an old one stops
  int attempt_ = 0;               // dials since a connection last delivered a frame
  int connections_ = 0;
  bool stopped_ = true;
  bool running_ = false;
};

}  // namespace gridbot::dingtalk
