#include "bot/platforms/feishu/long_connection_frames.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "pbbp2.pb.h"
#include "bot/platforms/feishu/json_fields.hpp"

namespace gridbot::feishu {

using nlohmann::json;

namespace {

// The value of `name` in a URL's query, or "".
std::string query_value(std::string_view url, std::string_view name) {
  auto q = url.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view query = url.substr(q + 1);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

bool read_seconds(const json& obj, const char* key, std::chrono::seconds& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return true;
  if (!it->is_number_integer()) return false;
  out = std::chrono::seconds(it->get<std::int64_t>());
  return true;
}

std::expected<ClientConfig, Error> client_config_from(const json& obj, ClientConfig config) {
  if (!obj.is_object()) return std::unexpected(Error::malformed_json);
  if (!read_seconds(obj, "PingInterval", config.ping_interval) ||
      !read_seconds(obj, "ReconnectInterval", config.reconnect_interval) ||
      !read_seconds(obj, "ReconnectNonce", config.reconnect_nonce))
    return std::unexpected(Error::missing_field);
  if (auto count = obj.find("ReconnectCount"); count != obj.end()) {
    if (!count->is_number_integer()) return std::unexpected(Error::missing_field);
    config.reconnect_count = count->get<int>();
  }
  return config;
}

}  // namespace

std::string_view Frame::header(std::string_view key) const {
  for (const auto& [k, v] : headers)
    if (k == key) return v;
  return {};
}

std::expected<Frame, Error> decode_frame(std::string_view bytes) {
  pbbp2::Frame wire;
  // Partial, then IsInitialized: the same checks as ParseFromArray (truncation, wire types, the
  // required fields) without its ERROR log line, which a peer sending garbage could fill the log with.
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX) ||
      !wire.ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size())) || !wire.IsInitialized())
    return std::unexpected(Error::malformed_frame);
  Frame f;
  f.seq_id = wire.seqid();
  f.log_id = wire.logid();
  f.service = wire.service();
  f.method = wire.method();
  for (const auto& h : wire.headers()) f.headers.emplace_back(h.key(), h.value());
  f.payload = wire.payload();
  return f;
}

std::string encode_frame(const Frame& frame) {
  pbbp2::Frame wire;
  wire.set_seqid(frame.seq_id);
  wire.set_logid(frame.log_id);
  wire.set_service(frame.service);
  wire.set_method(frame.method);
  for (const auto& [key, value] : frame.headers) {
    auto* h = wire.add_headers();
    h->set_key(key);
    h->set_value(value);
  }
  // Absent, not empty, when there is none: the SDK's ping carries no payload field at all.
  if (!frame.payload.empty()) wire.set_payload(frame.payload);
  return wire.SerializeAsString();
}

std::string ping_frame(std::int32_t service_id) {
  Frame f;
  f.service = service_id;
  f.method = Frame::control;
  f.headers = {{"type", "ping"}};
  return encode_frame(f);
}

std::string ack_frame(const Frame& received, std::chrono::milliseconds took, int code) {
  Frame f = received;
  f.headers.emplace_back("biz_rt", std::to_string(std::max<std::int64_t>(0, took.count())));
  f.payload = json{{"code", code}}.dump();
  return encode_frame(f);
}

std::expected<ClientConfig, Error> parse_client_config(std::string_view text, const ClientConfig& base) {
  auto doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return std::unexpected(Error::malformed_json);
  return client_config_from(doc, base);
}

std::optional<std::chrono::milliseconds> reconnect_delay(const ClientConfig& config, int attempt, double jitter) {
  if (config.reconnect_count >= 0 && attempt >= config.reconnect_count) return std::nullopt;
  if (attempt > 0) return std::chrono::duration_cast<std::chrono::milliseconds>(config.reconnect_interval);
  jitter = std::clamp(jitter, 0.0, 1.0);
  auto nonce = std::chrono::duration_cast<std::chrono::milliseconds>(config.reconnect_nonce);
  return std::chrono::milliseconds(static_cast<std::int64_t>(jitter * static_cast<double>(nonce.count())));
}

std::string endpoint_request(std::string_view app_id, std::string_view app_secret) {
  return json{{"AppID", app_id}, {"AppSecret", app_secret}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::expected<Endpoint, EndpointRefusal> parse_endpoint_answer(int http_status, std::string_view body) {
  auto doc = json::parse(body, nullptr, false);
  auto code = doc.is_object() ? doc.find("code") : doc.end();
  // The SDK's HTTP client throws on a non-2xx status, and the SDK retries every such failure.
  if (http_status < 200 || http_status >= 300 || !doc.is_object() || code == doc.end() || !code->is_number_integer())
    return std::unexpected(EndpointRefusal{0, true, "Feishu's endpoint answer (HTTP " + std::to_string(http_status) +
                                                        ") was not its JSON; trying again."});
  int c = code->get<int>();
  std::string msg = text_of(doc, "msg");
  auto refusal = [&](bool retry, std::string_view advice) {
    return std::unexpected(EndpointRefusal{c, retry, "Feishu refused the long connection with code " +
                                                         std::to_string(c) + " \"" + msg + "\". " +
                                                         std::string(advice)});
  };
  switch (c) {
    case 0: break;
    case 1000040343: return refusal(true, "An internal error at Feishu; trying again.");
    case 1000040350:
      return refusal(false, "More than 50 connections for this app: another gridbot (or another program) runs "
                            "with the same App ID. Stop it; only one instance may hold the connection.");
    case 514:
      return refusal(false, "Authentication failed: check the app's App ID and App Secret (凭证与基础信息).");
    case 403:
      return refusal(false, "Forbidden: the long connection is only for 企业自建应用, with 长连接 chosen as the "
                            "event subscription mode.");
    case 1: return refusal(false, "Feishu is busy; the official SDK stops here too. Restart the connection later.");
    default: return refusal(false, "Look the code up in Feishu's documentation of the long connection.");
  }
  const json& data = doc.contains("data") && doc["data"].is_object() ? doc["data"] : json::object();
  Endpoint e;
  e.url = text_of(data, "URL");
  e.device_id = query_value(e.url, "device_id");
  auto service = query_value(e.url, "service_id");
  auto [end, ec] = std::from_chars(service.data(), service.data() + service.size(), e.service_id);
  if (e.url.empty() || service.empty() || ec != std::errc() || end != service.data() + service.size())
    return refusal(true, "The answer had no wss URL with a service_id; trying again.");
  if (auto config = data.find("ClientConfig"); config != data.end()) {
    auto parsed = client_config_from(*config, {});
    if (!parsed) return refusal(true, "Its ClientConfig was not readable; trying again.");
    e.config = *parsed;
  }
  return e;
}

}  // namespace gridbot::feishu
