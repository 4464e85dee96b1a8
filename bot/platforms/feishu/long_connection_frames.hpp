// Feishu's long connection (PROTOCOLS.md §2.3): the endpoint exchange, the binary pbbp2.Frame
// (decoded and encoded by the code protoc generates from pbbp2.proto, no hand-rolled varints),
// its headers, the ping and the ack, the ClientConfig that paces pings and reconnects, and what
// the official SDK does with each endpoint code. Pure; the connection part owns the socket.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/platforms/feishu/error.hpp"

namespace gridbot::feishu {

// The frame as values; the generated class stays inside the .cpp.
struct Frame {
  enum Method : std::int32_t { control = 0, data = 1 };
  std::uint64_t seq_id = 0;
  std::uint64_t log_id = 0;
  std::int32_t service = 0;
  std::int32_t method = control;
  std::vector<std::pair<std::string, std::string>> headers;  // in order; keys may repeat
  std::string payload;

  // The first header named `key`, or "" (type, message_id, sum, seq, trace_id, biz_rt, …).
  std::string_view header(std::string_view key) const;
  std::string_view type() const { return header("type"); }  // ping, pong, event, card
};

// A buffer that is not a pbbp2.Frame with its four required fields is malformed_frame.
std::expected<Frame, Error> decode_frame(std::string_view bytes);
std::string encode_frame(const Frame& frame);

// → ping: method 0, service = the URL's service_id, header type=ping, Seq and Log 0 (§2.3.1).
std::string ping_frame(std::int32_t service_id);

// → the ack of a data frame, only after its inbox commit: the frame's Seq/Log/service/method and
// headers, plus biz_rt (the ms we took; the SDK writes a non-positive start−end), and payload
// {"code":200}. For a fragmented message, ack the frame that completed it.
std::string ack_frame(const Frame& received, std::chrono::milliseconds took, int code = 200);

// The ClientConfig of the endpoint answer and of every pong's payload, in seconds. Defaults are
// the SDK's before the first pong.
struct ClientConfig {
  std::chrono::seconds ping_interval{120};
  int reconnect_count = -1;  // -1: for ever
  std::chrono::seconds reconnect_interval{120};
  std::chrono::seconds reconnect_nonce{30};  // the first attempt waits a random part of this
};

// A pong's payload, or a ClientConfig object; absent fields keep `base`'s values.
std::expected<ClientConfig, Error> parse_client_config(std::string_view json, const ClientConfig& base = {});

// Before reconnect attempt `attempt` (0 the first): jitter (0..1) × ReconnectNonce, then
// ReconnectInterval each time; nullopt once ReconnectCount attempts are spent.
std::optional<std::chrono::milliseconds> reconnect_delay(const ClientConfig& config, int attempt, double jitter);

// POST /callback/ws/endpoint: {"AppID","AppSecret"}. Holds the secret: never logged.
std::string endpoint_request(std::string_view app_id, std::string_view app_secret);

struct Endpoint {
  std::string url;  // wss://…?device_id=…&service_id=…
  std::string device_id;
  std::int32_t service_id = 0;
  ClientConfig config;
};

// What the SDK does with an endpoint answer that is not a URL: 1000040343 and transport errors it
// retries; 1 (busy), 403, 514 (auth) and 1000040350 (more than 50 connections: another instance is
// running, §0 item 4) it stops on, and so do we, with an alert.
struct EndpointRefusal {
  int code = 0;
  bool retry = false;
  std::string error;  // Feishu's msg and a sentence an admin can act on
};

// `http_status` and body of the endpoint call. A non-2xx status or a body that is not Feishu's JSON
// is a transport error: a retry, as in the SDK.
std::expected<Endpoint, EndpointRefusal> parse_endpoint_answer(int http_status, std::string_view body);

}  // namespace gridbot::feishu
