// platforms.feishu as an operator writes it: defaults, secrets from the environment, and every
// mistake named by file and key.
#include <doctest/doctest.h>

#include <cstdlib>

#include "bot/config.hpp"
#include "bot/platforms/feishu/account_config.hpp"

using gridbot::ConfigError;
using gridbot::feishu::AccountConfig;
using gridbot::feishu::parse_accounts;
using nlohmann::json;

namespace {

json minimal() {
  return {{"name", "main"}, {"app_id", "cli_a1"}, {"app_secret", "s3cret"}, {"verification_token", "vt"}};
}

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

TEST_CASE("a minimal Feishu account: webhook mode, open.feishu.cn, no encrypt key") {
  auto accounts = parse_accounts(json{{"accounts", json::array({minimal()})}}, "gridbot.json");
  REQUIRE(accounts.size() == 1);
  CHECK(accounts[0].name == "main");
  CHECK(accounts[0].app_id == "cli_a1");
  CHECK(accounts[0].app_secret == "s3cret");
  CHECK(accounts[0].mode == AccountConfig::Mode::webhook);
  CHECK(accounts[0].api_base_url == "https://open.feishu.cn");
  CHECK(accounts[0].encrypt_key.empty());
  // The list itself is accepted too.
  CHECK(parse_accounts(json::array({minimal()}), "gridbot.json").size() == 1);
}

TEST_CASE("Feishu secrets from the environment; the base URL's trailing slash dropped") {
  ::setenv("GRIDBOT_TEST_FEISHU_SECRET", "from-env", 1);
  json a = minimal();
  a["app_secret"] = {{"env", "GRIDBOT_TEST_FEISHU_SECRET"}};
  a["encrypt_key"] = {{"env", "GRIDBOT_TEST_FEISHU_SECRET"}};
  a["api_base_url"] = "http://127.0.0.1:8080/";
  a["mode"] = "websocket";
  auto accounts = parse_accounts(json::array({a}), "gridbot.json");
  CHECK(accounts[0].app_secret == "from-env");
  CHECK(accounts[0].encrypt_key == "from-env");
  CHECK(accounts[0].api_base_url == "http://127.0.0.1:8080");
  CHECK(accounts[0].mode == AccountConfig::Mode::websocket);
  a["app_secret"] = {{"env", "GRIDBOT_TEST_FEISHU_UNSET"}};
  CHECK(error_of(json::array({a})) ==
        "gridbot.json: platforms.feishu[0].app_secret: environment variable 'GRIDBOT_TEST_FEISHU_UNSET' is not set");
}

TEST_CASE("every Feishu config mistake names the file and the key") {
  auto with = [](const char* key, json value) {
    json a = minimal();
    if (value.is_null()) a.erase(key);
    else a[key] = std::move(value);
    return json{{"accounts", json::array({a})}};
  };
  CHECK(error_of(with("app_id", nullptr)) == "gridbot.json: platforms.feishu.accounts[0].app_id: is required");
  CHECK(error_of(with("app_secret", 5)) ==
        "gridbot.json: platforms.feishu.accounts[0].app_secret: must be a non-empty string or {\"env\": \"NAME\"}");
  // A webhook without its token would take anyone's events.
  CHECK(error_of(with("verification_token", nullptr)) ==
        "gridbot.json: platforms.feishu.accounts[0].verification_token: is required");
  CHECK(error_of(with("mode", "stream")).find("platforms.feishu.accounts[0].mode: must be \"webhook\" or \"websocket\"") !=
        std::string::npos);
  CHECK(error_of(with("api_base_url", "ftp://x")).find("platforms.feishu.accounts[0].api_base_url:") != std::string::npos);
  CHECK(error_of(with("name", "a/b")).find("platforms.feishu.accounts[0].name:") != std::string::npos);
  CHECK(error_of(with("appid", "x")).find("platforms.feishu.accounts[0].appid: unknown key") != std::string::npos);
  CHECK(error_of(json{{"accounts", json::array({minimal(), minimal()})}}) ==
        "gridbot.json: platforms.feishu.accounts[1].name: 'main' names another account already");
  CHECK(error_of(json{{"enabled", true}}) == "gridbot.json: platforms.feishu.accounts: is required");
  CHECK(error_of(json{{"accounts", json::array()}}) ==
        "gridbot.json: platforms.feishu.accounts: must be a non-empty list of accounts");
}

TEST_CASE("a Feishu long connection needs no verification token") {
  json a = minimal();
  a.erase("verification_token");
  a["mode"] = "websocket";
  CHECK(error_of(json::array({a})).empty());
}

TEST_CASE("group member lists: open_id by default, user_id or off by choice, anything else named") {
  auto defaults = parse_accounts(json::array({minimal()}), "gridbot.json");
  CHECK(defaults[0].roster_member_id_type == "open_id");
  auto by_user = minimal();
  by_user["roster_member_id_type"] = "user_id";
  CHECK(parse_accounts(json::array({by_user}), "gridbot.json")[0].roster_member_id_type == "user_id");
  auto off = minimal();
  off["roster_member_id_type"] = nullptr;
  CHECK(parse_accounts(json::array({off}), "gridbot.json")[0].roster_member_id_type.empty());
  auto wrong = minimal();
  wrong["roster_member_id_type"] = "email";
  const std::string why = error_of(json::array({wrong}));
  CHECK(why.find("gridbot.json") != std::string::npos);
  CHECK(why.find("platforms.feishu[0].roster_member_id_type") != std::string::npos);
}
