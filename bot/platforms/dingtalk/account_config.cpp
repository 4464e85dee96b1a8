#include "bot/platforms/dingtalk/account_config.hpp"

#include <cctype>
#include <cstdlib>
#include <set>
#include <string_view>

#include "bot/config.hpp"

namespace gridbot::dingtalk {

namespace {

using nlohmann::json;

// Reads one part of the settings with the file and the key path at hand, so every mistake names both.
class Reader {
 public:
  Reader(const std::string& source, std::string path) : source_(source), path_(std::move(path)) {}

  [[noreturn]] void fail(std::string_view key, std::string_view why) const {
    throw ConfigError(source_ + ": " + path_ + (key.empty() ? "" : ".") + std::string(key) + ": " + std::string(why));
  }
  Reader at(std::string_view key) const { return Reader(source_, path_ + "." + std::string(key)); }

  void only_keys(const json& object, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : object.items()) {
      bool known = false;
      for (auto a : allowed) known = known || key == a;
      if (known) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(key, "unknown key (expected " + list + ")");
    }
  }

  std::string text(const json& object, std::string_view key, bool required) const {
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(key, "is required");
      return {};
    }
    if (!it->is_string() || it->get<std::string>().empty()) fail(key, "must be a non-empty string");
    return it->get<std::string>();
  }

  // Inline, or {"env": "NAME"} so the file can be shared; a message names the variable, never the value.
  std::string secret(const json& object, std::string_view key, bool required) const {
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(key, "is required");
      return {};
    }
    if (it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
    if (it->is_object() && it->size() == 1 && it->contains("env") && (*it)["env"].is_string()) {
      const std::string name = (*it)["env"].get<std::string>();
      const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
      if (!value || !*value) fail(key, "environment variable '" + name + "' is not set");
      return value;
    }
    fail(key, "must be a non-empty string or {\"env\": \"NAME\"}");
  }

  // http:// is accepted so tests can point an account at a fake on 127.0.0.1.
  std::string base_url(const json& object, std::string_view key, std::string fallback) const {
    auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_string()) fail(key, "must be a URL string");
    std::string value = it->get<std::string>();
    if (!((value.starts_with("https://") && value.size() > 8) || (value.starts_with("http://") && value.size() > 7)))
      fail(key, "must start with https:// or http://, got '" + value + "'");
    while (value.ends_with('/')) value.pop_back();  // paths are appended as "/v1.0/..."
    return value;
  }

 private:
  const std::string& source_;
  std::string path_;
};

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
                      "webhooks"});
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
  return a;
}

}  // namespace

std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source) {
  std::string list_path = "platforms.dingtalk";
  const json* list = &settings;
  if (settings.is_object()) {
    Reader(source, list_path).only_keys(settings, {"enabled", "accounts"});
    if (!settings.contains("accounts")) throw ConfigError(source + ": platforms.dingtalk.accounts: is required");
    list = &settings["accounts"];
    list_path += ".accounts";
  }
  if (!list->is_array() || list->empty())
    throw ConfigError(source + ": " + list_path + ": must be a non-empty list of accounts");
  std::vector<AccountConfig> accounts;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    Reader r(source, list_path + "[" + std::to_string(i) + "]");
    AccountConfig a = parse_account((*list)[i], r);
    if (!names.insert(a.name).second) r.fail("name", "'" + a.name + "' names another account already");
    accounts.push_back(std::move(a));
  }
  return accounts;
}

}  // namespace gridbot::dingtalk
