#include "bot/platforms/feishu/long_connection.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/log.hpp"

namespace gridbot::feishu {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

LongConnection::LongConnection(asio::io_context& io, const AccountConfig& account, Intake& intake,
                               net::HttpClient& http)
    : io_(io), account_(account), intake_(intake), http_(http), wait_(io), pings_(io), random_(std::random_device{}()) {}

LongConnection::~LongConnection() { stop(); }

void LongConnection::start() {
  if (running_) return;
  stopped_ = false;
  running_ = true;
  asio::co_spawn(io_, run(), asio::detached);
}

void LongConnection::stop() {
  stopped_ = true;
  wait_.cancel();
  pings_.cancel();
  if (socket_) close(socket_);
}

void LongConnection::close(const Socket& socket) {
  // The session's pending read then fails, which ends it.
  asio::co_spawn(io_, [socket]() -> asio::awaitable<void> { co_await socket->close(); }, asio::detached);
}

asio::awaitable<std::optional<Endpoint>> LongConnection::open_endpoint() {
  net::HttpRequest request;
  request.method = "POST";
  request.url = account_.api_base_url + "/callback/ws/endpoint";
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.body = endpoint_request(account_.app_id, account_.app_secret);
  net::HttpResponse response = co_await http_.request(std::move(request));
  auto endpoint = parse_endpoint_answer(response.status, response.body);
  if (endpoint) co_return std::move(*endpoint);
  if (endpoint.error().retry) throw std::runtime_error("callback/ws/endpoint: " + endpoint.error().error);
  log::error("feishu", "ALERT account {}: the long connection stops: {}", account_.name, endpoint.error().error);
  co_return std::nullopt;
}

asio::awaitable<void> LongConnection::run() {
  while (!stopped_) {
    try {
      auto endpoint = co_await open_endpoint();
      if (!endpoint) {
        gave_up_ = true;
        break;
      }
      config_ = endpoint->config;
      // Named, never a temporary (nor a default argument) inside co_await: g++ 12 destroys those twice.
      const net::WebSocketOptions options;
      std::unique_ptr<net::WebSocket> opened = co_await net::WebSocket::connect(io_, endpoint->url, options);
      Socket socket(std::move(opened));
      if (stopped_) {
        co_await socket->close();
        break;
      }
      socket_ = socket;
      ++connections_;
      log::info("feishu", "account {}: long connection open", account_.name);
      co_await session(socket, endpoint->service_id);
    } catch (const std::exception& e) {
      // Never the URL: its query identifies the connection.
      log::warn("feishu", "account {}: long connection failed: {}", account_.name, e.what());
    }
    socket_.reset();
    if (stopped_) break;
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    const auto delay = reconnect_delay(config_, attempt_++, jitter(random_));
    if (!delay) {
      log::error("feishu", "ALERT account {}: the long connection stops after {} failed reconnects (ReconnectCount)",
                 account_.name, config_.reconnect_count);
      gave_up_ = true;
      break;
    }
    log::info("feishu", "account {}: long connection closed; dialing again in {} ms", account_.name, delay->count());
    boost::system::error_code ec;
    wait_.expires_after(*delay);
    co_await wait_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  running_ = false;
}

asio::awaitable<void> LongConnection::session(const Socket& socket, std::int32_t service_id) {
  const std::uint64_t generation = ++generation_;
  last_frame_ = steady::now();
  asio::co_spawn(io_, pinger(socket, service_id, generation), asio::detached);
  try {
    for (;;) {
      net::WebSocketMessage message = co_await socket->read();
      const auto now = steady::now();
      last_frame_ = now;
      attempt_ = 0;  // this connection works: a drop starts the reconnect count again
      auto frame = decode_frame(message.data);
      if (!frame) {
        log::warn("feishu", "account {}: long-connection frame ignored: {}", account_.name, describe(frame.error()));
        continue;
      }
      if (frame->method == Frame::control) {
        if (frame->type() == "pong" && !frame->payload.empty()) {
          if (auto config = parse_client_config(frame->payload, config_)) config_ = *config;
        }
        continue;
      }
      auto whole = fragments_.add(*frame, now);
      if (!whole) {
        log::warn("feishu", "account {}: data frame ignored: {}", account_.name, describe(whole.error()));
        continue;
      }
      if (!*whole) continue;  // more fragments to come
      // Spawned, so the reader goes on (pongs among them) while this event waits for its commit.
      asio::co_spawn(io_, take_event(socket, std::move(*frame), std::move(**whole), now), asio::detached);
    }
  } catch (const net::TransportError& e) {
    log::info("feishu", "account {}: long connection ended: {}", account_.name, e.what());
  }
}

asio::awaitable<void> LongConnection::pinger(Socket socket, std::int32_t service_id, std::uint64_t generation) {
  while (!stopped_ && generation == generation_ && socket_ == socket) {
    std::string ping = ping_frame(service_id);  // named: see run()
    co_await write(*socket, std::move(ping));
    boost::system::error_code ec;
    pings_.expires_after(config_.ping_interval);
    co_await pings_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopped_ || generation != generation_ || socket_ != socket) co_return;
    // Feishu answers every ping with a pong: two intervals of silence mean a dead connection.
    if (steady::now() - last_frame_ > 2 * config_.ping_interval) {
      log::warn("feishu", "account {}: no frame on the long connection for two ping intervals; taking it for dead",
                account_.name);
      close(socket);
      co_return;
    }
  }
}

asio::awaitable<void> LongConnection::take_event(Socket socket, Frame frame, std::string payload,
                                                 steady::time_point started) {
  auto took = [&] { return std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - started); };
  // Long-connection events are plaintext, and the app secret authenticated the connection: no
  // token check (a configured token that events on this path do not carry would drop them all).
  const std::string_view no_token_check;
  auto envelope = parse_event_payload(payload, no_token_check);
  std::expected<Intake::Outcome, Error> outcome = std::unexpected(Error::malformed_json);
  if (envelope) {
    try {
      outcome = co_await intake_.accept(account_, *envelope);
    } catch (const std::exception& e) {
      // Nothing was written: no ack, so Feishu delivers it again.
      log::error("feishu", "account {}: event not taken in: {}", account_.name, e.what());
      co_return;
    }
  }
  if (!outcome) {
    // Acked all the same: Feishu would push an event we can never read again and again.
    log::warn("feishu", "account {}: event unreadable ({}); acked and dropped", account_.name,
              describe(envelope ? outcome.error() : envelope.error()));
  }
  std::string ack = ack_frame(frame, took());  // named: see run()
  co_await write(*socket, std::move(ack));
}

asio::awaitable<void> LongConnection::write(net::WebSocket& socket, std::string frame) {
  try {
    net::WebSocketMessage message{true, std::move(frame)};
    co_await socket.write(std::move(message));
  } catch (const net::TransportError& e) {
    // The connection is gone; what was not acked comes again on the next one.
    log::info("feishu", "account {}: a frame was not sent: {}", account_.name, e.what());
  }
}

}  // namespace gridbot::feishu
