// The endpoint table: {verb, pattern, handler}, patterns with {named} segments. What the service
// answers to is one screen of add() calls in serve.cpp and each adapter.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/awaitable.hpp"
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace gridbot::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Verb = beast_http::verb;

struct Params {
  std::map<std::string, std::string, std::less<>> path;
  std::map<std::string, std::string, std::less<>> query;
  // The connection's remote address ("127.0.0.1", "::1"), what the sign-in throttle counts by;
  // empty when the request did not come over a socket (tests).
  std::string peer;
  std::string_view query_or(std::string_view key, std::string_view fallback) const;
};

// A route answers at once (reads, validation) ...
using Handler = std::function<Response(const Request&, const Params&)>;
// ... or awaits something, typically its writes' commit (Pipeline::submit), while the event loop
// serves other connections. The request and params outlive the coroutine.
using AsyncHandler = std::function<boost::asio::awaitable<Response>(const Request&, const Params&)>;
// Runs before any route: an answer stops the request there (a refusal every route must share).
using Filter = std::function<std::optional<Response>(const Request&)>;

class Router {
 public:
  // A last segment "{name...}" matches the rest of the path, zero or more segments, joined by '/'.
  void add(Verb verb, std::string pattern, Handler handler);
  void add_async(Verb verb, std::string pattern, AsyncHandler handler);
  void add_filter(Filter filter);
  // Every route's verb and pattern, in the order added (so a test can hold them to docs/openapi.yaml).
  std::vector<std::pair<Verb, std::string>> patterns() const;
  // 404 for an unknown path, 405 for a known path with another verb.
  boost::asio::awaitable<Response> dispatch(const Request& request, std::string peer = {}) const;

 private:
  struct Route {
    Verb verb;
    std::vector<std::string> segments;
    Handler handler;         // one of the two is set
    AsyncHandler awaitable;
  };
  std::vector<Route> routes_;
  std::vector<Filter> filters_;
};

Response json_response(Status status, const nlohmann::json& body);
// {"error": reason}: every 4xx and 5xx says why.
Response error_response(Status status, std::string_view reason);
Response text_response(Status status, std::string body, std::string_view content_type);

// %XX escapes; '+' is a space only in a query string.
std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace gridbot::http
