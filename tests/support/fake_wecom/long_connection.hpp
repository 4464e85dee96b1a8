// One AI-bot long connection on the fake (PROTOCOLS.md §1.4, fixture §1.4.1): JSON text frames
// {cmd, headers:{req_id}, body}. Answers aibot_subscribe (bot_id and secret checked), ping (unless
// told not to) and every aibot_* request with {"headers":{"req_id"},"errcode","errmsg"}, records
// every frame the client sends, and sends what the fake's owner asks for. Lives on the fake's
// thread: every member is called there only.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "bot/awaitable.hpp"
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "tests/support/fake_wecom/api.hpp"
#include "tests/support/fake_wecom/records.hpp"

namespace gridbot::testing::fake_wecom {

class LongConnection : public std::enable_shared_from_this<LongConnection> {
 public:
  struct Shared {
    Api& api;                     // settings and injected faults (by cmd)
    Recorder& recorder;
    std::atomic<bool>& answer_pings;
    // Called when this connection subscribed successfully; the owner kicks the previous one.
    std::function<void(std::shared_ptr<LongConnection>)> subscribed;
  };

  LongConnection(boost::beast::tcp_stream stream, Shared shared);

  // Accepts the upgrade, then reads frames until the connection ends.
  boost::asio::awaitable<void> run(boost::beast::http::request<boost::beast::http::string_body> upgrade);

  // Queues a text frame; frames go out one at a time, in order.
  void send(std::string text);
  // Sends disconnected_event, then closes the connection as WeCom does after a second subscribe.
  void kick(const std::string& req_id);
  // A graceful WebSocket close once everything queued is out.
  void close_after_sending();
  // A network cut: TCP reset, no close frame.
  void drop();
  bool subscribed() const { return subscribed_; }
  bool open() const { return open_; }

 private:
  void write_next();
  void on_frame(const std::string& text);
  std::string response(const std::string& req_id, int errcode, const std::string& errmsg) const;

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  Shared shared_;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  bool close_when_flushed_ = false;
  bool subscribed_ = false;
  bool open_ = false;
};

// The frames the fake sends, as WeCom writes them (§1.4.1).
std::string callback_frame(const std::string& cmd, const std::string& req_id, const nlohmann::json& body);
std::string disconnected_event_frame(const std::string& req_id, const std::string& bot_id, std::int64_t create_time);

}  // namespace gridbot::testing::fake_wecom
