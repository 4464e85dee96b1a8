// TokenCache against the fake gettoken: cached until shortly before expires_in, one fetch for
// concurrent callers, invalidation that does not throw away a fresher token, refusals as answers.
#include <doctest/doctest.h>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/platforms/wecom/token_cache.hpp"
#include "tests/net/run.hpp"
#include "tests/platforms/wecom/fake_wecom_api.hpp"
#include "tests/support/http_client.hpp"

namespace {

using namespace gridbot;
using gridbot::testing::FakeWecomApi;
using gridbot::testing::run;

struct TokenRig {
  explicit TokenRig(std::string secret = FakeWecomApi::kSecret, std::string base = {})
      : tokens(http, clock, base.empty() ? fake.base_url() : base, FakeWecomApi::kCorpId, std::move(secret)) {}
  std::string token() {
    auto got = run(io, tokens.token());
    REQUIRE(got.has_value());
    return *got;
  }
  FakeWecomApi fake;
  boost::asio::io_context io;
  net::HttpClient http{io};
  ManualClock clock{Time(Seconds(1'700'000'000))};
  wecom::TokenCache tokens;
};

}  // namespace

TEST_CASE("the token is fetched once and reused until shortly before expires_in") {
  TokenRig rig;
  CHECK(rig.token() == "TOKEN-1");
  CHECK(rig.token() == "TOKEN-1");
  CHECK(rig.fake.gettoken_calls() == 1);
  rig.clock.advance(Seconds(7200 - 300 - 1));
  CHECK(rig.token() == "TOKEN-1");
  rig.clock.advance(Seconds(1));  // inside the last five minutes: refreshed before WeCom expires it
  CHECK(rig.token() == "TOKEN-2");
  CHECK(rig.fake.gettoken_calls() == 2);
  const auto call = rig.fake.calls_to("/cgi-bin/gettoken").at(0);
  CHECK(call.query.at("corpid") == "ww-corp");
  CHECK(call.query.at("corpsecret") == "app-secret");
}

TEST_CASE("single flight: ten concurrent callers share one gettoken") {
  TokenRig rig;
  rig.fake.delay_gettoken(std::chrono::milliseconds(100));
  std::vector<std::string> got;
  for (int i = 0; i < 10; ++i)
    boost::asio::co_spawn(
        rig.io,
        [&]() -> boost::asio::awaitable<void> {
          auto token = co_await rig.tokens.token();
          got.push_back(token ? *token : "refused");
        },
        boost::asio::detached);
  rig.io.run();
  CHECK(got == std::vector<std::string>(10, "TOKEN-1"));
  CHECK(rig.fake.gettoken_calls() == 1);
  CHECK(rig.tokens.fetches() == 1);
}

TEST_CASE("invalidate forgets only the token the refused request used") {
  TokenRig rig;
  CHECK(rig.token() == "TOKEN-1");
  rig.tokens.invalidate("TOKEN-0");  // a request that raced with an earlier refresh
  CHECK(rig.token() == "TOKEN-1");
  CHECK(rig.fake.gettoken_calls() == 1);
  rig.tokens.invalidate("TOKEN-1");
  CHECK(rig.token() == "TOKEN-2");
  CHECK(rig.token() == "TOKEN-2");
  CHECK(rig.fake.gettoken_calls() == 2);
}

TEST_CASE("a wrong secret is WeCom's 40001, permanent; no server is a retry; neither shows the secret") {
  TokenRig wrong("not-the-secret");
  auto refused = run(wrong.io, wrong.tokens.token());
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == wecom::ApiAnswer::Kind::permanent);
  CHECK(refused.error().errcode == 40001);
  CHECK(refused.error().advice.find("not-the-secret") == std::string::npos);

  TokenRig unreachable(FakeWecomApi::kSecret, "http://127.0.0.1:" + std::to_string(testing::free_port()));
  auto cut = run(unreachable.io, unreachable.tokens.token());
  REQUIRE_FALSE(cut.has_value());
  CHECK(cut.error().kind == wecom::ApiAnswer::Kind::retry);
  CHECK(cut.error().advice.find("/cgi-bin/gettoken") != std::string::npos);
  CHECK(cut.error().advice.find("app-secret") == std::string::npos);
}
