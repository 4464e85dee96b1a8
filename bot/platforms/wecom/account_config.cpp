#include "bot/platforms/wecom/account_config.hpp"

#include <cctype>
#include <cstdlib>
#include <set>
#include <string_view>

#include "bot/config.hpp"
#include "bot/platforms/wecom/callback.hpp"

namespace gridbot::wecom {

namespace {

using nlohmann::json;

// Reads one account with the file and the key path at hand, so every mistake names both.
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
      if (!known) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(key, "unknown key (expected " + list + ")");
      }
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

  // A secret is written inline or, better, as {"env": "NAME"} so the file can be shared. The value
  // itself never appears in a message: only the variable's name does.
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

  std::string url(const json& object, std::string_view key, std::string fallback,
                  std::initializer_list<std::string_view> schemes) const {
    auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_string()) fail(key, "must be a URL string");
    std::string value = it->get<std::string>();
    bool scheme_ok = false;
    for (auto s : schemes) scheme_ok = scheme_ok || (value.starts_with(s) && value.size() > s.size());
    if (!scheme_ok) {
      std::string list;
      for (auto s : schemes) list += (list.empty() ? "" : " or ") + std::string(s);
      fail(key, "must start with " + list + ", got '" + value + "'");
    }
    while (value.ends_with('/')) value.pop_back();  // paths are appended as "/cgi-bin/..."
    return value;
  }

  // The callback's Token and EncodingAESKey come as a pair; the key is checked here, at start-up,
  // rather than on the first callback.
  void callback_pair(const json& object, std::string& token, std::string& encoding_aes_key, bool required) const {
    token = secret(object, "token", required);
    encoding_aes_key = secret(object, "encoding_aes_key", required || !token.empty());
    if (token.empty() && !encoding_aes_key.empty()) fail("token", "is required with encoding_aes_key");
    if (!encoding_aes_key.empty() && !make_callback_keys(token, encoding_aes_key, ""))
      fail("encoding_aes_key", "must be the 43-character EncodingAESKey from WeCom's console");
  }

  const std::string& path() const { return path_; }

 private:
  const std::string& source_;
  std::string path_;
};

AppSettings parse_app(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"agent_id", "secret", "token", "encoding_aes_key"});
  AppSettings app;
  auto agent = value.find("agent_id");
  if (agent == value.end()) r.fail("agent_id", "is required");
  if (agent->is_number_integer() && agent->get<std::int64_t>() > 0) app.agent_id = agent->get<std::int64_t>();
  else r.fail("agent_id", "must be the app's AgentId, a positive whole number");
  app.secret = r.secret(value, "secret", true);
  r.callback_pair(value, app.token, app.encoding_aes_key, false);
  return app;
}

AibotSettings parse_aibot(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"bot_id", "secret", "token", "encoding_aes_key", "bot_name", "mode"});
  AibotSettings bot;
  bot.bot_id = r.text(value, "bot_id", true);
  bot.bot_name = r.text(value, "bot_name", false);
  const std::string mode = value.contains("mode") ? r.text(value, "mode", true) : "callback";
  if (mode == "callback") bot.mode = AibotSettings::Mode::callback;
  else if (mode == "websocket") bot.mode = AibotSettings::Mode::websocket;
  else r.fail("mode", "must be \"callback\" or \"websocket\", got '" + mode + "'");
  const bool websocket = bot.mode == AibotSettings::Mode::websocket;
  bot.secret = r.secret(value, "secret", websocket);  // aibot_subscribe's
  r.callback_pair(value, bot.token, bot.encoding_aes_key, !websocket);
  return bot;
}

std::map<std::string, std::string> parse_webhook_keys(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object: organization group id → webhook robot key");
  std::map<std::string, std::string> keys;
  for (const auto& [group, key] : value.items()) {
    if (group.empty()) r.fail("", "a group id must not be empty");
    keys[group] = r.secret(value, group, true);
  }
  return keys;
}

AccountConfig parse_account(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"name", "corp_id", "api_base_url", "ws_url", "app", "aibot", "webhook_keys", "open_userid"});
  AccountConfig a;
  a.name = r.text(value, "name", true);
  // The name is a path segment of /wecom/{name}/...: keep it to what needs no escaping.
  for (char c : a.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
      r.fail("name", "may hold only letters, digits, '-' and '_' (it is part of the callback URL), got '" + a.name + "'");
  a.corp_id = r.text(value, "corp_id", value.contains("app"));
  a.api_base_url = r.url(value, "api_base_url", a.api_base_url, {"https://", "http://"});
  a.ws_url = r.url(value, "ws_url", a.ws_url, {"wss://", "ws://"});
  if (value.contains("app")) a.app = parse_app(value["app"], r.at("app"));
  if (value.contains("aibot")) a.aibot = parse_aibot(value["aibot"], r.at("aibot"));
  if (value.contains("webhook_keys")) a.webhook_keys = parse_webhook_keys(value["webhook_keys"], r.at("webhook_keys"));
  if (value.contains("open_userid")) {
    if (!value["open_userid"].is_boolean()) r.fail("open_userid", "must be true or false");
    a.open_userid = value["open_userid"].get<bool>();
    if (a.open_userid && !a.app) r.fail("open_userid", "needs an app: the conversion calls the self-built app's API");
  }
  if (!a.app && !a.aibot && a.webhook_keys.empty())
    r.fail("", "configures nothing: give at least one of app, aibot, webhook_keys");
  return a;
}

}  // namespace

std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source) {
  std::string list_path = "platforms.wecom";
  const json* list = &settings;
  if (settings.is_object()) {
    Reader(source, list_path).only_keys(settings, {"enabled", "accounts"});
    if (!settings.contains("accounts")) throw ConfigError(source + ": platforms.wecom.accounts: is required");
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

}  // namespace gridbot::wecom
