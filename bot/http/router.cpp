#include "bot/http/router.hpp"

namespace gridbot::http {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.push_back(percent_decode(path.substr(0, slash), false));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return out;
}

std::map<std::string, std::string, std::less<>> parse_query(std::string_view q) {
  std::map<std::string, std::string, std::less<>> out;
  while (!q.empty()) {
    auto amp = q.find('&');
    auto pair = q.substr(0, amp);
    auto eq = pair.find('=');
    if (!pair.empty())
      out[percent_decode(pair.substr(0, eq), true)] =
          eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
  }
  return out;
}

bool is_rest(const std::string& segment) { return segment.size() > 5 && segment.front() == '{' && segment.ends_with("...}"); }

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path, Params& params) {
  const bool rest = !pattern.empty() && is_rest(pattern.back());
  if (rest ? path.size() < pattern.size() - 1 : pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (rest && i + 1 == pattern.size()) {
      std::string joined;
      for (std::size_t j = i; j < path.size(); ++j) joined += (j > i ? "/" : "") + path[j];
      params.path[p.substr(1, p.size() - 5)] = std::move(joined);
      break;
    }
    // "{id}" takes the whole segment; "{id}.json" the segment before its literal ending.
    const auto close = p.find('}');
    if (p.size() > 2 && p.front() == '{' && close != std::string::npos && close > 1) {
      const std::string_view ending = std::string_view(p).substr(close + 1);
      if (path[i].size() <= ending.size() || !path[i].ends_with(ending)) return false;
      params.path[p.substr(1, close - 1)] = path[i].substr(0, path[i].size() - ending.size());
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string_view Params::query_or(std::string_view key, std::string_view fallback) const {
  auto it = query.find(key);
  return it == query.end() ? fallback : std::string_view(it->second);
}

void Router::add(Verb verb, std::string pattern, Handler handler) {
  routes_.push_back(Route{verb, split_path(pattern), std::move(handler), {}});
}

void Router::add_async(Verb verb, std::string pattern, AsyncHandler handler) {
  routes_.push_back(Route{verb, split_path(pattern), {}, std::move(handler)});
}

void Router::add_filter(Filter filter) { filters_.push_back(std::move(filter)); }

std::vector<std::pair<Verb, std::string>> Router::patterns() const {
  std::vector<std::pair<Verb, std::string>> out;
  for (const auto& route : routes_) {
    std::string pattern;
    for (const auto& segment : route.segments) pattern += "/" + segment;
    out.emplace_back(route.verb, pattern.empty() ? "/" : pattern);
  }
  return out;
}

boost::asio::awaitable<Response> Router::dispatch(const Request& request, std::string peer) const {
  for (const auto& filter : filters_)
    if (auto refused = filter(request)) co_return std::move(*refused);
  std::string_view target = request.target();
  auto question = target.find('?');
  auto path = split_path(target.substr(0, question));
  bool path_known = false;
  for (const auto& route : routes_) {
    Params params;
    if (!match(route.segments, path, params)) continue;
    params.peer = peer;
    path_known = true;
    if (route.verb != request.method()) continue;
    if (question != std::string_view::npos) params.query = parse_query(target.substr(question + 1));
    if (route.awaitable) {
      Response response = co_await route.awaitable(request, params);
      co_return response;
    }
    co_return route.handler(request, params);
  }
  if (path_known) co_return error_response(Status::method_not_allowed, "method not allowed on this path");
  co_return error_response(Status::not_found, "no such endpoint");
}

Response text_response(Status status, std::string body, std::string_view content_type) {
  Response r{status, 11};
  r.set(beast_http::field::content_type, content_type);
  r.set(beast_http::field::cache_control, "no-store");
  r.body() = std::move(body);
  r.prepare_payload();
  return r;
}

Response json_response(Status status, const nlohmann::json& body) {
  // Replace invalid UTF-8 rather than throw: a response must never fail to serialize.
  return text_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                       "application/json; charset=utf-8");
}

Response error_response(Status status, std::string_view reason) {
  return json_response(status, nlohmann::json{{"error", reason}});
}

}  // namespace gridbot::http
