#include "bot/console/static_files.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace gridbot::console {

namespace fs = std::filesystem;
using http::Status;

namespace {

constexpr std::string_view prefix = "/console";

constexpr std::array<std::pair<std::string_view, std::string_view>, 16> types{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".wasm", "application/wasm"},
}};

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The path under /console/ as safe relative segments, or nothing when a segment would step out
// of the folder or is not a plain name once decoded.
std::optional<std::vector<std::string>> segments_of(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::string segment = http::percent_decode(path.substr(0, slash), false);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (segment.empty()) continue;  // "//": no absolute path is made of it
    if (segment == "." || segment == ".." || segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos)
      return std::nullopt;
    out.push_back(segment);
  }
  return out;
}

bool inside(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  const fs::path r = fs::weakly_canonical(root, ec);
  if (ec) return false;
  const fs::path c = fs::weakly_canonical(candidate, ec);
  if (ec) return false;
  auto [end, _] = std::mismatch(r.begin(), r.end(), c.begin(), c.end());
  return end == r.end();
}

}  // namespace

std::string_view content_type_for(std::string_view extension) {
  for (const auto& [ext, type] : types)
    if (ext == extension) return type;
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path dist, const templates::Catalog& text) : dist_(std::move(dist)), text_(text) {}

bool StaticFiles::built() const {
  std::error_code ec;
  return fs::is_regular_file(dist_ / "index.html", ec);
}

void StaticFiles::add_routes(http::Router& router) const {
  router.add(http::Verb::get, "/console/{path...}",
             [this](const http::Request& request, const http::Params&) { return serve(request); });
}

http::Response StaticFiles::serve(const http::Request& request) const {
  // The raw target, not the router's decoded segments: "%2F" must stay inside its segment.
  std::string_view target = request.target();
  target = target.substr(0, target.find_first_of("?#"));
  if (target == prefix) {
    // Relative links in the page resolve against /console/, not /.
    http::Response r = http::text_response(Status::moved_permanently, "", "text/plain; charset=utf-8");
    r.set(http::beast_http::field::location, "/console/");
    return r;
  }
  if (!target.starts_with(std::string(prefix) + "/")) return http::error_response(Status::not_found, "no such endpoint");
  auto segments = segments_of(target.substr(prefix.size() + 1));
  if (!segments) return http::error_response(Status::bad_request, "a console path may not contain '..', '.', '\\' or an encoded '/'");

  fs::path relative;
  for (const auto& s : *segments) relative /= s;
  const fs::path wanted = dist_ / relative;
  std::error_code ec;
  if (!segments->empty() && fs::is_regular_file(wanted, ec)) {
    if (!inside(dist_, wanted)) return http::error_response(Status::not_found, "no such file in the console");
    return file(wanted, request, segments->size() > 1 && segments->front() == "assets");
  }
  // A missing file with an extension is a missing asset; anything else is a page of the app.
  if (!segments->empty() && fs::path(segments->back()).has_extension())
    return http::error_response(Status::not_found, "no such file in the console");
  if (!built()) return not_built();
  return file(dist_ / "index.html", request, false);
}

http::Response StaticFiles::file(const fs::path& path, const http::Request& request, bool immutable) const {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto modified = fs::last_write_time(path, ec);
  // Size and modification time: enough for a build output, and costs no read.
  const std::string etag = "W/\"" + std::to_string(size) + "-" +
                           std::to_string(modified.time_since_epoch().count()) + "\"";
  const std::string_view cache = immutable ? "public, max-age=31536000, immutable" : "no-cache";
  if (request[http::beast_http::field::if_none_match] == etag) {
    http::Response r{Status::not_modified, 11};
    r.set(http::beast_http::field::etag, etag);
    r.set(http::beast_http::field::cache_control, cache);
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  if (!in) return http::error_response(Status::not_found, "no such file in the console");
  http::Response r = http::text_response(Status::ok, std::move(body).str(), content_type_for(path.extension().string()));
  r.set(http::beast_http::field::cache_control, cache);
  r.set(http::beast_http::field::etag, etag);
  r.set("X-Content-Type-Options", "nosniff");
  return r;
}

http::Response StaticFiles::not_built() const {
  const std::string title = html_escape(text_.render("console.auth.not_built_title"));
  const std::string body = html_escape(text_.render(
      "console.auth.not_built", {{"folder", (dist_ / "index.html").string()}, {"command", std::string("./run build")}}));
  http::Response r = http::text_response(
      Status::service_unavailable,
      "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body><h1>" +
          title + "</h1>\n<p>" + body + "</p></body></html>\n",
      "text/html; charset=utf-8");
  return r;
}

}  // namespace gridbot::console
