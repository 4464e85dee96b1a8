#include "tests/support/fake_dingtalk/fake_dingtalk.hpp"

#include <future>
#include <optional>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "bot/http/router.hpp"
#include "tests/support/fake_dingtalk/api.hpp"
#include "tests/support/fake_dingtalk/recorder.hpp"
#include "tests/support/fake_dingtalk/stream_gateway.hpp"

namespace gridbot::testing::fake_dingtalk {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;
using nlohmann::json;

namespace {

// A downstream frame as DingTalk writes it (§3.3): data is a JSON string.
std::string frame(const std::string& type, const std::string& topic, const std::string& message_id, const json& data) {
  return json{{"specVersion", "1.0"},
              {"type", type},
              {"headers",
               {{"appId", "fake-app"}, {"connectionId", "fake-conn"}, {"contentType", "application/json"},
                {"messageId", message_id}, {"time", "1700000000000"}, {"topic", topic}}},
              {"data", data.dump()}}
      .dump();
}

}  // namespace

// Declaration order is destruction order reversed: the io_context (and the coroutines it still
// holds, which use the recorder and the API) goes before them.
struct FakeDingtalk::Impl {
  Recorder recorder;
  Api api;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  // Fake's thread only:
  std::vector<std::weak_ptr<GatewayConnection>> connections;
  std::vector<std::pair<std::string, std::string>> unacked;  // messageId → frame, in push order
  int next_message = 1;
  std::thread thread;

  explicit Impl(Settings settings) : api(std::move(settings), recorder) {}

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port); }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted) break;
      if (!ec) asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }

  bhttp::response<bhttp::string_body> answer(const bhttp::request<bhttp::string_body>& request) {
    Request r{request.target(), request["x-acs-dingtalk-access-token"], request[bhttp::field::accept], request.body()};
    const Answer a = api.handle(r, base_url());
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(a.http_status), request.version()};
    response.set(bhttp::field::content_type, a.body.starts_with("<") ? "application/xml" : "application/json;charset=utf-8");
    response.keep_alive(request.keep_alive());
    response.body() = a.body;
    response.prepare_payload();
    return response;
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(4 * 1024 * 1024);
      boost::system::error_code ec;
      stream.expires_after(std::chrono::seconds(60));
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      if (beast::websocket::is_upgrade(parser.get())) {
        co_await upgrade(std::move(stream), parser.release());
        co_return;
      }
      auto response = answer(parser.get());
      co_await bhttp::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !response.keep_alive()) co_return;
    }
  }

  asio::awaitable<void> upgrade(beast::tcp_stream stream, bhttp::request<bhttp::string_body> request) {
    std::string target(request.target());
    auto at = target.find("ticket=");
    std::string ticket = at == std::string::npos ? "" : http_decode(target.substr(at + 7));
    if (!target.starts_with("/gateway") || !api.use_ticket(ticket)) {
      recorder.update([](Records& r) { ++r.tickets_refused; });
      bhttp::response<bhttp::string_body> refused{bhttp::status::forbidden, request.version()};
      refused.body() = R"({"code":"invalidTicket","message":"ticket is invalid or used"})";
      refused.prepare_payload();
      boost::system::error_code ec;
      co_await bhttp::async_write(stream, refused, asio::redirect_error(asio::use_awaitable, ec));
      co_return;
    }
    auto connection = std::make_shared<GatewayConnection>(std::move(stream), [this](const std::string& text) { on_client_frame(text); });
    connections.push_back(connection);
    co_await connection->run(std::move(request), [this, connection] {
      recorder.update([](Records& r) { ++r.connections; });
      // What was never acked comes again on the next connection, as DingTalk delivers it again.
      for (const auto& [id, text] : unacked) connection->send(text);
    });
    recorder.update([](Records& r) { ++r.disconnects; });
  }

  static std::string http_decode(std::string_view s);

  void on_client_frame(const std::string& text) {
    ClientFrame f{"", json::parse(text, nullptr, false), text};
    if (f.frame.is_object() && f.frame.contains("headers") && f.frame["headers"].is_object())
      f.message_id = f.frame["headers"].value("messageId", "");
    if (f.frame.is_object() && f.frame.value("code", 0) == 200)
      std::erase_if(unacked, [&](const auto& u) { return u.first == f.message_id; });
    recorder.update([&](Records& r) { r.frames.push_back(std::move(f)); });
  }

  std::shared_ptr<GatewayConnection> newest() {
    for (auto it = connections.rbegin(); it != connections.rend(); ++it)
      if (auto c = it->lock(); c && c->open()) return c;
    return nullptr;
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

std::string FakeDingtalk::Impl::http_decode(std::string_view s) { return http::percent_decode(s, false); }

FakeDingtalk::FakeDingtalk(Settings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

FakeDingtalk::~FakeDingtalk() {
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t FakeDingtalk::port() const { return impl_->port; }
std::string FakeDingtalk::base_url() const { return impl_->base_url(); }
const Settings& FakeDingtalk::settings() const { return impl_->api.settings(); }
Records FakeDingtalk::records() const { return impl_->recorder.snapshot(); }

bool FakeDingtalk::wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout) const {
  return impl_->recorder.wait_until(ready, timeout);
}

std::vector<ApiCall> FakeDingtalk::wait_for_calls(const std::string& endpoint, std::size_t n,
                                                  std::chrono::milliseconds timeout) const {
  impl_->recorder.wait_until([&](const Records& r) { return r.calls_to(endpoint).size() >= n; }, timeout);
  return records().calls_to(endpoint);
}

std::string FakeDingtalk::new_session_webhook() { return impl_->api.new_session_webhook(base_url()); }
void FakeDingtalk::expire_all_tokens() { impl_->api.expire_all_tokens(); }
void FakeDingtalk::set_scene_group(const std::string& open_conversation_id, std::vector<SceneGroupMember> members,
                                   int page_size) {
  impl_->api.set_scene_group(open_conversation_id, std::move(members), page_size);
}
void FakeDingtalk::fail_next(const std::string& endpoint, int n, Fault fault) {
  impl_->api.fail_next(endpoint, n, std::move(fault));
}

std::string FakeDingtalk::push_robot_message(const json& data) {
  return impl_->on_thread([&]() -> std::string {
    auto c = impl_->newest();
    if (!c) return {};
    std::string id = "fake-frame-" + std::to_string(impl_->next_message++);
    std::string text = frame("CALLBACK", "/v1.0/im/bot/messages/get", id, data);
    impl_->unacked.emplace_back(id, text);
    c->send(std::move(text));
    return id;
  });
}

bool FakeDingtalk::push_ping() {
  return impl_->on_thread([&] {
    auto c = impl_->newest();
    if (c) c->send(frame("SYSTEM", "ping", "fake-ping-" + std::to_string(impl_->next_message++), json{{"opaque", "p1"}}));
    return c != nullptr;
  });
}

bool FakeDingtalk::send_disconnect() {
  return impl_->on_thread([&] {
    auto c = impl_->newest();
    if (c) c->send(frame("SYSTEM", "disconnect", "fake-disc-" + std::to_string(impl_->next_message++), json{{"reason", "rebalance"}}));
    return c != nullptr;
  });
}

bool FakeDingtalk::drop_connection() {
  return impl_->on_thread([&] {
    auto c = impl_->newest();
    if (c) c->drop();
    return c != nullptr;
  });
}

bool FakeDingtalk::wait_for_connections(int n, std::chrono::milliseconds timeout) const {
  return wait_until([n](const Records& r) { return r.connections >= n; }, timeout);
}

}  // namespace gridbot::testing::fake_dingtalk
