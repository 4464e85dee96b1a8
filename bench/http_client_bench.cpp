// What HttpClient's keep-alive pool saves: sequential GETs to a loopback server (on its own
// thread), through the pool and with a fresh connection per request (max_idle_per_host = 0),
// over http and https (the test CA, ECDSA P-256 leaf).
//   ./build/http_client_bench [REQUESTS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "bot/net/http_client.hpp"
#include "tests/net/loopback_http_server.hpp"
#include "tests/net/run.hpp"
#include "tests/net/test_certificates.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {

boost::asio::awaitable<void> get_many(net::HttpClient& client, std::string url, int requests) {
  for (int i = 0; i < requests; ++i) {
    net::HttpRequest request;
    request.url = url;
    auto answer = co_await client.request(std::move(request));
    if (answer.status != 200) throw std::runtime_error("unexpected status " + std::to_string(answer.status));
  }
}

void measure(const char* label, const std::string& url, net::HttpClientOptions options, int requests,
             const testing::LoopbackHttpServer& server) {
  boost::asio::io_context io;
  net::HttpClient client(io, options);
  const int connections_before = server.connections();
  const auto started = std::chrono::steady_clock::now();
  testing::run(io, get_many(client, url, requests));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%-28s %6d requests  %8.0f requests/s  %7.1f us each  %5d connections\n", label, requests,
              requests / seconds, seconds * 1e6 / requests, server.connections() - connections_before);
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 2000;
  const auto& certificates = testing::test_certificates();
  auto tls = testing::server_tls_context(certificates.leaf, certificates.leaf_key);
  testing::LoopbackHttpServer plain;
  testing::LoopbackHttpServer secure(&tls);
  testing::TempDir dir;
  const std::string ca = dir.file("ca.pem");
  std::ofstream(ca) << certificates.ca;

  const std::string http_url = "http://127.0.0.1:" + std::to_string(plain.port()) + "/hello";
  const std::string https_url = "https://127.0.0.1:" + std::to_string(secure.port()) + "/hello";
  measure("http, kept alive", http_url, {}, requests, plain);
  measure("http, new connection each", http_url, {.max_idle_per_host = 0}, requests, plain);
  measure("https, kept alive", https_url, {.ca_file = ca}, requests, secure);
  measure("https, new connection each", https_url, {.max_idle_per_host = 0, .ca_file = ca}, requests, secure);
}
