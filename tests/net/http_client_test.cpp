// HttpClient against loopback servers: keep-alive reuse, deadlines, limits, HTTP errors as
// answers, raw UTF-8 bodies, chunked answers, stale pooled connections, and TLS verification.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

#include "bot/net/http_client.hpp"
#include "tests/net/loopback_http_server.hpp"
#include "tests/net/run.hpp"
#include "tests/net/test_certificates.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace gridbot;
using gridbot::testing::run;

net::HttpRequest get(std::uint16_t port, const std::string& path, const std::string& scheme = "http",
                     const std::string& host = "127.0.0.1") {
  net::HttpRequest request;
  request.url = scheme + "://" + host + ":" + std::to_string(port) + path;
  return request;
}

net::HttpRequest post(std::uint16_t port, const std::string& path, std::string body) {
  net::HttpRequest request = get(port, path);
  request.method = "POST";
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.body = std::move(body);
  return request;
}

std::string write_file(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("keep-alive: sequential requests to one host share one connection") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client(io);
  for (int i = 0; i < 3; ++i) {
    const auto answer = run(io, client.request(get(server.port(), "/hello")));
    CHECK(answer.status == 200);
    CHECK(answer.body == "hello");
  }
  CHECK(server.connections() == 1);
  CHECK(server.last_header("Host") == "127.0.0.1:" + std::to_string(server.port()));
}

TEST_CASE("a server that never answers: the request's deadline fires") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client(io);
  auto request = get(server.port(), "/never");
  request.timeout = std::chrono::milliseconds(200);
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH_AS(run(io, client.request(request)), doctest::Contains("no answer within 200 ms"),
                       net::TransportError);
  // The server holds the request for an hour; only the deadline can have ended it this soon.
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

TEST_CASE("an answer over max_response_bytes is refused; under it, it arrives whole") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient small(io, {.max_response_bytes = 1024 * 1024});
  CHECK_THROWS_WITH_AS(run(io, small.request(get(server.port(), "/big"))), doctest::Contains("exceeds 1048576 bytes"),
                       net::TransportError);
  CHECK_THROWS_WITH_AS(run(io, small.request(get(server.port(), "/big-chunked"))),
                       doctest::Contains("exceeds 1048576 bytes"), net::TransportError);
  net::HttpClient roomy(io);
  CHECK(run(io, roomy.request(get(server.port(), "/big"))).body.size() == 2 * 1024 * 1024);
}

TEST_CASE("an HTTP 500 is an answer, not a TransportError") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client(io);
  const auto answer = run(io, client.request(get(server.port(), "/status/500")));
  CHECK(answer.status == 500);
  CHECK(answer.body == "boom");
  CHECK(answer.headers.at("content-length") == "4");  // names lower-cased
}

TEST_CASE("POST bodies arrive byte for byte, raw UTF-8 included") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client(io);
  const std::string body = "{\"text\":\"3号楼电梯坏了，请尽快处理 🚧\"}";
  const auto answer = run(io, client.request(post(server.port(), "/echo", body)));
  CHECK(server.last_body() == body);
  CHECK(server.last_header("Content-Length") == std::to_string(body.size()));
  CHECK(answer.body == body);
  CHECK(answer.headers.at("x-got-content-type") == "application/json; charset=utf-8");
}

TEST_CASE("a chunked answer is decoded") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client(io);
  const auto answer = run(io, client.request(get(server.port(), "/chunked")));
  CHECK(answer.headers.at("transfer-encoding") == "chunked");
  CHECK(answer.body == "sent in chunks");
}

TEST_CASE("a pooled connection the server closed is not used for the next request") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client(io);
  CHECK(run(io, client.request(get(server.port(), "/close-after"))).status == 200);
  CHECK(run(io, client.request(post(server.port(), "/echo", "second"))).body == "second");
  CHECK(server.connections() == 2);
}

TEST_CASE("a pooled connection cut mid-request: GET is retried once on a fresh one, POST is not") {
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client(io);
  CHECK(run(io, client.request(get(server.port(), "/drop-second"))).status == 200);
  CHECK(run(io, client.request(get(server.port(), "/drop-second"))).status == 200);
  CHECK(server.connections() == 2);  // the retry's, which has served one request and is parked

  // Its second request: the server reads this POST, then drops the connection. Resending could
  // do it twice, so the caller hears of it instead.
  CHECK_THROWS_WITH_AS(run(io, client.request(post(server.port(), "/drop-second", "once"))),
                       doctest::Contains("kept-alive connection was closed"), net::TransportError);
  CHECK(server.connections() == 2);
}

