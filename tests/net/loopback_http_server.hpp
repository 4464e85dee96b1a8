// An HTTP/1.1 server on 127.0.0.1 for HttpClient's tests, on its own thread, plain or TLS. It
// counts the connections it accepted (keep-alive reuse) and keeps the last request's body and
// headers. Routes:
//   /hello         200 "hello"
//   /echo          200 with the request's body; x-got-content-type: the request's Content-Type
//   /status/500    500 "boom"
//   /big           200 with 2 MiB of 'x'; /big-chunked the same, chunked
//   /chunked       200, sent with Transfer-Encoding: chunked
//   /never         reads the request and never answers
//   /close-after   answers as keep-alive, then closes the connection anyway
//   /drop-second   on a connection's second request and later: closes without answering
// Or, given a Route, every request is answered by it (fakes of a platform's API).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "bot/awaitable.hpp"

namespace gridbot::testing {

class LoopbackHttpServer {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;
  // Called on the server's thread.
  using Route = std::function<Response(const Request&)>;

  // TLS when `tls` is given; it must outlive the server.
  explicit LoopbackHttpServer(boost::asio::ssl::context* tls = nullptr, Route route = {});
  explicit LoopbackHttpServer(Route route) : LoopbackHttpServer(nullptr, std::move(route)) {}
  ~LoopbackHttpServer();
  std::uint16_t port() const { return port_; }
  int connections() const { return connections_; }
  std::string last_body() const;
  std::string last_header(const std::string& name) const;


 private:
  template <class Stream>
  boost::asio::awaitable<void> serve(Stream& stream, boost::asio::ip::tcp::socket& socket);
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ssl::context* tls_;
  Route route_;
  std::uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::string last_body_;
  std::map<std::string, std::string> last_headers_;
  std::thread thread_;
};

}  // namespace gridbot::testing
