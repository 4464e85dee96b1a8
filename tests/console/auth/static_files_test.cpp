#include <doctest/doctest.h>

#include <fstream>

#include "bot/console/static_files.hpp"
#include "tests/support/await.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;
using namespace gridbot::console;
using http::Status;

namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

struct Rig {
  testing::TempDir dir;
  std::filesystem::path dist = dir.path() / "dist";
  StaticFiles files{dist, templates::Catalog::builtin()};
  http::Router router;

  Rig() {
    write(dist / "index.html", "<!doctype html><div id=app></div>");
    write(dist / "assets" / "index-B1x9Qz7a.js", "console.log(1)");
    write(dist / "assets" / "index-Cq2mW8pL.css", "body{}");
    write(dist / "favicon.svg", "<svg/>");
    write(dir.path() / "secret.txt", "the organization's secrets");
    files.add_routes(router);
  }
  http::Response get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::Request r{http::Verb::get, target, 11};
    for (auto& [name, value] : headers) r.set(name, value);
    return testing::await(router.dispatch(r));
  }
};

std::string header(const http::Response& r, http::beast_http::field f) { return std::string(r[f]); }

}  // namespace

TEST_CASE("content types by extension; unknown ones are octet-stream") {
  CHECK(content_type_for(".js") == "text/javascript; charset=utf-8");
  CHECK(content_type_for(".css") == "text/css; charset=utf-8");
  CHECK(content_type_for(".html") == "text/html; charset=utf-8");
  CHECK(content_type_for(".svg") == "image/svg+xml");
  CHECK(content_type_for(".woff2") == "font/woff2");
  CHECK(content_type_for(".exe") == "application/octet-stream");
}

TEST_CASE("the built console: index.html for the app's pages, assets with their types and long caching") {
  Rig rig;
  using field = http::beast_http::field;
  auto index = rig.get("/console/");
  CHECK(index.result() == Status::ok);
  CHECK(index.body() == "<!doctype html><div id=app></div>");
  CHECK(header(index, field::content_type) == "text/html; charset=utf-8");
  CHECK(header(index, field::cache_control) == "no-cache");

  auto page = rig.get("/console/tickets/42?tab=timeline");  // a page of the app, not a file
  CHECK(page.result() == Status::ok);
  CHECK(page.body() == index.body());
  CHECK(header(page, field::cache_control) == "no-cache");

  auto js = rig.get("/console/assets/index-B1x9Qz7a.js");
  CHECK(js.result() == Status::ok);
  CHECK(js.body() == "console.log(1)");
  CHECK(header(js, field::content_type) == "text/javascript; charset=utf-8");
  CHECK(header(js, field::cache_control) == "public, max-age=31536000, immutable");
  CHECK(header(rig.get("/console/assets/index-Cq2mW8pL.css"), field::content_type) == "text/css; charset=utf-8");
  auto icon = rig.get("/console/favicon.svg");
  CHECK(header(icon, field::content_type) == "image/svg+xml");
  CHECK(header(icon, field::cache_control) == "no-cache");  // not hashed: may change under its name

  CHECK(rig.get("/console/assets/gone-12345678.js").result() == Status::not_found);  // a missing asset is no page
  auto bare = rig.get("/console");
  CHECK(bare.result() == Status::moved_permanently);
  CHECK(header(bare, field::location) == "/console/");
}

TEST_CASE("a page the browser has is answered 304 by its ETag") {
  Rig rig;
  auto first = rig.get("/console/");
  const std::string etag = std::string(first[http::beast_http::field::etag]);
  REQUIRE_FALSE(etag.empty());
  auto again = rig.get("/console/", {{"If-None-Match", etag}});
  CHECK(again.result() == Status::not_modified);
  CHECK(again.body().empty());
  CHECK(rig.get("/console/", {{"If-None-Match", "W/\"other\""}}).result() == Status::ok);
}

TEST_CASE("no path leads out of the folder: '..', encoded dots and slashes, absolute paths, links") {
  Rig rig;
  for (const std::string target :
       {"/console/../secret.txt", "/console/assets/../../secret.txt", "/console/%2e%2e/secret.txt",
        "/console/%2E%2E/secret.txt", "/console/.%2e/secret.txt", "/console/..%2fsecret.txt", "/console/%2e%2e%2fsecret.txt",
        "/console/%2Fetc%2Fpasswd", "/console/..%5csecret.txt", "/console/./index.html", "/console/index.html%00.js"}) {
    CAPTURE(target);
    auto r = rig.get(target);
    CHECK(r.result() == Status::bad_request);
    CHECK(r.body().find("secrets") == std::string::npos);
  }
  // A doubled slash makes no absolute path: /etc/passwd is looked up inside the folder, and an
  // extension-less miss is the app's page.
  auto absolute = rig.get("/console//etc/passwd");
  CHECK(absolute.result() == Status::ok);
  CHECK(absolute.body() == "<!doctype html><div id=app></div>");
  CHECK(rig.get("/console//etc/hosts.txt").result() == Status::not_found);
  // A link inside the folder pointing out of it is not followed.
  std::filesystem::create_symlink(rig.dir.path() / "secret.txt", rig.dist / "leak.txt");
  auto link = rig.get("/console/leak.txt");
  CHECK(link.result() == Status::not_found);
  CHECK(link.body().find("secrets") == std::string::npos);
}

TEST_CASE("without a build, /console/ answers a Chinese page naming the command that builds it") {
  testing::TempDir dir;
  StaticFiles files{dir.path() / "no-dist", templates::Catalog::builtin()};
  CHECK_FALSE(files.built());
  http::Router router;
  files.add_routes(router);
  for (const std::string target : {"/console/", "/console/tickets"}) {
    auto r = testing::await(router.dispatch(http::Request{http::Verb::get, target, 11}));
    CHECK(r.result() == Status::service_unavailable);
    CHECK(std::string(r[http::beast_http::field::content_type]) == "text/html; charset=utf-8");
    CHECK(r.body().find("控制台尚未构建") != std::string::npos);
    CHECK(r.body().find("./run build") != std::string::npos);
    CHECK(r.body().find("no-dist/index.html") != std::string::npos);
  }
  // Built while the service runs: served at once.
  write(dir.path() / "no-dist" / "index.html", "<p>built</p>");
  CHECK(files.built());
  CHECK(testing::await(router.dispatch(http::Request{http::Verb::get, "/console/", 11})).body() == "<p>built</p>");
}
