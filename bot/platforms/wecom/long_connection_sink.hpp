// What the sending side needs of an AI bot's long connection (bot/platforms/wecom/long_connection.*):
// answer an inbound frame on its req_id, or post proactively into a chat. Kept as an interface so
// the sender is tested without a socket.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/awaitable.hpp"
#include "bot/platforms/adapter.hpp"

namespace gridbot::wecom {

class LongConnectionSink {
 public:
  virtual ~LongConnectionSink() = default;
  // aibot_respond_msg on the inbound frame's req_id; the SendResult reflects WeCom's answer frame
  // (or retry when the connection is down).
  virtual boost::asio::awaitable<platforms::SendResult> respond(std::string inbound_req_id, nlohmann::json body) = 0;
  // aibot_send_msg into a chat that wrote to the bot in the last 24 h.
  virtual boost::asio::awaitable<platforms::SendResult> send_msg(std::string chat_id, nlohmann::json body) = 0;
};

}  // namespace gridbot::wecom
