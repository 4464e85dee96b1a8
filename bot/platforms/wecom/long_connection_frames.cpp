#include "bot/platforms/wecom/long_connection_frames.hpp"

#include <cstdio>

#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::wecom {

using nlohmann::json;

namespace {

// Every string in a frame is valid UTF-8: the bodies were checked by outgoing.hpp, and ids and
// secrets come from JSON (WeCom's frames, the config file), which holds nothing else.
std::string frame(std::string_view cmd, std::string_view req_id, const json* body) {
  json f = {{"cmd", cmd}, {"headers", {{"req_id", req_id}}}};
  if (body) f["body"] = *body;
  return dump_raw_utf8(f);
}

}  // namespace

std::expected<InboundFrame, Error> parse_frame(std::string_view text, std::string_view bot_name) {
  auto doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::unexpected(Error::malformed_json);
  std::string req_id;
  if (auto h = doc.find("headers"); h != doc.end() && h->is_object())
    if (auto r = h->find("req_id"); r != h->end() && r->is_string()) req_id = r->get<std::string>();
  if (req_id.empty()) return std::unexpected(Error::missing_field);  // nothing could be answered
  auto cmd_it = doc.find("cmd");
  std::string cmd = cmd_it != doc.end() && cmd_it->is_string() ? cmd_it->get<std::string>() : std::string();

  if (cmd != "aibot_msg_callback" && cmd != "aibot_event_callback") {
    // Answers carry the request's req_id and an errcode; the SDK's carry no cmd, but one echoed
    // back must not turn a subscribe's answer into an unknown frame.
    if (auto code = doc.find("errcode"); code != doc.end() && code->is_number_integer()) {
      ResponseFrame r{std::move(req_id), code->get<int>(), {}};
      if (auto m = doc.find("errmsg"); m != doc.end() && m->is_string()) r.errmsg = m->get<std::string>();
      return r;
    }
    if (cmd.empty()) return std::unexpected(Error::missing_field);
    return UnknownFrame{std::move(cmd), std::move(req_id)};
  }

  auto body = doc.find("body");
  if (body == doc.end()) return std::unexpected(Error::missing_field);
  auto callback = parse_aibot_callback(*body, bot_name);
  if (!callback) return std::unexpected(callback.error());
  if (auto* e = std::get_if<IncomingEvent>(&*callback); e && e->event_type == "disconnected_event")
    return DisconnectedFrame{std::move(req_id)};
  std::visit([&](auto& c) { c.reply.req_id = req_id; }, *callback);
  return CallbackFrame{std::move(req_id), std::move(*callback)};
}

std::string make_req_id(std::string_view prefix, std::chrono::milliseconds since_epoch, std::uint32_t random) {
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, "_%lld_%08x", static_cast<long long>(since_epoch.count()), random);
  return std::string(prefix) + suffix;
}

std::string render_subscribe(std::string_view req_id, std::string_view bot_id, std::string_view secret) {
  json body = {{"bot_id", bot_id}, {"secret", secret}};
  return frame("aibot_subscribe", req_id, &body);
}

std::string render_ping(std::string_view req_id) { return frame("ping", req_id, nullptr); }

std::string render_respond_msg(std::string_view inbound_req_id, const json& body) {
  return frame("aibot_respond_msg", inbound_req_id, &body);
}

std::string render_respond_welcome_msg(std::string_view event_req_id, const json& body) {
  return frame("aibot_respond_welcome_msg", event_req_id, &body);
}

std::string render_send_msg(std::string_view req_id, std::string_view chat_id, const json& body) {
  json with_chat = body;
  with_chat["chatid"] = chat_id;
  return frame("aibot_send_msg", req_id, &with_chat);
}

}  // namespace gridbot::wecom
