// platforms.dingtalk as an operator writes it: defaults, secrets from the environment, and every
// mistake named by file and key.
#include <doctest/doctest.h>

#include <cstdlib>

#include "bot/config.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"

using gridbot::ConfigError;
using gridbot::dingtalk::AccountConfig;
using gridbot::dingtalk::parse_accounts;
using nlohmann::json;

namespace {

json minimal() { return {{"name", "main"}, {"client_id", "dingkey"}, {"client_secret", "s3cret"}}; }

// The ConfigError's message, or "" when the settings parse.
std::string error_of(const json& settings) {
  try {
    parse_accounts(settings, "gridbot.json");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("an account with only its app's key and secret: HTTP mode, DingTalk's hosts, the robot code is the key") {
  auto accounts = parse_accounts({{"accounts", json::array({minimal()})}}, "gridbot.json");
  REQUIRE(accounts.size() == 1);
  const AccountConfig& a = accounts[0];
  CHECK(a.name == "main");
  CHECK(a.robot_code == "dingkey");
  CHECK(a.mode == AccountConfig::Mode::http);
  CHECK(a.api_base_url == "https://api.dingtalk.com");
  CHECK(a.oapi_base_url == "https://oapi.dingtalk.com");
  CHECK(a.webhooks.empty());
  // The list itself is accepted too.
  CHECK(parse_accounts(json::array({minimal()}), "gridbot.json")[0].client_secret == "s3cret");
}

TEST_CASE("stream mode, test base URLs, webhook robots and secrets from the environment") {
  ::setenv("GRIDBOT_TEST_DT_SECRET", "from-env", 1);
  json a = minimal();
  a.update({{"client_secret", {{"env", "GRIDBOT_TEST_DT_SECRET"}}},
            {"robot_code", "robot-1"},
            {"mode", "stream"},
            {"api_base_url", "http://127.0.0.1:9/"},
            {"webhooks", {{"xfl-1-group", {{"access_token", "T1"}, {"secret", "SECabc"}}}, {"g2", {{"access_token", "T2"}}}}}});
  auto accounts = parse_accounts(json::array({a}), "gridbot.json");
  CHECK(accounts[0].client_secret == "from-env");
  CHECK(accounts[0].robot_code == "robot-1");
  CHECK(accounts[0].mode == AccountConfig::Mode::stream);
  CHECK(accounts[0].api_base_url == "http://127.0.0.1:9");  // the slash goes: paths are appended
  CHECK(accounts[0].webhooks.at("xfl-1-group").secret == "SECabc");
  CHECK(accounts[0].webhooks.at("g2").secret.empty());  // a robot with keywords instead of 加签
  ::unsetenv("GRIDBOT_TEST_DT_SECRET");
}

TEST_CASE("every mistake names the file and the key, never a secret") {
  json a = minimal();
  a["mode"] = "websocket";
  CHECK(error_of(json::array({a})) == "gridbot.json: platforms.dingtalk[0].mode: must be \"http\" or \"stream\", got 'websocket'");

  a = minimal();
  a.erase("client_secret");
  CHECK(error_of({{"accounts", json::array({a})}}) == "gridbot.json: platforms.dingtalk.accounts[0].client_secret: is required");

  a = minimal();
  a["client_secret"] = {{"env", "GRIDBOT_TEST_DT_UNSET"}};
  CHECK(error_of(json::array({a})) ==
        "gridbot.json: platforms.dingtalk[0].client_secret: environment variable 'GRIDBOT_TEST_DT_UNSET' is not set");

  a = minimal();
  a["webhooks"] = {{"g1", {{"access_token", "T"}, {"secret", "not-a-sec-secret"}}}};
  const std::string webhook = error_of(json::array({a}));
  CHECK(webhook.find("platforms.dingtalk[0].webhooks.g1.secret: must be the robot's 加签 secret") != std::string::npos);
  CHECK(webhook.find("not-a-sec-secret") == std::string::npos);

  a = minimal();
  a["oapi_base_url"] = "ftp://oapi";
  CHECK(error_of(json::array({a})).find("platforms.dingtalk[0].oapi_base_url: must start with https:// or http://") !=
        std::string::npos);

  a = minimal();
  a["clientid"] = "typo";
  CHECK(error_of(json::array({a})).find("platforms.dingtalk[0].clientid: unknown key") != std::string::npos);

  a = minimal();
  a["name"] = "main/robot";
  CHECK(error_of(json::array({a})).find("platforms.dingtalk[0].name: may hold only") != std::string::npos);

  CHECK(error_of(json::array({minimal(), minimal()})) ==
        "gridbot.json: platforms.dingtalk[1].name: 'main' names another account already");
  CHECK(error_of(json::object()) == "gridbot.json: platforms.dingtalk.accounts: is required");
  CHECK(error_of(json::array()) == "gridbot.json: platforms.dingtalk: must be a non-empty list of accounts");
}
