// platforms.wecom as an operator writes it: defaults, secrets from the environment, and a
// ConfigError naming the file and the key for every mistake.
#include <doctest/doctest.h>

#include <cstdlib>

#include "bot/config.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "tests/platforms/wecom/vectors.hpp"

namespace gridbot::wecom {
namespace {

using nlohmann::json;

json full_account() {
  return json::parse(R"({
    "name": "main", "corp_id": "ww1436e0e65a779aee",
    "app": {"agent_id": 1000002, "secret": "APPSECRET", "token": "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
            "encoding_aes_key": "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"},
    "aibot": {"bot_id": "BOT1", "token": "tok", "encoding_aes_key": "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
              "bot_name": "网格助手"},
    "webhook_keys": {"xfl-1-group": "KEY-1"}
  })");
}

std::string error_of(const json& settings) {
  try {
    parse_accounts(settings, "gridbot.json");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST_CASE("a full account parses with WeCom's default addresses") {
  auto accounts = parse_accounts(json{{"accounts", json::array({full_account()})}}, "gridbot.json");
  REQUIRE(accounts.size() == 1);
  const auto& a = accounts[0];
  CHECK(a.name == "main");
  CHECK(a.corp_id == "ww1436e0e65a779aee");
  CHECK(a.api_base_url == "https://qyapi.weixin.qq.com");
  CHECK(a.ws_url == "wss://openws.work.weixin.qq.com");
  REQUIRE(a.app);
  CHECK(a.app->agent_id == 1000002);
  CHECK(a.app->secret == "APPSECRET");
  REQUIRE(a.aibot);
  CHECK(a.aibot->mode == AibotSettings::Mode::callback);
  CHECK(a.aibot->bot_name == "网格助手");
  CHECK(a.webhook_keys.at("xfl-1-group") == "KEY-1");
  CHECK_FALSE(a.open_userid);
}

TEST_CASE("the list may be given bare, and test addresses on 127.0.0.1 are accepted") {
  json account = full_account();
  account["api_base_url"] = "http://127.0.0.1:9000/";
  account["ws_url"] = "ws://127.0.0.1:9001";
  auto accounts = parse_accounts(json::array({account}), "gridbot.json");
  CHECK(accounts[0].api_base_url == "http://127.0.0.1:9000");  // trailing slash dropped: paths are appended
  CHECK(accounts[0].ws_url == "ws://127.0.0.1:9001");
  account["api_base_url"] = "ftp://example.com";
  CHECK(error_of(json::array({account})) ==
        "gridbot.json: platforms.wecom[0].api_base_url: must start with https:// or http://, got 'ftp://example.com'");
}

TEST_CASE("secrets come from the environment when written as {\"env\": NAME}") {
  ::setenv("GRIDBOT_TEST_WECOM_SECRET", "from-env", 1);
  json account = full_account();
  account["app"]["secret"] = {{"env", "GRIDBOT_TEST_WECOM_SECRET"}};
  account["webhook_keys"]["xfl-2-group"] = {{"env", "GRIDBOT_TEST_WECOM_SECRET"}};
  auto a = parse_accounts(json::array({account}), "gridbot.json")[0];
  CHECK(a.app->secret == "from-env");
  CHECK(a.webhook_keys.at("xfl-2-group") == "from-env");

  account["app"]["secret"] = {{"env", "GRIDBOT_TEST_WECOM_UNSET"}};
  ::unsetenv("GRIDBOT_TEST_WECOM_UNSET");
  CHECK(error_of(json::array({account})) ==
        "gridbot.json: platforms.wecom[0].app.secret: environment variable 'GRIDBOT_TEST_WECOM_UNSET' is not set");
}

TEST_CASE("a bad EncodingAESKey is refused at start-up, naming the key but not its value") {
  json account = full_account();
  account["app"]["encoding_aes_key"] = "too-short";
  const std::string e = error_of(json{{"accounts", json::array({account})}});
  CHECK(e == "gridbot.json: platforms.wecom.accounts[0].app.encoding_aes_key: must be the 43-character "
             "EncodingAESKey from WeCom's console");
  CHECK(e.find("too-short") == std::string::npos);
}

TEST_CASE("duplicate names, a missing corp_id and a bad mode name the key") {
  json twice = json::array({full_account(), full_account()});
  CHECK(error_of(twice) == "gridbot.json: platforms.wecom[1].name: 'main' names another account already");

  json no_corp = full_account();
  no_corp.erase("corp_id");
  CHECK(error_of(json::array({no_corp})) == "gridbot.json: platforms.wecom[0].corp_id: is required");

  json bad_mode = full_account();
  bad_mode["aibot"]["mode"] = "polling";
  CHECK(error_of(json::array({bad_mode})) ==
        "gridbot.json: platforms.wecom[0].aibot.mode: must be \"callback\" or \"websocket\", got 'polling'");
}

TEST_CASE("websocket mode needs the bot's secret, callback mode its token and key") {
  json ws = json::parse(R"({"name": "ws", "aibot": {"bot_id": "B", "mode": "websocket"}})");
  CHECK(error_of(json::array({ws})) == "gridbot.json: platforms.wecom[0].aibot.secret: is required");
  ws["aibot"]["secret"] = "S";
  auto a = parse_accounts(json::array({ws}), "gridbot.json")[0];
  CHECK(a.aibot->mode == AibotSettings::Mode::websocket);
  CHECK(a.corp_id.empty());  // an AI bot alone needs no corp id

  json cb = json::parse(R"({"name": "cb", "aibot": {"bot_id": "B"}})");
  CHECK(error_of(json::array({cb})) == "gridbot.json: platforms.wecom[0].aibot.token: is required");
}

TEST_CASE("unknown keys, an empty list, a bad name and an empty account are refused") {
  json typo = full_account();
  typo["webhooks"] = json::object();
  CHECK(error_of(json::array({typo})).starts_with("gridbot.json: platforms.wecom[0].webhooks: unknown key"));
  CHECK(error_of(json{{"accounts", json::array()}}) ==
        "gridbot.json: platforms.wecom.accounts: must be a non-empty list of accounts");
  CHECK(error_of(json{{"enabled", true}}) == "gridbot.json: platforms.wecom.accounts: is required");
  json slash = full_account();
  slash["name"] = "a/b";
  CHECK(error_of(json::array({slash})).starts_with("gridbot.json: platforms.wecom[0].name: may hold only"));
  CHECK(error_of(json::parse(R"([{"name": "x"}])")) ==
        "gridbot.json: platforms.wecom[0]: configures nothing: give at least one of app, aibot, webhook_keys");
  json agent = full_account();
  agent["app"]["agent_id"] = "1000002";
  CHECK(error_of(json::array({agent})) ==
        "gridbot.json: platforms.wecom[0].app.agent_id: must be the app's AgentId, a positive whole number");
}

}  // namespace
}  // namespace gridbot::wecom
