#include "bot/platforms/dingtalk/stream_frames.hpp"

#include <algorithm>

#include "bot/platforms/dingtalk/json_fields.hpp"
#include "bot/platforms/dingtalk/signing.hpp"

namespace gridbot::dingtalk {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// Every string here came from JSON (DingTalk's frames, the config file), so it is valid UTF-8;
// ensure_ascii off writes it as the SDKs do.
template <class J>
std::string dump(const J& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The key order the official SDKs write: code, headers, message, data.
std::string ack(const ordered_json& headers, std::string_view data) {
  ordered_json out;
  out["code"] = 200;
  out["headers"] = headers;
  out["message"] = "OK";
  out["data"] = data;
  return dump(out);
}

ordered_json ack_headers(std::string_view message_id) {
  ordered_json h;
  h["contentType"] = "application/json";
  h["messageId"] = message_id;
  return h;
}

}  // namespace

std::string connections_open_body(std::string_view client_id, std::string_view client_secret, std::string_view ua,
                                  std::string_view local_ip) {
  ordered_json body;
  body["clientId"] = client_id;
  body["clientSecret"] = client_secret;
  body["ua"] = ua;  // in the official SDK's order
  body["subscriptions"] = ordered_json::array({ordered_json{{"type", "EVENT"}, {"topic", "*"}},
                                               ordered_json{{"type", "CALLBACK"}, {"topic", kRobotMessageTopic}}});
  if (!local_ip.empty()) body["localIp"] = local_ip;
  return dump(body);
}

std::expected<StreamTicket, Error> parse_connections_open(std::string_view body) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::unexpected(Error::malformed_json);
  StreamTicket t{text_of(doc, "endpoint"), text_of(doc, "ticket")};
  if (t.endpoint.empty() || t.ticket.empty()) return std::unexpected(Error::missing_field);
  return t;
}

std::string stream_url(const StreamTicket& ticket) {
  char joiner = ticket.endpoint.find('?') == std::string::npos ? '?' : '&';
  return ticket.endpoint + joiner + "ticket=" + url_encode(ticket.ticket);
}

std::expected<StreamFrame, Error> parse_stream_frame(std::string_view text) {
  auto doc = ordered_json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::unexpected(Error::malformed_json);
  auto headers = doc.find("headers");
  if (headers == doc.end() || !headers->is_object()) return std::unexpected(Error::missing_field);
  StreamFrame f;
  f.type = text_of(doc, "type");
  f.headers = *headers;
  f.topic = text_of(f.headers, "topic");
  f.message_id = text_of(f.headers, "messageId");
  if (auto data = doc.find("data"); data != doc.end()) {
    if (!data->is_string()) return std::unexpected(Error::malformed_json);
    f.data = data->get<std::string>();
  }
  if (f.type == "SYSTEM") {
    f.kind = f.topic == "ping" ? StreamFrame::Kind::ping
             : f.topic == "disconnect" ? StreamFrame::Kind::disconnect
                                       : StreamFrame::Kind::system;
    return f;
  }
  if (f.type != "CALLBACK" && f.type != "EVENT") return std::unexpected(Error::missing_field);
  if (f.message_id.empty()) return std::unexpected(Error::missing_field);
  f.kind = f.type == "EVENT"                ? StreamFrame::Kind::event
           : f.topic == kRobotMessageTopic ? StreamFrame::Kind::robot_message
                                           : StreamFrame::Kind::callback;
  return f;
}

std::string ping_ack(const StreamFrame& ping) { return ack(ping.headers, ping.data); }

std::string callback_ack(std::string_view message_id, const json& response) {
  ordered_json data;
  data["response"] = response;
  return ack(ack_headers(message_id), dump(data));
}

std::string event_ack(std::string_view message_id, bool later) {
  ordered_json data;
  data["status"] = later ? "LATER" : "SUCCESS";
  return ack(ack_headers(message_id), dump(data));
}

std::chrono::milliseconds reconnect_delay(int attempt, double jitter) {
  constexpr std::chrono::milliseconds first{1000}, cap{60000};
  auto base = cap;
  if (attempt >= 0 && attempt < 6) base = std::min<std::chrono::milliseconds>(cap, first * (1LL << attempt));
  jitter = std::clamp(jitter, 0.0, 1.0);
  return base + std::chrono::milliseconds(static_cast<long long>(jitter * 1000));
}

}  // namespace gridbot::dingtalk
