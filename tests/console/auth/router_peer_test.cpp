#include <doctest/doctest.h>

#include <thread>

#include <boost/asio/io_context.hpp>

#include "bot/http/router.hpp"
#include "bot/http/server.hpp"
#include "tests/support/await.hpp"
#include "tests/support/http_client.hpp"

using namespace gridbot;
using http::Status;

TEST_CASE("a route sees the connection's peer address") {
  boost::asio::io_context io;
  http::Router router;
  router.add(http::Verb::get, "/who", [](const http::Request&, const http::Params& p) {
    return http::text_response(Status::ok, p.peer, "text/plain");
  });
  http::Server server(io, router);
  server.listen("127.0.0.1", 0);
  std::thread loop([&] { io.run(); });
  auto r = testing::http_get(server.port(), "/who");
  boost::asio::post(io, [&] {
    server.stop();
    io.stop();
  });
  loop.join();
  CHECK(r.status == 200);
  CHECK(r.body == "127.0.0.1");
}

TEST_CASE("a {name...} segment takes the rest of the path; a filter answers before any route") {
  http::Router router;
  router.add(http::Verb::get, "/files/{rest...}", [](const http::Request&, const http::Params& p) {
    return http::text_response(Status::ok, p.path.at("rest"), "text/plain");
  });
  auto get = [&](const std::string& target) { return testing::await(router.dispatch(http::Request{http::Verb::get, target, 11})); };
  CHECK(get("/files/a/b/c.js").body() == "a/b/c.js");
  CHECK(get("/files/").body() == "");
  CHECK(get("/files").body() == "");
  CHECK(get("/other/a").result() == Status::not_found);

  router.add_filter([](const http::Request& r) -> std::optional<http::Response> {
    if (r.target().find("blocked") == std::string_view::npos) return std::nullopt;
    return http::error_response(Status::forbidden, "filtered");
  });
  CHECK(get("/files/blocked").result() == Status::forbidden);
  CHECK(get("/files/open").result() == Status::ok);
}
