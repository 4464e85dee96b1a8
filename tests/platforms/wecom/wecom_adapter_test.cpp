// The registry builds WeCom from platforms.wecom: its routes answer, its mistakes name the file
// and the key, and a row for an account nobody configured is a dead letter saying so.
#include <doctest/doctest.h>

#include "bot/platforms/registry.hpp"
#include "bot/platforms/wecom/wecom_adapter.hpp"
#include "tests/platforms/wecom/wecom_rig.hpp"
#include "tests/support/await.hpp"

namespace gridbot::wecom {
namespace {

using gridbot::testing::await;

struct AdapterRig {
  testing::Rig rig;
  boost::asio::io_context io;
  Config config;
  platforms::PlatformDeps deps() {
    return {io, rig.store, rig.writer, rig.pipeline, rig.orgs, rig.clock, templates::Catalog::builtin(), config, {}};
  }
};

nlohmann::json settings() {
  return {{"accounts",
           {{{"name", "main"},
             {"corp_id", std::string(vectors::a_corpid)},
             {"aibot", {{"bot_id", "BOT"}, {"token", std::string(vectors::a_token)}, {"encoding_aes_key", std::string(vectors::a_key)}}},
             {"webhook_keys", {{"xfl-1-wecom", "HOOK"}}}}}}};
}

TEST_CASE("platforms.wecom builds one adapter named wecom whose routes answer") {
  AdapterRig r;
  r.config.source = "gridbot.json";
  r.config.platforms = {{"wecom", settings()}};
  r.config.platforms_given = true;
  auto adapters = platforms::make_adapters(r.deps());
  REQUIRE(adapters.size() == 1);
  CHECK(adapters[0]->name() == "wecom");
  http::Router router;
  adapters[0]->add_routes(router);
  http::Request unsigned_get{http::Verb::get, "/wecom/main/aibot?msg_signature=00&timestamp=1794967200&nonce=1&echostr=AA==", 11};
  CHECK(await(router.dispatch(unsigned_get)).result() == http::Status::forbidden);
  http::Request no_app{http::Verb::get, "/wecom/main/app", 11};
  CHECK(await(router.dispatch(no_app)).result() == http::Status::not_found);  // this account has no app
  http::Request nobody{http::Verb::get, "/wecom/other/aibot", 11};
  CHECK(await(router.dispatch(nobody)).result() == http::Status::not_found);
}

TEST_CASE("a malformed platforms.wecom stops start-up naming the file and the key") {
  AdapterRig r;
  r.config.source = "gridbot.json";
  auto bad = settings();
  bad["accounts"][0]["aibot"]["mode"] = "poll";
  r.config.platforms = {{"wecom", bad}};
  r.config.platforms_given = true;
  CHECK_THROWS_WITH_AS(platforms::make_adapters(r.deps()),
                       doctest::Contains("gridbot.json: platforms.wecom.accounts[0].aibot.mode:"), ConfigError);
}

TEST_CASE("a row for an account platforms.wecom does not configure is a permanent failure that says so") {
  AdapterRig r;
  WecomAdapter adapter(r.deps(), parse_accounts(settings(), "gridbot.json"));
  storage::OutboxRow row;
  row.message.platform = "wecom";
  row.message.account = "branch-office";
  row.message.chat_id = "wrCHAT";
  row.message.text = "x";
  auto result = await(adapter.send(row));
  CHECK(result.kind == platforms::SendResult::Kind::permanent);
  CHECK(result.error.find("branch-office") != std::string::npos);
}

}  // namespace
}  // namespace gridbot::wecom
