#include "tests/support/fake_feishu/gateway.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>

namespace gridbot::testing::fake_feishu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::ip::tcp;

struct Gateway::Connection : std::enable_shared_from_this<Connection> {
  websocket::stream<beast::tcp_stream> ws;
  std::deque<std::string> queue;
  bool writing = false;
  bool open = false;

  explicit Connection(tcp::socket socket) : ws(std::move(socket)) {}

  void send(std::string bytes) {
    if (!open) return;
    queue.push_back(std::move(bytes));
    if (writing) return;
    // Set before the writer runs: several sends in a row must not start two writers.
    writing = true;
    asio::co_spawn(ws.get_executor(), write_queued(), asio::detached);
  }

  asio::awaitable<void> write_queued() {
    auto self = shared_from_this();
    while (!queue.empty() && open) {
      std::string bytes = std::move(queue.front());
      queue.pop_front();
      boost::system::error_code ec;
      co_await ws.async_write(asio::buffer(bytes), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
    writing = false;
  }

  void drop() {
    boost::system::error_code ec;
    auto& socket = beast::get_lowest_layer(ws).socket();
    socket.set_option(asio::socket_base::linger(true, 0), ec);  // a reset, as a dead link looks
    socket.close(ec);
  }
};

Gateway::Gateway(asio::io_context& io, std::string client_config_json, Hooks hooks)
    : io_(io), acceptor_(io), client_config_(std::move(client_config_json)), hooks_(std::move(hooks)) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

Gateway::~Gateway() = default;

std::uint16_t Gateway::port() const { return acceptor_.local_endpoint().port(); }

asio::awaitable<void> Gateway::accept_loop() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) continue;
    auto c = std::make_shared<Connection>(std::move(socket));
    connections_.push_back(c);
    asio::co_spawn(io_, [this, c]() -> asio::awaitable<void> {
      c->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
      boost::system::error_code ec;
      co_await c->ws.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      c->ws.binary(true);
      c->open = true;
      hooks_.on_connection();
      // What was never acked comes again on the next connection, as Feishu pushes it again.
      for (const auto& [id, frames] : unacked_)
        for (const auto& f : frames) c->send(f);
      beast::flat_buffer buffer;
      for (;;) {
        co_await c->ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        auto frame = feishu::decode_frame(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
        if (!frame) continue;
        if (frame->method == feishu::Frame::control && frame->type() == "ping") {
          feishu::Frame pong = *frame;
          pong.headers = {{"type", "pong"}};
          pong.payload = client_config_;
          c->send(feishu::encode_frame(pong));
        }
        hooks_.on_client_frame(*frame);
      }
      c->open = false;
      c->queue.clear();
      hooks_.on_disconnect();
    }, asio::detached);
  }
}

std::shared_ptr<Gateway::Connection> Gateway::newest() {
  for (auto it = connections_.rbegin(); it != connections_.rend(); ++it)
    if (auto c = it->lock(); c && c->open) return c;
  return nullptr;
}

std::string Gateway::push(const std::string& payload, int parts) {
  auto c = newest();
  if (!c) return {};
  const std::uint64_t seq = next_seq_++;
  const std::string id = "fake-msg-" + std::to_string(seq);
  std::vector<std::string> frames;
  const std::size_t step = (payload.size() + parts - 1) / parts;
  for (int i = 0; i < parts; ++i) {
    feishu::Frame f;
    f.seq_id = seq;
    f.log_id = seq * 10;
    f.service = kServiceId;
    f.method = feishu::Frame::data;
    f.headers = {{"type", "event"}, {"message_id", id}, {"sum", std::to_string(parts)}, {"seq", std::to_string(i)},
                 {"trace_id", "trace-" + std::to_string(seq)}};
    f.payload = payload.substr(std::min(payload.size(), i * step), step);
    frames.push_back(feishu::encode_frame(f));
  }
  // Sent last part first: fragments may come in any order.
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) c->send(*it);
  unacked_.emplace_back(id, std::move(frames));
  return id;
}

void Gateway::acked(const std::string& message_id) {
  std::erase_if(unacked_, [&](const auto& u) { return u.first == message_id; });
}

bool Gateway::drop_newest() {
  auto c = newest();
  if (c) c->drop();
  return c != nullptr;
}

}  // namespace gridbot::testing::fake_feishu
