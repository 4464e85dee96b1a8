// The fake's long-connection gateway: ws://127.0.0.1:PORT/ws?device_id=…&service_id=…, as
// callback/ws/endpoint hands out, speaking binary pbbp2 frames through the codec's encoder (the
// same protobuf schema Feishu uses). It answers every ping with a pong carrying a ClientConfig,
// pushes events as data frames (split over several fragments on request), records what the client
// sends, and pushes every event not yet acked again on the next connection, as Feishu does.
// Runs on the fake's thread; its methods are called there.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bot/awaitable.hpp"
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "bot/platforms/feishu/long_connection_frames.hpp"

namespace gridbot::testing::fake_feishu {

inline constexpr std::int32_t kServiceId = 33554678;

class Gateway {
 public:
  struct Hooks {
    std::function<void(const feishu::Frame&)> on_client_frame;
    std::function<void()> on_connection;  // a WebSocket accepted
    std::function<void()> on_disconnect;
  };
  Gateway(boost::asio::io_context& io, std::string client_config_json, Hooks hooks);
  ~Gateway();

  std::uint16_t port() const;
  // Pushes an event in `parts` data frames on the newest open connection; its message_id, or ""
  // when none is open. Until acked, every new connection gets it again.
  std::string push(const std::string& payload, int parts);
  bool drop_newest();  // TCP reset, no close frame
  void acked(const std::string& message_id);

 private:
  struct Connection;
  boost::asio::awaitable<void> accept_loop();
  std::shared_ptr<Connection> newest();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::string client_config_;
  Hooks hooks_;
  std::vector<std::weak_ptr<Connection>> connections_;
  std::vector<std::pair<std::string, std::vector<std::string>>> unacked_;  // message_id → its frames
  std::uint64_t next_seq_ = 1;
};

}  // namespace gridbot::testing::fake_feishu
