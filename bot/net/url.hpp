// The parts of an http(s):// or ws(s):// URL the clients dial. Only what the platforms' URLs use:
// a host name, an IPv4 address or a bracketed IPv6 one, an optional port, a path and a query
// already percent-encoded by the caller. Anything else is std::invalid_argument, not a guess.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gridbot::net {

struct Url {
  std::string scheme;  // http, https, ws, wss (lower case)
  std::string host;    // without brackets
  std::uint16_t port = 0;
  std::string target;  // path and query, at least "/"
  bool secure = false;

  // host[:port] as the Host header writes it (the port only when it is not the default).
  std::string host_header() const;
  // scheme://host:port/path without the query: what errors and logs may show, since queries
  // carry secrets (WeCom's access_token, a webhook key).
  std::string redacted() const;
};

Url parse_url(std::string_view url);

// A query value with everything but RFC 3986's unreserved characters percent-encoded.
std::string percent_encode(std::string_view value);

}  // namespace gridbot::net
