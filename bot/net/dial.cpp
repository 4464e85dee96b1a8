#include "bot/net/dial.hpp"

#include <memory>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

#include "bot/net/http_client.hpp"

namespace gridbot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

std::string reason(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) return "deadline passed";
  return ec.message();
}

}  // namespace

ssl::context make_tls_context(const std::string& ca_file) {
  ssl::context context(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  context.set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (ca_file.empty()) context.set_default_verify_paths(ec);
  else context.load_verify_file(ca_file, ec);
  if (ec)
    throw std::runtime_error(ca_file.empty() ? "TLS: cannot load the system's CA store: " + ec.message()
                                             : "TLS: cannot read the CA file '" + ca_file + "': " + ec.message());
  return context;
}

asio::awaitable<void> dial(beast::tcp_stream& stream, const Url& url, Deadline deadline) {
  // The resolver has no deadline of its own: a timer cancels it. Shared so that a timer firing
  // just as the answer arrives finds the resolver gone rather than freed.
  auto resolver = std::make_shared<tcp::resolver>(stream.get_executor());
  asio::steady_timer timer(stream.get_executor());
  timer.expires_at(deadline);
  timer.async_wait([weak = std::weak_ptr<tcp::resolver>(resolver)](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto r = weak.lock()) r->cancel();
  });
  boost::system::error_code ec;
  const auto endpoints = co_await resolver->async_resolve(url.host, std::to_string(url.port),
                                                          asio::redirect_error(asio::use_awaitable, ec));
  timer.cancel();
  if (ec) throw TransportError("resolving " + url.redacted() + ": " + reason(ec));
  stream.expires_at(deadline);
  co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) throw TransportError("connecting to " + url.redacted() + ": " + reason(ec));
  stream.socket().set_option(tcp::no_delay(true), ec);
}

asio::awaitable<void> handshake_tls(beast::ssl_stream<beast::tcp_stream>& stream, const Url& url, Deadline deadline) {
  SSL* ssl = stream.native_handle();
  boost::system::error_code ec;
  asio::ip::make_address(url.host, ec);
  const bool ip_literal = !ec;
  // SNI carries names only (RFC 6066); an address is checked against the certificate's IP SANs.
  if (ip_literal) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, url.host.c_str());
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    SSL_set1_host(ssl, url.host.c_str());
  }
  stream.set_verify_mode(ssl::verify_peer);
  beast::get_lowest_layer(stream).expires_at(deadline);
  co_await stream.async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    std::string why = reason(ec);
    if (const long verify = SSL_get_verify_result(ssl); verify != X509_V_OK)
      why += std::string(" (") + X509_verify_cert_error_string(verify) + ")";
    throw TransportError("TLS handshake with " + url.redacted() + ": " + why);
  }
}

}  // namespace gridbot::net
