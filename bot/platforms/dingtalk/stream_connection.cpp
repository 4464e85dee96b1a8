#include "bot/platforms/dingtalk/stream_connection.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/log.hpp"

namespace gridbot::dingtalk {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

namespace {
constexpr std::string_view kUserAgent = "gridbot/1 (dingtalk-stream)";
}

StreamConnection::StreamConnection(asio::io_context& io, const AccountConfig& account, Intake& intake,
                                   net::HttpClient& http, StreamTiming timing)
    : io_(io),
      account_(account),
      intake_(intake),
      http_(http),
      timing_(timing),
      wait_(io),
      watchdog_(io),
      random_(std::random_device{}()) {}

StreamConnection::~StreamConnection() { stop(); }

void StreamConnection::start() {
  if (running_) return;
  stopped_ = false;
  running_ = true;
  asio::co_spawn(io_, run(), asio::detached);
}

void StreamConnection::stop() {
  stopped_ = true;
  wait_.cancel();
  watchdog_.cancel();
  if (socket_) close(socket_);
}

void StreamConnection::close(const Socket& socket) {
  // The session's pending read then fails, which ends it.
  asio::co_spawn(io_, [socket]() -> asio::awaitable<void> { co_await socket->close(); }, asio::detached);
}

asio::awaitable<StreamTicket> StreamConnection::open_ticket() {
  net::HttpRequest request;
  request.method = "POST";
  request.url = account_.api_base_url + "/v1.0/gateway/connections/open";
  request.headers["Content-Type"] = "application/json";
  request.headers["Accept"] = "application/json";  // without it DingTalk answers XML
  request.body = connections_open_body(account_.client_id, account_.client_secret, kUserAgent);
  net::HttpResponse response = co_await http_.request(std::move(request));
  if (response.status != 200)
    throw std::runtime_error("connections/open answered HTTP " + std::to_string(response.status) +
                             ": check the app's AppKey and AppSecret and that Stream mode is chosen for its robot");
  auto ticket = parse_connections_open(response.body);
  if (!ticket) throw std::runtime_error("connections/open: " + std::string(describe(ticket.error())));
  co_return std::move(*ticket);
}

asio::awaitable<void> StreamConnection::run() {
  while (!stopped_) {
    try {
      StreamTicket ticket = co_await open_ticket();
      const std::string url = stream_url(ticket);
      // Named, never a temporary (nor a default argument) inside co_await: g++ 12 destroys those twice.
      const net::WebSocketOptions options;
      std::unique_ptr<net::WebSocket> opened = co_await net::WebSocket::connect(io_, url, options);
      Socket socket(std::move(opened));
      if (stopped_) {
        co_await socket->close();
        break;
      }
      socket_ = socket;
      ++connections_;
      log::info("dingtalk", "account {}: Stream connection open", account_.name);
      co_await session(socket);
    } catch (const std::exception& e) {
      // Never the URL's query: it holds the ticket.
      log::warn("dingtalk", "account {}: Stream connection failed: {}", account_.name, e.what());
    }
    socket_.reset();
    if (stopped_) break;
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    const auto delay = reconnect_delay(attempt_++, jitter(random_));
    log::info("dingtalk", "account {}: Stream connection closed; dialing again in {} ms", account_.name, delay.count());
    boost::system::error_code ec;
    wait_.expires_after(delay);
    co_await wait_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  running_ = false;
}

asio::awaitable<void> StreamConnection::session(const Socket& socket) {
  const std::uint64_t generation = ++generation_;
  last_frame_ = steady::now();
  asio::co_spawn(io_, watchdog(socket, generation), asio::detached);
  try {
    for (;;) {
      net::WebSocketMessage message = co_await socket->read();
      last_frame_ = steady::now();
      attempt_ = 0;  // this connection works: the next drop dials again after 1 s
      auto frame = parse_stream_frame(message.data);
      std::string reply;  // named, for the same reason
      if (!frame) {
        log::warn("dingtalk", "account {}: Stream frame ignored: {}", account_.name, describe(frame.error()));
        continue;
      }
      switch (frame->kind) {
        case StreamFrame::Kind::ping:
          reply = ping_ack(*frame);
          co_await answer(*socket, reply);
          break;
        case StreamFrame::Kind::disconnect:
          log::info("dingtalk", "account {}: DingTalk asked this Stream connection to disconnect", account_.name);
          co_await socket->close();
          co_return;
        case StreamFrame::Kind::system:
          break;
        case StreamFrame::Kind::robot_message:
          // Spawned, so the reader goes on (pings among them) while this message waits for its commit.
          asio::co_spawn(io_, take_robot_message(socket, std::move(*frame)), asio::detached);
          break;
        case StreamFrame::Kind::callback:
          reply = callback_ack(frame->message_id);
          co_await answer(*socket, reply);
          break;
        case StreamFrame::Kind::event:
          reply = event_ack(frame->message_id);
          co_await answer(*socket, reply);
          break;
      }
    }
  } catch (const net::TransportError& e) {
    log::info("dingtalk", "account {}: Stream connection ended: {}", account_.name, e.what());
  }
}

asio::awaitable<void> StreamConnection::watchdog(Socket socket, std::uint64_t generation) {
  while (!stopped_ && generation == generation_) {
    boost::system::error_code ec;
    watchdog_.expires_after(timing_.silence_limit / 4);
    co_await watchdog_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopped_ || generation != generation_ || socket_ != socket) co_return;
    if (steady::now() - last_frame_ > timing_.silence_limit) {
      log::warn("dingtalk", "account {}: no frame on the Stream connection for {} ms; taking it for dead", account_.name,
                timing_.silence_limit.count());
      close(socket);
      co_return;
    }
  }
}

asio::awaitable<void> StreamConnection::take_robot_message(Socket socket, StreamFrame frame) {
  auto message = parse_robot_message(frame.data);
  if (!message) {
    // Acked all the same: DingTalk would push a frame we can never read again and again.
    log::warn("dingtalk", "account {}: robot message {} unreadable ({}); acked and dropped", account_.name,
              frame.message_id, describe(message.error()));
    std::string ack = callback_ack(frame.message_id);
    co_await answer(*socket, ack);
    co_return;
  }
  try {
    const bool duplicate = co_await intake_.accept(account_, *message);
    if (duplicate) log::debug("dingtalk", "account {}: message {} delivered again; acked again", account_.name, message->message_id);
  } catch (const std::exception& e) {
    // Nothing was written: no ack, so DingTalk delivers it again.
    log::error("dingtalk", "account {}: robot message {} not taken in: {}", account_.name, message->message_id, e.what());
    co_return;
  }
  std::string ack = callback_ack(frame.message_id);
  co_await answer(*socket, ack);
}

asio::awaitable<void> StreamConnection::answer(net::WebSocket& socket, const std::string& frame) {
  try {
    net::WebSocketMessage message{false, frame};
    co_await socket.write(std::move(message));
  } catch (const net::TransportError& e) {
    // The connection is gone; what was not acked comes again on the next one.
    log::info("dingtalk", "account {}: an ack was not sent: {}", account_.name, e.what());
  }
}

}  // namespace gridbot::dingtalk
