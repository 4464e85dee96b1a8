#include "bot/platforms/dingtalk/account_config.hpp"

#include <cctype>
#include <string_view>

#include "bot/config.hpp"
#include "bot/platforms/settings_reader.hpp"

namespace gridbot::dingtalk {

namespace {

using nlohmann::json;

using Reader = platforms::SettingsReader;

std::map<std::string, WebhookRobot, std::less<>> parse_webhooks(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object: organization group id → {access_token, secret}");
  std::map<std::string, WebhookRobot, std::less<>> robots;
  for (const auto& [group, robot] : value.items()) {
    const Reader g = r.at(group);
    if (!robot.is_object()) g.fail("", "must be an object {access_token, secret}");
    g.only_keys(robot, {"access_token", "secret"});
    WebhookRobot w{g.secret(robot, "access_token", true), g.secret(robot, "secret", false)};
    if (!w.secret.empty() && !w.secret.starts_with("SEC"))
      g.fail("secret", "must be the robot's 加签 secret, which starts with SEC");
    robots.emplace(group, std::move(w));
  }
  return robots;
}

AccountConfig parse_account(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"name", "client_id", "client_secret", "robot_code", "mode", "api_base_url", "oapi_base_url",
                      "webhooks", "scene_group_rosters"});
  AccountConfig a;
  a.name = r.text(value, "name", true);
  // The name is a path segment of /dingtalk/{name}/robot: keep it to what needs no escaping.
  for (char c : a.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
      r.fail("name", "may hold only letters, digits, '-' and '_' (it is part of the callback URL), got '" + a.name + "'");
  a.client_id = r.text(value, "client_id", true);
  a.client_secret = r.secret(value, "client_secret", true);
  a.robot_code = value.contains("robot_code") ? r.text(value, "robot_code", true) : a.client_id;
  const std::string mode = value.contains("mode") ? r.text(value, "mode", true) : "http";
  if (mode == "http") a.mode = AccountConfig::Mode::http;
  else if (mode == "stream") a.mode = AccountConfig::Mode::stream;
  else r.fail("mode", "must be \"http\" or \"stream\", got '" + mode + "'");
  a.api_base_url = r.base_url(value, "api_base_url", a.api_base_url);
  a.oapi_base_url = r.base_url(value, "oapi_base_url", a.oapi_base_url);
  if (value.contains("webhooks")) a.webhooks = parse_webhooks(value["webhooks"], r.at("webhooks"));
  if (value.contains("scene_group_rosters")) {
    if (!value["scene_group_rosters"].is_boolean()) r.fail("scene_group_rosters", "must be true or false");
    a.scene_group_rosters = value["scene_group_rosters"].get<bool>();
  }
  return a;
}

}  // namespace

std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source) {
  return platforms::read_accounts<AccountConfig>(settings, source, "dingtalk", parse_account);
}

}  // namespace gridbot::dingtalk
