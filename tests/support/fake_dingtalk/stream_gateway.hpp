// One Stream-mode WebSocket on the fake's side: accepted after its ticket was checked, it sends
// the frames the fake pushes, in order, and reports every frame the client sends.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "bot/awaitable.hpp"
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace gridbot::testing::fake_dingtalk {

class GatewayConnection : public std::enable_shared_from_this<GatewayConnection> {
 public:
  using OnFrame = std::function<void(const std::string& text)>;
  GatewayConnection(boost::beast::tcp_stream stream, OnFrame on_frame);

  // Accepts the upgrade and reads until the connection ends; `on_open` runs once it is accepted.
  boost::asio::awaitable<void> run(boost::beast::http::request<boost::beast::http::string_body> upgrade,
                                   std::function<void()> on_open);
  void send(std::string text);  // on the fake's thread
  void drop();                  // TCP close, no close frame
  bool open() const { return open_; }

 private:
  boost::asio::awaitable<void> write_queued();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  OnFrame on_frame_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool open_ = false;
};

}  // namespace gridbot::testing::fake_dingtalk