TEST_CASE("no server listening: TransportError; a malformed URL or method: invalid_argument") {
  boost::asio::io_context io;
  net::HttpClient client(io);
  CHECK_THROWS_AS(run(io, client.request(get(testing::free_port(), "/hello"))), net::TransportError);
  net::HttpRequest bad;
  bad.url = "ftp://127.0.0.1/file";
  CHECK_THROWS_AS(run(io, client.request(bad)), std::invalid_argument);
  bad.url = "http://127.0.0.1:99999/";
  CHECK_THROWS_AS(run(io, client.request(bad)), std::invalid_argument);
  bad.url = "http://127.0.0.1/";
  bad.method = "FETCH";
  CHECK_THROWS_AS(run(io, client.request(bad)), std::invalid_argument);
}

TEST_CASE("errors never show the URL's query, where tokens and keys travel") {
  boost::asio::io_context io;
  net::HttpClient client(io);
  auto request = get(testing::free_port(), "/cgi-bin/message/send?access_token=SECRET-TOKEN");
  try {
    run(io, client.request(request));
    FAIL("no server listens there");
  } catch (const net::TransportError& e) {
    CHECK(std::string(e.what()).find("SECRET-TOKEN") == std::string::npos);
    CHECK(std::string(e.what()).find("/cgi-bin/message/send") != std::string::npos);
  }
}

// A TLS loopback server presenting `certificate`, and a client trusting only `trusted` (PEM).
struct TlsRig {
  TlsRig(const std::string& certificate, const std::string& key, const std::string& trusted)
      : tls(testing::server_tls_context(certificate, key)),
        server(&tls),
        client(io, {.ca_file = write_file(dir, "trusted.pem", trusted)}) {}
  net::HttpResponse get_hello(const std::string& host = "127.0.0.1") {
    return run(io, client.request(get(server.port(), "/hello", "https", host)));
  }
  testing::TempDir dir;
  boost::asio::ssl::context tls;
  testing::LoopbackHttpServer server;
  boost::asio::io_context io;
  net::HttpClient client;
};

TEST_CASE("https: the test CA is trusted through ca_file, for 127.0.0.1 and for localhost") {
  const auto& certificates = testing::test_certificates();
  TlsRig rig(certificates.leaf, certificates.leaf_key, certificates.ca);
  CHECK(rig.get_hello().body == "hello");
  CHECK(rig.get_hello().body == "hello");
  CHECK(rig.server.connections() == 1);  // TLS connections are pooled too
  CHECK(rig.get_hello("localhost").body == "hello");
}

TEST_CASE("https: a certificate for another host name is refused") {
  const auto& certificates = testing::test_certificates();
  TlsRig rig(certificates.wrong_name, certificates.wrong_name_key, certificates.ca);
  CHECK_THROWS_WITH_AS(rig.get_hello(), doctest::Contains("TLS handshake"), net::TransportError);
  CHECK_THROWS_WITH_AS(rig.get_hello("localhost"), doctest::Contains("mismatch"), net::TransportError);
}

TEST_CASE("https: a certificate from a CA the client does not trust is refused") {
  const auto& certificates = testing::test_certificates();
  TlsRig rig(certificates.leaf, certificates.leaf_key, certificates.unknown_ca);
  CHECK_THROWS_WITH_AS(rig.get_hello(), doctest::Contains("unable to get local issuer certificate"), net::TransportError);
  net::HttpClient system_store(rig.io);  // the system's CAs never signed the test leaf either
  CHECK_THROWS_AS(run(rig.io, system_store.request(get(rig.server.port(), "/hello", "https"))), net::TransportError);
}

TEST_CASE("a CA file that cannot be read is named in the error") {
  boost::asio::io_context io;
  CHECK_THROWS_WITH_AS(net::HttpClient(io, {.ca_file = "/nonexistent/ca.pem"}), doctest::Contains("/nonexistent/ca.pem"),
                       std::runtime_error);
}
