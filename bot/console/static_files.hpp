// The built console (web/console/dist, made by `./run build`) served at /console/: files by their
// extension's content type; index.html for /console/ and for any path without an extension (the
// page routes itself); Vite's hashed assets/ cached for a year, everything else revalidated.
// Paths are taken apart segment by segment after percent-decoding, so neither "..", "%2e%2e",
// an encoded slash nor a symbolic link leads outside the folder. When the folder has no
// index.html the service still runs and /console/ answers a short page (templates) saying how
// to build it; a build made while the service runs is served without a restart.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "bot/http/router.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

class StaticFiles {
 public:
  StaticFiles(std::filesystem::path dist, const templates::Catalog& text);

  bool built() const;
  const std::filesystem::path& dist() const { return dist_; }
  // GET /console and everything under /console/.
  http::Response serve(const http::Request& request) const;
  void add_routes(http::Router& router) const;

 private:
  http::Response file(const std::filesystem::path& path, const http::Request& request, bool immutable) const;
  http::Response not_built() const;

  std::filesystem::path dist_;
  const templates::Catalog& text_;
};

// "text/javascript; charset=utf-8" for ".js", ...; application/octet-stream for what it does not know.
std::string_view content_type_for(std::string_view extension);

}  // namespace gridbot::console
