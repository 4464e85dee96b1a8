// HttpClient's connections and the idle ones it keeps per (scheme, host, port) for keep-alive.
// A connection comes back out only if it still looks usable: not idle too long, and with nothing
// to read (a peer that closed it, or sent bytes nobody asked for, makes it readable).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace gridbot::net {

struct Connection {
  std::unique_ptr<boost::beast::tcp_stream> plain;                                // http://
  std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls;        // https://
  boost::beast::flat_buffer buffer;  // bytes read past the last answer (must stay empty to be reused)
  std::chrono::steady_clock::time_point idle_since;

  boost::beast::tcp_stream& tcp() { return tls ? boost::beast::get_lowest_layer(*tls) : *plain; }
};

class ConnectionPool {
 public:
  ConnectionPool(std::size_t max_idle_per_key, std::chrono::steady_clock::duration max_idle_time)
      : max_idle_per_key_(max_idle_per_key), max_idle_time_(max_idle_time) {}

  // The most recently parked usable connection for `key`, or null. Unusable ones are dropped.
  std::unique_ptr<Connection> take(const std::string& key);
  // Parks `connection`; when `key` already holds the maximum, the longest-idle one is closed.
  void park(const std::string& key, std::unique_ptr<Connection> connection);
  std::size_t idle(const std::string& key) const;

 private:
  std::size_t max_idle_per_key_;
  std::chrono::steady_clock::duration max_idle_time_;
  std::map<std::string, std::deque<std::unique_ptr<Connection>>> idle_;  // back: most recent
};

}  // namespace gridbot::net
