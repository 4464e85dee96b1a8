// The AI bot's long-connection frames (PROTOCOLS.md §1.4, fixture §1.4.1): JSON text frames
// {cmd, headers: {req_id}, body}, unencrypted inside WSS. Parsing what WeCom sends and rendering
// what we send, pure; the connection part owns the socket, the heartbeat timer and the lease.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "bot/platforms/wecom/error.hpp"
#include "bot/platforms/wecom/incoming.hpp"

namespace gridbot::wecom {

// ← aibot_msg_callback / aibot_event_callback: the body of §1.5, its reply handle's req_id set to
// the frame's, on which every aibot_respond_* to it must go.
struct CallbackFrame {
  std::string req_id;
  AibotCallback callback;
};

// ← disconnected_event: another connection subscribed as this bot and this one is being closed.
// Stop, alert, and reconnect only under the leader lease after a cooldown (§0 item 3), never at once.
struct DisconnectedFrame {
  std::string req_id;
};

// ← the answer to any request we sent (subscribe, ping, respond, send), matched by req_id.
struct ResponseFrame {
  std::string req_id;
  int errcode = 0;
  std::string errmsg;
};

// ← a cmd this codec does not know (a newer WeCom): ignored and logged, not an error.
struct UnknownFrame {
  std::string cmd;
  std::string req_id;
};

using InboundFrame = std::variant<CallbackFrame, DisconnectedFrame, ResponseFrame, UnknownFrame>;

std::expected<InboundFrame, Error> parse_frame(std::string_view text, std::string_view bot_name);

// The SDK's req_id form, <prefix>_<ms>_<rand>: the time and the random number are passed in.
std::string make_req_id(std::string_view prefix, std::chrono::milliseconds since_epoch, std::uint32_t random);

// → aibot_subscribe. The frame holds the bot's secret: send it, never log it.
std::string render_subscribe(std::string_view req_id, std::string_view bot_id, std::string_view secret);
// → ping, every 30 s; two unanswered pings mean the connection is dead.
std::string render_ping(std::string_view req_id);
// → aibot_respond_msg on the inbound message's req_id; body from aibot_stream_body or
// aibot_markdown_body (outgoing.hpp).
std::string render_respond_msg(std::string_view inbound_req_id, const nlohmann::json& body);
// → aibot_respond_welcome_msg on the enter_chat event's req_id, within 5 s; body from aibot_text_body.
std::string render_respond_welcome_msg(std::string_view event_req_id, const nlohmann::json& body);
// → aibot_send_msg on a new req_id: a proactive message into a chat that wrote to the bot in the
// last 24 h. No chat_type, as the official SDK sends none.
std::string render_send_msg(std::string_view req_id, std::string_view chat_id, const nlohmann::json& body);

}  // namespace gridbot::wecom
