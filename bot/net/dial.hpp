// Opening a connection to a platform, shared by HttpClient and WebSocket: resolve, connect, and
// for https/wss the TLS handshake with SNI and verification of the certificate against the
// URL's host name or IP address. Every step is bounded by the caller's deadline.
#pragma once

#include <chrono>
#include <string>

#include "bot/awaitable.hpp"
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "bot/net/url.hpp"

namespace gridbot::net {

using Deadline = std::chrono::steady_clock::time_point;

// Peer verification on, TLS 1.2 at least, trusting the system's CA store, or only `ca_file` (PEM)
// when it is given. Throws std::runtime_error naming the file when it cannot be read.
boost::asio::ssl::context make_tls_context(const std::string& ca_file);

// Throws TransportError saying which step failed (never with the URL's query).
boost::asio::awaitable<void> dial(boost::beast::tcp_stream& stream, const Url& url, Deadline deadline);
boost::asio::awaitable<void> handshake_tls(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream, const Url& url,
                                           Deadline deadline);

}  // namespace gridbot::net
