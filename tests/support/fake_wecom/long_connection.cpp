#include "tests/support/fake_wecom/long_connection.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::testing::fake_wecom {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using nlohmann::json;

std::string callback_frame(const std::string& cmd, const std::string& req_id, const json& body) {
  return wecom::dump_raw_utf8({{"cmd", cmd}, {"headers", {{"req_id", req_id}}}, {"body", body}});
}

std::string disconnected_event_frame(const std::string& req_id, const std::string& bot_id, std::int64_t create_time) {
  // As the fixture shows it: no from, no chatid.
  return callback_frame("aibot_event_callback", req_id,
                        {{"msgid", "fake-ev-" + req_id}, {"create_time", create_time}, {"aibotid", bot_id},
                         {"msgtype", "event"}, {"event", {{"eventtype", "disconnected_event"}}}});
}

LongConnection::LongConnection(beast::tcp_stream stream, Shared shared)
    : ws_(std::move(stream)), shared_(std::move(shared)) {}

asio::awaitable<void> LongConnection::run(beast::http::request<beast::http::string_body> upgrade) {
  auto self = shared_from_this();
  beast::get_lowest_layer(ws_).expires_never();
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  boost::system::error_code ec;
  co_await ws_.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  ws_.text(true);
  open_ = true;
  shared_.recorder.update([](Records& r) { ++r.connections; });
  beast::flat_buffer buffer;
  for (;;) {
    co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    on_frame(beast::buffers_to_string(buffer.data()));
    buffer.consume(buffer.size());
  }
  open_ = false;
  subscribed_ = false;
  outbox_.clear();
  shared_.recorder.update([](Records& r) { ++r.disconnects; });
}

std::string LongConnection::response(const std::string& req_id, int errcode, const std::string& errmsg) const {
  return wecom::dump_raw_utf8({{"headers", {{"req_id", req_id}}}, {"errcode", errcode}, {"errmsg", errmsg}});
}

void LongConnection::on_frame(const std::string& text) {
  Frame frame{"", "", json::parse(text, nullptr, false), text};
  if (frame.frame.is_object()) {
    if (auto cmd = frame.frame.find("cmd"); cmd != frame.frame.end() && cmd->is_string()) frame.cmd = *cmd;
    if (auto headers = frame.frame.find("headers"); headers != frame.frame.end() && headers->is_object())
      if (auto id = headers->find("req_id"); id != headers->end() && id->is_string()) frame.req_id = *id;
  } else {
    frame.frame = nullptr;
  }
  const std::string cmd = frame.cmd, req_id = frame.req_id;
  const json body = frame.frame.is_object() ? frame.frame.value("body", json()) : json();
  bool now_subscribed = false;

  if (cmd.empty()) {
    // Unreadable: recorded for the test to see, not answered (there is no req_id to answer on).
  } else if (auto fault = shared_.api.take_fault(cmd)) {
    send(response(req_id, fault->errcode, "injected by the test"));
  } else if (cmd == "aibot_subscribe") {
    const auto& s = shared_.api.settings();
    const bool ok = body.is_object() && body.value("bot_id", "") == s.bot_id && body.value("secret", "") == s.bot_secret;
    if (ok) {
      subscribed_ = now_subscribed = true;
      send(response(req_id, 0, "ok"));
    } else {
      send(response(req_id, kSubscribeRefused, "invalid bot_id or secret"));
    }
  } else if (cmd == "ping") {
    if (shared_.answer_pings) send(response(req_id, 0, "ok"));
  } else if (!subscribed_) {
    send(response(req_id, kSubscribeRefused, "not subscribed"));
  } else {
    send(response(req_id, 0, "ok"));  // aibot_respond_msg, aibot_send_msg, aibot_respond_welcome_msg, …
  }
  shared_.recorder.update([&](Records& r) {
    r.frames.push_back(std::move(frame));
    if (now_subscribed) ++r.subscriptions;
  });
  if (now_subscribed && shared_.subscribed) shared_.subscribed(shared_from_this());
}

void LongConnection::send(std::string text) {
  if (!open_) return;
  outbox_.push_back(std::move(text));
  if (!writing_) write_next();
}

void LongConnection::write_next() {
  writing_ = true;
  ws_.async_write(asio::buffer(outbox_.front()), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
    if (!self->outbox_.empty()) self->outbox_.pop_front();
    if (ec || self->outbox_.empty()) {
      self->writing_ = false;
      if (ec) self->outbox_.clear();
      else if (self->close_when_flushed_) self->close_after_sending();
      return;
    }
    self->write_next();
  });
}

void LongConnection::kick(const std::string& req_id) {
  subscribed_ = false;
  send(disconnected_event_frame(req_id, shared_.api.settings().bot_id,
                                std::chrono::duration_cast<std::chrono::seconds>(
                                    shared_.api.now().time_since_epoch()).count()));
  close_after_sending();
}

void LongConnection::close_after_sending() {
  if (!open_) return;
  if (writing_) {
    close_when_flushed_ = true;
    return;
  }
  close_when_flushed_ = false;
  open_ = false;
  ws_.async_close(websocket::close_code::going_away, [self = shared_from_this()](boost::system::error_code) {});
}

void LongConnection::drop() {
  boost::system::error_code ignored;
  auto& socket = beast::get_lowest_layer(ws_).socket();
  socket.set_option(asio::socket_base::linger(true, 0), ignored);  // RST, as a cut cable looks
  socket.close(ignored);
  open_ = false;
}

}  // namespace gridbot::testing::fake_wecom
