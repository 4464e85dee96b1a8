// ApiClient against the fake WeCom API: bodies go as given (raw UTF-8), answers are classified,
// open_userid conversions are cached, and a cut connection is a retry without the URL's query.
#include <doctest/doctest.h>

#include "bot/platforms/wecom/api_client.hpp"
#include "bot/platforms/wecom/outgoing.hpp"
#include "tests/net/run.hpp"
#include "tests/platforms/wecom/fake_wecom_api.hpp"
#include "tests/support/http_client.hpp"

namespace {

using namespace gridbot;
using gridbot::testing::FakeWecomApi;
using gridbot::testing::run;

std::string token_from(boost::asio::io_context& io, net::HttpClient& http, const FakeWecomApi& fake) {
  net::HttpRequest request;
  request.url = fake.base_url() + "/cgi-bin/gettoken?corpid=ww-corp&corpsecret=app-secret";
  return nlohmann::json::parse(run(io, http.request(request)).body).at("access_token");
}

}  // namespace

TEST_CASE("message/send: the rendered body arrives as raw UTF-8 and the msgid comes back") {
  FakeWecomApi fake;
  boost::asio::io_context io;
  net::HttpClient http(io);
  wecom::ApiClient api(http, fake.base_url());
  const auto body = wecom::render_app_message({1000002, {"zhangsan"}, wecom::Format::text, "3号楼电梯坏了"});
  REQUIRE(body.has_value());
  const auto reply = run(io, api.send_app_message(token_from(io, http, fake), *body));
  CHECK(reply.answer.kind == wecom::ApiAnswer::Kind::ok);
  CHECK(reply.msgid == "MSG-1");
  const auto sent = fake.calls_to("/cgi-bin/message/send").at(0).body;
  CHECK(sent.find("3号楼电梯坏了") != std::string::npos);
  CHECK(sent.find("\\u") == std::string::npos);
}

TEST_CASE("openuserid_to_userid: conversions are cached, invalid ids reported") {
  FakeWecomApi fake;
  boost::asio::io_context io;
  net::HttpClient http(io);
  wecom::ApiClient api(http, fake.base_url());
  const std::string token = token_from(io, http, fake);
  const auto first = run(io, api.openuserid_to_userid(token, {"wo-zhangsan", "lisi", "wo-zhangsan"}));
  CHECK(first.answer.kind == wecom::ApiAnswer::Kind::ok);
  CHECK(first.userids == std::map<std::string, std::string>{{"wo-zhangsan", "zhangsan"}});
  CHECK(first.invalid == std::vector<std::string>{"lisi"});
  CHECK(fake.calls_to("/cgi-bin/batch/openuserid_to_userid").at(0).body ==
        R"({"open_userid_list":["wo-zhangsan","lisi"]})");

  const auto again = run(io, api.openuserid_to_userid(token, {"wo-zhangsan"}));
  CHECK(again.userids.at("wo-zhangsan") == "zhangsan");
  CHECK(fake.calls_to("/cgi-bin/batch/openuserid_to_userid").size() == 1);  // from the cache
}

TEST_CASE("a stale token is token_expired; no answer is a retry that never shows the token") {
  FakeWecomApi fake;
  boost::asio::io_context io;
  net::HttpClient http(io);
  wecom::ApiClient api(http, fake.base_url());
  CHECK(run(io, api.send_app_message("TOKEN-OLD", "{}")).answer.kind == wecom::ApiAnswer::Kind::token_expired);

  wecom::ApiClient nowhere(http, "http://127.0.0.1:" + std::to_string(testing::free_port()));
  const auto cut = run(io, nowhere.send_app_message("SECRET-TOKEN", "{}"));
  CHECK(cut.answer.kind == wecom::ApiAnswer::Kind::retry);
  CHECK(cut.answer.advice.find("SECRET-TOKEN") == std::string::npos);
  const auto hook = run(io, nowhere.send_webhook("SECRET-KEY", "{}"));
  CHECK(hook.answer.advice.find("SECRET-KEY") == std::string::npos);
}
