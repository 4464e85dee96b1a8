// DingTalk Stream mode (PROTOCOLS.md §3.3): the connections/open exchange that yields a one-use
// ticket, the JSON text frames DingTalk pushes, the acks as the official SDKs write them, and the
// reconnect backoff. Pure; the connection part owns the socket, the watchdog and the leader lease.
#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/error.hpp"

namespace gridbot::dingtalk {

// The topic of robot messages; its frames' data is a RobotMessage (incoming.hpp).
inline constexpr std::string_view kRobotMessageTopic = "/v1.0/im/bot/messages/get";

// POST /v1.0/gateway/connections/open, with Accept: application/json (without it DingTalk answers
// XML): subscribes to every EVENT and to robot messages. Holds the secret: never logged.
std::string connections_open_body(std::string_view client_id, std::string_view client_secret, std::string_view ua,
                                  std::string_view local_ip = {});

struct StreamTicket {
  std::string endpoint;  // wss://…
  std::string ticket;    // valid for one connection: fetch a new one for every connect
};

std::expected<StreamTicket, Error> parse_connections_open(std::string_view body);

// endpoint?ticket=<urlencoded ticket>
std::string stream_url(const StreamTicket& ticket);

struct StreamFrame {
  enum class Kind {
    ping,           // SYSTEM ping: answer with ping_ack at once
    disconnect,     // SYSTEM disconnect: reconnect with a new ticket (after backoff)
    system,         // CONNECTED, REGISTERED, KEEPALIVE, …: nothing to answer
    robot_message,  // CALLBACK on kRobotMessageTopic: data is the robot message; callback_ack after the inbox commit
    callback,       // CALLBACK on another topic: callback_ack (we do not handle it)
    event,          // EVENT: event_ack
  } kind = Kind::system;
  std::string type;        // SYSTEM, EVENT, CALLBACK
  std::string topic;       // headers.topic
  std::string message_id;  // headers.messageId: what every ack names, and the dedupe key of a redelivery
  nlohmann::ordered_json headers;  // kept in DingTalk's order: a ping's ack echoes them
  std::string data;        // a JSON string, as sent
};

// A frame that is not a JSON object with a type and an object of headers, or a CALLBACK/EVENT
// without a messageId (nothing could be acked), is an error; an unknown type is an error too.
std::expected<StreamFrame, Error> parse_stream_frame(std::string_view text);

// {"code":200,"headers":<the ping's headers>,"message":"OK","data":<the ping's data>}
std::string ping_ack(const StreamFrame& ping);

// {"code":200,"headers":{"contentType":"application/json","messageId":…},"message":"OK",
//  "data":"{\"response\":<response>}"}: never an echo of the inbound data. Sent for a robot message
// only after its inbox row committed, and again, the same, for a redelivered messageId.
std::string callback_ack(std::string_view message_id, const nlohmann::json& response = nullptr);

// The same for an EVENT, data "{\"status\":\"SUCCESS\"}" (or "LATER": DingTalk pushes it again).
std::string event_ack(std::string_view message_id, bool later = false);

// Delay before reconnect attempt `attempt` (0 for the first after a drop): 1 s doubling to at most
// 60 s, plus `jitter` (0..1) of a second, so that several robots do not reconnect in step.
std::chrono::milliseconds reconnect_delay(int attempt, double jitter);

}  // namespace gridbot::dingtalk
