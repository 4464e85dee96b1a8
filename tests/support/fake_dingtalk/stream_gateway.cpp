#include "tests/support/fake_dingtalk/stream_gateway.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

namespace gridbot::testing::fake_dingtalk {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

GatewayConnection::GatewayConnection(beast::tcp_stream stream, OnFrame on_frame)
    : ws_(std::move(stream)), on_frame_(std::move(on_frame)) {}

asio::awaitable<void> GatewayConnection::run(beast::http::request<beast::http::string_body> upgrade,
                                             std::function<void()> on_open) {
  auto self = shared_from_this();
  beast::get_lowest_layer(ws_).expires_never();
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  boost::system::error_code ec;
  co_await ws_.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  ws_.text(true);
  open_ = true;
  on_open();
  beast::flat_buffer buffer;
  for (;;) {
    co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    on_frame_(beast::buffers_to_string(buffer.data()));
    buffer.consume(buffer.size());
  }
  open_ = false;
  queue_.clear();
}

void GatewayConnection::send(std::string text) {
  if (!open_) return;
  queue_.push_back(std::move(text));
  if (!writing_) asio::co_spawn(ws_.get_executor(), write_queued(), asio::detached);
}

asio::awaitable<void> GatewayConnection::write_queued() {
  auto self = shared_from_this();
  writing_ = true;
  while (!queue_.empty() && open_) {
    std::string text = std::move(queue_.front());
    queue_.pop_front();
    boost::system::error_code ec;
    co_await ws_.async_write(asio::buffer(text), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
  writing_ = false;
}

void GatewayConnection::drop() {
  boost::system::error_code ec;
  auto& socket = beast::get_lowest_layer(ws_).socket();
  socket.set_option(asio::socket_base::linger(true, 0), ec);  // a reset, as a dead link looks
  socket.close(ec);
}

}  // namespace gridbot::testing::fake_dingtalk
