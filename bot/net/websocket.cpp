#include "bot/net/websocket.hpp"

#include <deque>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "bot/net/dial.hpp"
#include "bot/net/url.hpp"

namespace gridbot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using steady = std::chrono::steady_clock;

using PlainSocket = websocket::stream<beast::tcp_stream>;
using TlsSocket = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

struct WebSocket::Impl {
  Url url;
  WebSocketOptions options;
  std::unique_ptr<asio::ssl::context> tls_context;  // wss: the stream points into it
  std::unique_ptr<PlainSocket> plain;
  std::unique_ptr<TlsSocket> tls;
  beast::flat_buffer read_buffer;
  // Beast allows one write at a time: writers take turns, first come first served.
  bool writing = false;
  std::deque<asio::steady_timer*> waiting;
  bool closing = false;

  beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : beast::get_lowest_layer(*plain); }

  asio::awaitable<void> take_turn() {
    if (!writing) {
      writing = true;
      co_return;
    }
    asio::steady_timer turn(tcp().get_executor(), steady::time_point::max());
    waiting.push_back(&turn);
    boost::system::error_code woken;
    co_await turn.async_wait(asio::redirect_error(asio::use_awaitable, woken));
  }
  void pass_turn() {
    if (waiting.empty()) {
      writing = false;
      return;
    }
    waiting.front()->cancel();  // the turn goes to it; `writing` stays set
    waiting.pop_front();
  }
};

namespace {

struct Turn {
  WebSocket::Impl& impl;
  ~Turn() { impl.pass_turn(); }
};

template <class Socket>
asio::awaitable<void> handshake(Socket& socket, WebSocket::Impl& impl, Deadline deadline) {
  socket.read_message_max(impl.options.max_message_bytes);
  socket.set_option(websocket::stream_base::decorator([&headers = impl.options.headers](websocket::request_type& request) {
    request.set(beast::http::field::user_agent, "gridbot");
    for (const auto& [name, value] : headers) request.set(name, value);
  }));
  // The stream's own deadline served the connect; from here Beast's timeouts apply. No idle
  // timeout: the platforms' protocols ping, and their long connections watch that themselves.
  beast::get_lowest_layer(socket).expires_never();
  const auto left = std::chrono::duration_cast<steady::duration>(deadline - steady::now());
  socket.set_option(websocket::stream_base::timeout{std::max(left, steady::duration(1)), websocket::stream_base::none(), false});
  websocket::response_type answer;
  boost::system::error_code ec;
  co_await socket.async_handshake(answer, impl.url.host_header(), impl.url.target,
                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec == websocket::error::upgrade_declined)
    throw TransportError("websocket handshake with " + impl.url.redacted() + ": the server answered HTTP " +
                         std::to_string(answer.result_int()));
  if (ec) throw TransportError("websocket handshake with " + impl.url.redacted() + ": " + ec.message());
  // Closing waits this long for the peer's close frame.
  socket.set_option(websocket::stream_base::timeout{impl.options.handshake_timeout, websocket::stream_base::none(), false});
}

template <class Socket>
asio::awaitable<WebSocketMessage> read_from(Socket& socket, WebSocket::Impl& impl) {
  impl.read_buffer.clear();
  boost::system::error_code ec;
  co_await socket.async_read(impl.read_buffer, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == websocket::error::closed) {
    const auto& why = socket.reason();
    throw TransportError("websocket " + impl.url.redacted() + " closed by the peer: code " + std::to_string(why.code) +
                         (why.reason.empty() ? "" : " \"" + std::string(why.reason.c_str()) + "\""));
  }
  if (ec == websocket::error::message_too_big)
    throw TransportError("websocket " + impl.url.redacted() + ": a message exceeded " +
                         std::to_string(impl.options.max_message_bytes) + " bytes");
  if (ec) throw TransportError("websocket " + impl.url.redacted() + ": " + ec.message());
  co_return WebSocketMessage{socket.got_binary(), beast::buffers_to_string(impl.read_buffer.data())};
}

template <class Socket>
asio::awaitable<void> write_to(Socket& socket, WebSocket::Impl& impl, const WebSocketMessage& message) {
  co_await impl.take_turn();
  Turn turn{impl};
  if (impl.closing || !socket.is_open())
    throw TransportError("websocket " + impl.url.redacted() + ": the connection is closed");
  socket.binary(message.binary);
  boost::system::error_code ec;
  co_await socket.async_write(asio::buffer(message.data), asio::redirect_error(asio::use_awaitable, ec));
  if (ec) throw TransportError("websocket " + impl.url.redacted() + ": writing failed: " + ec.message());
}

template <class Socket>
asio::awaitable<void> close_on(Socket& socket, WebSocket::Impl& impl) {
  boost::system::error_code ec;
  if (impl.closing) co_return;
  impl.closing = true;
  if (impl.writing || !socket.is_open()) {
    // A write is stuck (a peer that stopped reading) or the connection is gone: no close frame
    // can go out in order, so just drop the connection.
    beast::get_lowest_layer(socket).socket().close(ec);
    co_return;
  }
  impl.writing = true;
  Turn turn{impl};
  co_await socket.async_close(websocket::close_code::normal, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) beast::get_lowest_layer(socket).socket().close(ec);
}

}  // namespace

WebSocket::WebSocket(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebSocket::~WebSocket() = default;

asio::awaitable<std::unique_ptr<WebSocket>> WebSocket::connect(asio::io_context& io, std::string url,
                                                               WebSocketOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->url = parse_url(url);
  impl->options = std::move(options);
  if (impl->url.scheme != "ws" && impl->url.scheme != "wss")
    throw std::invalid_argument("WebSocket: '" + impl->url.scheme + "' URLs are HttpClient's");
  const Deadline deadline = steady::now() + impl->options.handshake_timeout;
  if (impl->url.secure) {
    impl->tls_context = std::make_unique<asio::ssl::context>(make_tls_context(impl->options.ca_file));
    impl->tls = std::make_unique<TlsSocket>(io, *impl->tls_context);
    co_await dial(beast::get_lowest_layer(*impl->tls), impl->url, deadline);
    co_await handshake_tls(impl->tls->next_layer(), impl->url, deadline);
    co_await handshake(*impl->tls, *impl, deadline);
  } else {
    impl->plain = std::make_unique<PlainSocket>(io);
    co_await dial(beast::get_lowest_layer(*impl->plain), impl->url, deadline);
    co_await handshake(*impl->plain, *impl, deadline);
  }
  co_return std::unique_ptr<WebSocket>(new WebSocket(std::move(impl)));
}

asio::awaitable<WebSocketMessage> WebSocket::read() {
  if (impl_->tls) co_return co_await read_from(*impl_->tls, *impl_);
  co_return co_await read_from(*impl_->plain, *impl_);
}

asio::awaitable<void> WebSocket::write(WebSocketMessage message) {
  if (impl_->tls) co_await write_to(*impl_->tls, *impl_, message);
  else co_await write_to(*impl_->plain, *impl_, message);
}

asio::awaitable<void> WebSocket::close() {
  try {
    if (impl_->tls) co_await close_on(*impl_->tls, *impl_);
    else co_await close_on(*impl_->plain, *impl_);
  } catch (...) {
    // close() is what error paths call; it has nothing left to report.
  }
}

}  // namespace gridbot::net
