// parse_url and percent_encode: what the clients dial, and what errors may show of a URL.
#include <doctest/doctest.h>

#include <stdexcept>

#include "bot/net/url.hpp"

using gridbot::net::parse_url;
using gridbot::net::percent_encode;

TEST_CASE("URLs: scheme, host, default and explicit ports, target") {
  const auto api = parse_url("https://QYAPI.weixin.qq.com/cgi-bin/gettoken?corpid=ww&corpsecret=S");
  CHECK(api.secure);
  CHECK(api.host == "qyapi.weixin.qq.com");
  CHECK(api.port == 443);
  CHECK(api.target == "/cgi-bin/gettoken?corpid=ww&corpsecret=S");
  CHECK(api.host_header() == "qyapi.weixin.qq.com");
  CHECK(api.redacted() == "https://qyapi.weixin.qq.com/cgi-bin/gettoken");

  const auto fake = parse_url("ws://127.0.0.1:8080");
  CHECK_FALSE(fake.secure);
  CHECK(fake.port == 8080);
  CHECK(fake.target == "/");
  CHECK(fake.host_header() == "127.0.0.1:8080");

  const auto v6 = parse_url("http://[::1]:9000/x?key=K#frag");
  CHECK(v6.host == "::1");
  CHECK(v6.target == "/x?key=K");
  CHECK(v6.redacted() == "http://[::1]:9000/x");
}

TEST_CASE("URLs that are not what the clients dial are refused, without echoing the query") {
  for (const char* bad : {"qyapi.weixin.qq.com/cgi-bin", "ftp://host/", "https://:443/", "https://host:0/",
                          "https://host:65536/", "https://user:pw@host/", "https://host/a b", "http://[::1/"})
    CHECK_THROWS_AS(parse_url(bad), std::invalid_argument);
  try {
    parse_url("https://host:99999/send?key=SECRET");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("SECRET") == std::string::npos);
  }
}

TEST_CASE("percent_encode keeps only the unreserved characters") {
  CHECK(percent_encode("ww-corp_1.2~") == "ww-corp_1.2~");
  CHECK(percent_encode("a+b/c=d&e f") == "a%2Bb%2Fc%3Dd%26e%20f");
  CHECK(percent_encode("网格") == "%E7%BD%91%E6%A0%BC");
}
