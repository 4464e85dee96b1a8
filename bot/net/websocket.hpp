// A WebSocket client connection (ws:// for tests on 127.0.0.1, wss:// with the same TLS checks as
// HttpClient) on Beast. One reader and one writer at a time; writes are queued in order. The long
// connections of WeCom's AI bot, DingTalk's stream mode and Feishu's long-connection mode sit on it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/awaitable.hpp"
#include "bot/net/http_client.hpp"

namespace gridbot::net {

struct WebSocketMessage {
  bool binary = false;
  std::string data;
};

struct WebSocketOptions {
  std::chrono::milliseconds handshake_timeout{10'000};
  std::map<std::string, std::string> headers;  // extra handshake headers
  std::size_t max_message_bytes = 4 * 1024 * 1024;
  std::string ca_file;  // empty: the system store
};

class WebSocket {
 public:
  // Dials `url` (ws:// or wss://) and completes the handshake; throws TransportError.
  static boost::asio::awaitable<std::unique_ptr<WebSocket>> connect(boost::asio::io_context& io, std::string url,
                                                                    WebSocketOptions options = {});
  ~WebSocket();

  // The next message; throws TransportError when the connection closes or fails (close code and
  // reason in what()).
  boost::asio::awaitable<WebSocketMessage> read();
  // Queued and sent in order; throws TransportError when the connection is gone.
  boost::asio::awaitable<void> write(WebSocketMessage message);
  // Sends a close frame and waits briefly for the peer's; never throws.
  boost::asio::awaitable<void> close();

  struct Impl;

 private:
  explicit WebSocket(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gridbot::net
