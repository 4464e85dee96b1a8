// WebSocket against a loopback echo server: text and binary round trips, handshake headers,
// writes queued in order, the peer's close as a TransportError, close() that never throws, wss.
#include <doctest/doctest.h>

#include <fstream>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/net/websocket.hpp"
#include "tests/net/loopback_http_server.hpp"
#include "tests/net/loopback_websocket_server.hpp"
#include "tests/net/run.hpp"
#include "tests/net/test_certificates.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace gridbot;
using gridbot::testing::run;
namespace asio = boost::asio;

std::string ws_url(std::uint16_t port, const std::string& scheme = "ws", const std::string& host = "127.0.0.1") {
  return scheme + "://" + host + ":" + std::to_string(port) + "/stream";
}

}  // namespace

TEST_CASE("ws: text and binary messages come back with their type; handshake headers arrive") {
  testing::LoopbackWebSocketServer server;
  asio::io_context io;
  auto socket = run(io, net::WebSocket::connect(io, ws_url(server.port()), {.headers = {{"x-gridbot-test", "yes"}}}));
  CHECK(server.handshake_header("x-gridbot-test") == "yes");
  CHECK(server.handshake_header("Host") == "127.0.0.1:" + std::to_string(server.port()));

  run(io, socket->write({false, "{\"cmd\":\"ping\",\"text\":\"你好\"}"}));
  auto text = run(io, socket->read());
  CHECK_FALSE(text.binary);
  CHECK(text.data == "{\"cmd\":\"ping\",\"text\":\"你好\"}");

  const std::string bytes("\x00\x01\xfe\xff", 4);
  run(io, socket->write({true, bytes}));
  auto binary = run(io, socket->read());
  CHECK(binary.binary);
  CHECK(binary.data == bytes);
  run(io, socket->close());
}

TEST_CASE("ws: concurrent writes are queued and sent in the order they were made") {
  testing::LoopbackWebSocketServer server;
  asio::io_context io;
  auto socket = run(io, net::WebSocket::connect(io, ws_url(server.port())));
  int failed = 0;
  for (int i = 0; i < 20; ++i)
    asio::co_spawn(
        io,
        [&socket, &failed, i]() -> asio::awaitable<void> {
          // A named message: with a braced temporary as the argument inside co_await, GCC 12's code
          // freed an invalid pointer here.
          net::WebSocketMessage message{false, std::string(1000 * (i % 3), 'p') + std::to_string(i)};
          try {
            co_await socket->write(std::move(message));
          } catch (const net::TransportError&) {
            ++failed;
          }
        },
        asio::detached);
  for (int i = 0; i < 20; ++i) {
    const auto message = run(io, socket->read());
    CHECK(message.data == std::string(1000 * (i % 3), 'p') + std::to_string(i));
  }
  CHECK(failed == 0);
}

TEST_CASE("ws: the peer's close makes read throw with its code and reason; close() never throws") {
  testing::LoopbackWebSocketServer server;
  asio::io_context io;
  auto socket = run(io, net::WebSocket::connect(io, ws_url(server.port())));
  run(io, socket->write({false, "close please"}));
  try {
    run(io, socket->read());
    FAIL("the server closed the connection");
  } catch (const net::TransportError& e) {
    CHECK(std::string(e.what()).find("code 4001") != std::string::npos);
    CHECK(std::string(e.what()).find("going away") != std::string::npos);
  }
  CHECK_THROWS_AS(run(io, socket->write({false, "too late"})), net::TransportError);
  CHECK_NOTHROW(run(io, socket->close()));
  CHECK_NOTHROW(run(io, socket->close()));
}

TEST_CASE("ws: a server that declines the upgrade, or none listening: TransportError") {
  testing::LoopbackHttpServer plain_http;
  asio::io_context io;
  CHECK_THROWS_WITH_AS(run(io, net::WebSocket::connect(io, ws_url(plain_http.port()))),
                       doctest::Contains("answered HTTP 200"), net::TransportError);
  CHECK_THROWS_AS(run(io, net::WebSocket::connect(io, "http://127.0.0.1:1/")), std::invalid_argument);
}

TEST_CASE("ws: a message over max_message_bytes fails the read; a server that never upgrades hits the deadline") {
  testing::LoopbackWebSocketServer server;
  asio::io_context io;
  auto socket = run(io, net::WebSocket::connect(io, ws_url(server.port()), {.max_message_bytes = 1024}));
  run(io, socket->write({false, std::string(2000, 'x')}));  // echoed back: more than we accept
  CHECK_THROWS_WITH_AS(run(io, socket->read()), doctest::Contains("exceeded 1024 bytes"), net::TransportError);

  testing::LoopbackHttpServer silent;  // reads the upgrade request on /never and never answers
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(run(io, net::WebSocket::connect(io, "ws://127.0.0.1:" + std::to_string(silent.port()) + "/never",
                                                  {.handshake_timeout = std::chrono::milliseconds(300)})),
                  net::TransportError);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));  // the server waits an hour
}

TEST_CASE("wss: the test CA through ca_file; an unknown CA is refused") {
  const auto& certificates = testing::test_certificates();
  auto tls = testing::server_tls_context(certificates.leaf, certificates.leaf_key);
  testing::LoopbackWebSocketServer server(&tls);
  testing::TempDir dir;
  const std::string ca = dir.file("ca.pem"), other = dir.file("other.pem");
  std::ofstream(ca) << certificates.ca;
  std::ofstream(other) << certificates.unknown_ca;
  asio::io_context io;
  auto socket = run(io, net::WebSocket::connect(io, ws_url(server.port(), "wss", "localhost"), {.ca_file = ca}));
  run(io, socket->write({false, "over TLS"}));
  CHECK(run(io, socket->read()).data == "over TLS");
  run(io, socket->close());
  CHECK_THROWS_WITH_AS(run(io, net::WebSocket::connect(io, ws_url(server.port(), "wss"), {.ca_file = other})),
                       doctest::Contains("TLS handshake"), net::TransportError);
}
