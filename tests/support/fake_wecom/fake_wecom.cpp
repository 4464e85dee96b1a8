#include "tests/support/fake_wecom/fake_wecom.hpp"

#include <future>
#include <optional>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "tests/support/fake_wecom/long_connection.hpp"

namespace gridbot::testing::fake_wecom {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

// Declaration order is destruction order reversed: the io_context (and the coroutines it still
// holds, which use the recorder and the API) goes before them.
struct FakeWecom::Impl {
  Recorder recorder;
  Api api;
  std::atomic<bool> answer_pings{true};
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  // Fake's thread only:
  std::vector<std::weak_ptr<LongConnection>> connections;
  std::weak_ptr<LongConnection> subscribed;
  std::uint64_t next_req = 1;
  std::thread thread;

  explicit Impl(Settings settings) : api(std::move(settings), recorder) {}

  asio::awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted) break;
      if (!ec) asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }

  http::response<http::string_body> answer_request(const http::request<http::string_body>& request,
                                                   std::chrono::milliseconds& delay) {
    const Answer answer = api.handle(request.method_string(), request.target(), request.body());
    delay = answer.delay;
    http::response<http::string_body> response{static_cast<http::status>(answer.http_status), request.version()};
    response.set(http::field::content_type,
                 answer.body.starts_with("<") ? "text/html" : "application/json; charset=UTF-8");
    response.keep_alive(request.keep_alive());
    response.body() = answer.body;
    response.prepare_payload();
    return response;
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    std::optional<http::request<http::string_body>> upgrade;
    while (!upgrade) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(4 * 1024 * 1024);
      boost::system::error_code ec;
      stream.expires_after(std::chrono::seconds(60));
      co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      if (beast::websocket::is_upgrade(parser.get())) {
        upgrade.emplace(parser.release());
        break;
      }
      std::chrono::milliseconds delay{0};
      auto response = answer_request(parser.get(), delay);
      if (delay.count() > 0) {
        asio::steady_timer timer(io, delay);
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !response.keep_alive()) break;
    }
    if (upgrade) {
      auto connection = std::make_shared<LongConnection>(
          std::move(stream), LongConnection::Shared{api, recorder, answer_pings,
                                                    [this](std::shared_ptr<LongConnection> c) { on_subscribed(c); }});
      connections.push_back(connection);
      co_await connection->run(std::move(*upgrade));
    }
  }

  // §0 item 3: one live connection per bot; a new subscribe kicks the old one.
  void on_subscribed(const std::shared_ptr<LongConnection>& fresh) {
    if (auto old = subscribed.lock(); old && old != fresh && old->open()) old->kick(next_req_id("disconnected"));
    subscribed = fresh;
  }

  std::string next_req_id(const char* prefix) { return std::string("fake_") + prefix + "_" + std::to_string(next_req++); }

  // The connection pushes go to: the subscribed one, else the newest one still open.
  std::shared_ptr<LongConnection> target() {
    if (auto s = subscribed.lock(); s && s->open()) return s;
    for (auto it = connections.rbegin(); it != connections.rend(); ++it)
      if (auto c = it->lock(); c && c->open()) return c;
    return nullptr;
  }

  // A callback frame on a fresh req_id, from the test's thread.
  std::string push_callback(const std::string& cmd, const nlohmann::json& body) {
    return on_thread([&]() -> std::string {
      auto c = target();
      if (!c) return {};
      std::string req_id = next_req_id(cmd.c_str());
      c->send(callback_frame(cmd, req_id, body));
      return req_id;
    });
  }

  // Runs `work` on the fake's thread and waits for its result.
  template <class F>
  auto on_thread(F work) -> decltype(work()) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    asio::post(io, [&task] { task(); });
    return result.get();
  }
};

FakeWecom::FakeWecom(Settings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

FakeWecom::~FakeWecom() {
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t FakeWecom::port() const { return impl_->port; }
std::string FakeWecom::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }
std::string FakeWecom::ws_url() const { return "ws://127.0.0.1:" + std::to_string(impl_->port) + "/"; }
const Settings& FakeWecom::settings() const { return impl_->api.settings(); }
Api& FakeWecom::api() { return impl_->api; }

Records FakeWecom::records() const { return impl_->recorder.snapshot(); }

bool FakeWecom::wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout) const {
  return impl_->recorder.wait_until(ready, timeout);
}

std::vector<ApiCall> FakeWecom::wait_for_calls(const std::string& endpoint, std::size_t n,
                                               std::chrono::milliseconds timeout) const {
  wait_until([&](const Records& r) { return r.calls_to(endpoint).size() >= n; }, timeout);
  return records().calls_to(endpoint);
}

std::vector<Frame> FakeWecom::wait_for_frames(const std::string& cmd, std::size_t n,
                                              std::chrono::milliseconds timeout) const {
  wait_until([&](const Records& r) { return r.frames_of(cmd).size() >= n; }, timeout);
  return records().frames_of(cmd);
}

bool FakeWecom::wait_for_subscriptions(int n, std::chrono::milliseconds timeout) const {
  return wait_until([&](const Records& r) { return r.subscriptions >= n; }, timeout);
}

std::string FakeWecom::push_msg_callback(const nlohmann::json& body) {
  return impl_->push_callback("aibot_msg_callback", body);
}

std::string FakeWecom::push_event_callback(const nlohmann::json& body) {
  return impl_->push_callback("aibot_event_callback", body);
}

bool FakeWecom::push_raw(const std::string& text) {
  return impl_->on_thread([&] {
    auto c = impl_->target();
    if (c) c->send(text);
    return c != nullptr;
  });
}

bool FakeWecom::send_disconnected_event() {
  return impl_->on_thread([&] {
    auto c = impl_->target();
    if (c) c->kick(impl_->next_req_id("disconnected"));
    return c != nullptr;
  });
}

bool FakeWecom::drop_connection() {
  return impl_->on_thread([&] {
    auto c = impl_->target();
    if (c) c->drop();
    return c != nullptr;
  });
}

void FakeWecom::answer_pings(bool answer) { impl_->answer_pings = answer; }

}  // namespace gridbot::testing::fake_wecom
