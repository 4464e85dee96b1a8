#include <doctest/doctest.h>

#include "bot/http/router.hpp"
#include "bot/platforms/local/local_messages_json.hpp"
#include "templates/catalog.hpp"
#include "tests/support/await.hpp"

using namespace gridbot;
using platforms::parse_post_body;

TEST_CASE("a group post body needs a sender and non-empty text") {
  auto ok = parse_post_body(R"({"sender": "zhangwei", "text": "下水道堵了", "quote": 12})", true);
  REQUIRE(ok);
  CHECK(ok->sender == "zhangwei");
  CHECK(ok->quote == "12");
  CHECK(ok->quote_id == 12);
  CHECK(parse_post_body(R"({"sender": "zhangwei", "text": "x", "quote": "12"})", true)->quote_id == 12);
  CHECK(parse_post_body("{", true).error() == "body is not valid JSON");
  CHECK(parse_post_body("[]", true).error() == "body must be a JSON object");
  CHECK(parse_post_body(R"({"text": "x"})", true).error() == "missing field 'sender'");
  CHECK(parse_post_body(R"({"sender": "a"})", true).error() == "missing field 'text'");
  CHECK(parse_post_body(R"({"sender": "a", "text": 3})", true).error() == "'text' must be a string");
  CHECK(parse_post_body(R"({"sender": "a", "text": "  "})", true).error() == "'text' must not be empty");
  CHECK(parse_post_body(R"({"sender": "a", "text": "x", "quote": "abc"})", true).error() == "'quote' must be a message id");
  CHECK(parse_post_body(R"({"text": "x"})", false));
}

TEST_CASE("client message ids are kept apart from the platform's own numeric ids") {
  auto body = parse_post_body(R"({"sender": "a", "text": "x", "client_msg_id": "17"})", true);
  REQUIRE(body);
  CHECK(body->client_msg_id == "client:17");
  CHECK_FALSE(parse_post_body(R"({"sender": "a", "text": "x", "client_msg_id": ""})", true));
}

TEST_CASE("the router matches named segments, decodes them, and tells 404 from 405") {
  http::Router router;
  router.add(http::Verb::get, "/local/api/groups/{id}/messages", [](const http::Request&, const http::Params& p) {
    return http::json_response(http::Status::ok, {{"id", p.path.at("id")}, {"after", std::string(p.query_or("after", "0"))}});
  });
  http::Request get{http::Verb::get, "/local/api/groups/%E4%B8%80%E7%BB%84/messages?after=5", 11};
  auto r = testing::await(router.dispatch(get));
  CHECK(r.result() == http::Status::ok);
  auto body = nlohmann::json::parse(r.body());
  CHECK(body["id"] == "一组");
  CHECK(body["after"] == "5");
  CHECK(testing::await(router.dispatch(http::Request{http::Verb::post, "/local/api/groups/x/messages", 11})).result() ==
        http::Status::method_not_allowed);
  CHECK(testing::await(router.dispatch(http::Request{http::Verb::get, "/nowhere", 11})).result() == http::Status::not_found);
}

TEST_CASE("an awaiting route answers with what its coroutine returns") {
  http::Router router;
  router.add_async(http::Verb::post, "/later/{n}",
                   [](const http::Request&, const http::Params& p) -> boost::asio::awaitable<http::Response> {
                     co_return http::json_response(http::Status::accepted, {{"n", p.path.at("n")}});
                   });
  auto r = testing::await(router.dispatch(http::Request{http::Verb::post, "/later/7", 11}));
  CHECK(r.result() == http::Status::accepted);
  CHECK(nlohmann::json::parse(r.body())["n"] == "7");
  CHECK(testing::await(router.dispatch(http::Request{http::Verb::get, "/later/7", 11})).result() ==
        http::Status::method_not_allowed);
}

TEST_CASE("templates render named arguments, times in the catalog's zone, and refuse broken files") {
  const auto& text = templates::Catalog::builtin();
  CHECK(text.render("category.drainage") == "排水堵塞");
  CHECK(text.render("place.building", {{"building", std::string("3")}}) == "3号楼");
  // 2026-11-18 11:06:40 UTC is 19:06 in Beijing.
  CHECK(text.format_time(templates::Time(std::chrono::seconds(1'795'000'000))) == "11月18日 19:06");
  CHECK(text.render("staff.unknown_ticket", {{"number", std::int64_t{12345}}}).find("12345") != std::string::npos);
  CHECK(text.render("no.such.id") == "[no.such.id]");
  CHECK_THROWS_WITH(templates::Catalog::parse(R"({"locale": "zh-CN", "datetime_pattern": "M", "messages": {"a": "{x"}})",
                                              "t.json", "Asia/Shanghai"),
                    doctest::Contains("t.json: messages.a"));
  CHECK_THROWS_WITH(templates::Catalog::parse(R"({"locale": "zh-CN", "datetime_pattern": "M", "messages": {}})", "t.json",
                                              "Mars/Olympus"),
                    doctest::Contains("time_zone"));
}
