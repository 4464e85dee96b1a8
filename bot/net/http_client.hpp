// An HTTP/1.1 client for the platforms' APIs, on Beast + OpenSSL: https:// with the system CA
// store, SNI and host-name verification; plain http:// accepted so tests talk to fakes on
// 127.0.0.1. A keep-alive pool per (scheme, host, port); connect and whole-request deadlines.
// No hand-written TLS or HTTP parsing. Runs on the event loop that owns it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/awaitable.hpp"

namespace gridbot::net {

// The request never got an HTTP answer (DNS, connect, TLS, deadline, cut connection): the caller
// retries. An HTTP error status is not this: it comes back as an HttpResponse.
struct TransportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, PATCH, DELETE
  std::string url;             // http(s)://host[:port]/path?query, already percent-encoded
  std::map<std::string, std::string> headers;  // Content-Type etc.; Host and Content-Length are set for you
  std::string body;
  std::chrono::milliseconds timeout{10'000};   // connect + send + whole answer
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{5'000};
  std::size_t max_idle_per_host = 8;
  // Servers drop idle keep-alive connections after some time (often 60 s); we stop reusing ours
  // sooner, so a parked connection is rarely already closed on the other side.
  std::chrono::seconds max_idle_time{30};
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  std::string ca_file;  // empty: the system store; tests point it at their own CA
};

class HttpClient {
 public:
  // Throws std::runtime_error when options.ca_file cannot be read.
  explicit HttpClient(boost::asio::io_context& io, HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Throws TransportError when no answer came (an answer over max_response_bytes counts as
  // none); a malformed URL or an unknown method is std::invalid_argument. The client must outlive
  // the requests it runs. A pooled connection found closed is retried once on a fresh one, but
  // only when the method is idempotent or nothing of the request was written.
  boost::asio::awaitable<HttpResponse> request(HttpRequest request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gridbot::net
