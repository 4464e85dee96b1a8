#include "bot/net/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace gridbot::net {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool default_port(const Url& url) { return url.port == (url.secure ? 443 : 80); }

// The URL is a secret-bearing string (query parameters): never echo it whole in the error.
[[noreturn]] void refuse(std::string_view why) { throw std::invalid_argument("malformed URL: " + std::string(why)); }

}  // namespace

std::string Url::host_header() const {
  const std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return default_port(*this) ? name : name + ":" + std::to_string(port);
}

std::string Url::redacted() const {
  const auto query = target.find('?');
  return scheme + "://" + host_header() + target.substr(0, query);
}

Url parse_url(std::string_view text) {
  Url url;
  const auto colon = text.find("://");
  if (colon == std::string_view::npos) refuse("no scheme");
  url.scheme = lower(text.substr(0, colon));
  if (url.scheme == "https" || url.scheme == "wss") url.secure = true;
  else if (url.scheme != "http" && url.scheme != "ws") refuse("scheme '" + url.scheme + "' is not http, https, ws or wss");
  std::string_view rest = text.substr(colon + 3);
  const auto path_at = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_at);
  std::string_view target = path_at == std::string_view::npos ? std::string_view{} : rest.substr(path_at);
  if (authority.find('@') != std::string_view::npos) refuse("user information is not supported");
  if (const auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
  url.target = target.empty() || target.front() != '/' ? "/" + std::string(target) : std::string(target);

  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) refuse("unclosed '[' in the host");
    url.host = std::string(authority.substr(1, close - 1));
    const auto after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') refuse("junk after the IPv6 address");
    if (!after.empty()) port = after.substr(1);
  } else {
    const auto at = authority.rfind(':');
    url.host = std::string(authority.substr(0, at));
    if (at != std::string_view::npos) port = authority.substr(at + 1);
  }
  if (url.host.empty()) refuse("no host");
  if (std::any_of(url.host.begin(), url.host.end(), [](unsigned char c) { return c <= ' ' || c >= 0x7f; }))
    refuse("the host has spaces, controls or non-ASCII characters");
  url.host = lower(url.host);
  url.port = url.secure ? 443 : 80;
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
      refuse("port '" + std::string(port) + "' is not 1..65535");
    url.port = static_cast<std::uint16_t>(value);
  }
  if (std::any_of(url.target.begin(), url.target.end(), [](unsigned char c) { return c <= ' ' || c >= 0x7f; }))
    refuse("the path has spaces, controls or non-ASCII characters (percent-encode them)");
  return url;
}

std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

}  // namespace gridbot::net
