// A blocking HTTP/1.1 client for tests: one request per connection, to 127.0.0.1 only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// `headers` are set after the defaults (Host: 127.0.0.1, Content-Type: application/json with a
// body), replacing them; an empty value removes one.
HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body = {}, const Headers& headers = {});
HttpResult http_get(std::uint16_t port, const std::string& target);
HttpResult http_post(std::uint16_t port, const std::string& target, const nlohmann::json& body);

// A port nobody listens on right now, for a server to bind next.
std::uint16_t free_port();

}  // namespace gridbot::testing
