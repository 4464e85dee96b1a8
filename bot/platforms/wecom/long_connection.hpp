// The AI bot's long connection (PROTOCOLS.md §1.4): gridbot dials WeCom, so a deployment without
// a public address still receives the bot's messages. One per account in websocket mode.
//
// - Dial ws_url, aibot_subscribe, then read frames. Each aibot_msg_callback goes to the pipeline;
//   its first answer on its req_id goes out only after the inbox commit (the outbox sends it
//   through respond(); a text that is not read is answered here, after the same point).
// - A ping every heartbeat; two unanswered pings mean the socket is dead (WeCom's SDK counts the
//   same): close it and dial again, with exponential backoff and jitter, 1 s up to 30 s.
// - disconnected_event means another connection subscribed as this bot. Fighting back would kick
//   it in turn, forever (§0 item 3): stop, log an alert, and dial again only after a long cooldown.
// - respond() and send_msg() write a frame and wait for WeCom's answer with the same req_id; no
//   answer in time, or no connection, is a retry for the outbox.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/net/websocket.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "bot/platforms/wecom/long_connection_frames.hpp"
#include "bot/platforms/wecom/long_connection_sink.hpp"
#include "bot/platforms/wecom/message_intake.hpp"

namespace gridbot::wecom {

struct LongConnectionTiming {
  std::chrono::milliseconds heartbeat{30'000};          // the doc's and the SDK's interval
  std::chrono::milliseconds backoff_first{1'000};
  std::chrono::milliseconds backoff_cap{30'000};
  std::chrono::milliseconds kicked_cooldown{5 * 60'000};  // after disconnected_event
  std::chrono::milliseconds answer_timeout{5'000};      // WeCom's answer to one of our frames
  int missed_pings_dead = 2;
};

class LongConnection final : public LongConnectionSink {
 public:
  LongConnection(boost::asio::io_context& io, const AccountConfig& account, MessageIntake& intake,
                 LongConnectionTiming timing = {}, net::WebSocketOptions socket_options = {});
  ~LongConnection() override;

  // Starts dialing on the event loop; stop() closes the socket and ends the loop.
  void start();
  void stop();

  boost::asio::awaitable<platforms::SendResult> respond(std::string inbound_req_id, nlohmann::json body) override;
  boost::asio::awaitable<platforms::SendResult> send_msg(std::string chat_id, nlohmann::json body) override;

  // What /healthz and tests look at.
  bool subscribed() const { return subscribed_; }
  bool kicked() const { return kicked_; }  // stopped by disconnected_event, waiting out the cooldown
  int subscriptions() const { return subscriptions_; }

 private:
  struct Pending;
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<void> session(std::shared_ptr<net::WebSocket> socket);
  boost::asio::awaitable<void> subscribe(std::shared_ptr<net::WebSocket> socket, std::uint64_t generation);
  boost::asio::awaitable<void> heartbeat(std::shared_ptr<net::WebSocket> socket, std::uint64_t generation);
  boost::asio::awaitable<void> handle(CallbackFrame frame);
  // Writes `frame` and waits for the answer carrying `req_id`.
  boost::asio::awaitable<platforms::SendResult> request(std::string req_id, std::string frame, std::string_view what,
                                                        bool before_subscribe = false);
  boost::asio::awaitable<void> sleep(std::chrono::milliseconds how_long);
  std::chrono::milliseconds next_backoff();
  std::string new_req_id(std::string_view prefix);
  void fail_pending(std::string_view why);
  void close(const std::shared_ptr<net::WebSocket>& socket);

  boost::asio::io_context& io_;
  const AccountConfig& account_;
  MessageIntake& intake_;
  LongConnectionTiming timing_;
  net::WebSocketOptions socket_options_;
  std::shared_ptr<net::WebSocket> socket_;  // the current connection, subscribed or being subscribed
  std::map<std::string, std::shared_ptr<Pending>> pending_;  // by req_id
  boost::asio::steady_timer wait_;       // between dials
  boost::asio::steady_timer heartbeat_;  // between pings
  std::mt19937 random_;
  std::uint64_t generation_ = 0;  // one per connection: a heartbeat of an old one stops
  int failures_ = 0;              // dials since the last successful subscribe: the backoff's exponent
  int missed_pings_ = 0;
  int subscriptions_ = 0;
  bool subscribed_ = false;
  bool kicked_ = false;
  bool stopped_ = true;
  bool running_ = false;
};

}  // namespace gridbot::wecom
