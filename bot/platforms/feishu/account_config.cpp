#include "bot/platforms/feishu/account_config.hpp"

#include <cctype>
#include <cstdlib>
#include <set>
#include <string_view>

#include "bot/config.hpp"

namespace gridbot::feishu {

namespace {

using nlohmann::json;

// Reads one account with the file and the key path at hand, so every mistake names both. (WeCom's
// and DingTalk's account_config.cpp each hold the same reader; one shared header would serve all.)
class Reader {
 public:
  Reader(const std::string& source, std::string path) : source_(source), path_(std::move(path)) {}

  [[noreturn]] void fail(std::string_view key, std::string_view why) const {
    throw ConfigError(source_ + ": " + path_ + (key.empty() ? "" : ".") + std::string(key) + ": " + std::string(why));
  }

  void only_keys(const json& object, std::initializer_list<std::string_view> allowed) const {
    for (const auto& item : object.items()) {
      bool known = false;
      for (auto a : allowed) known = known || item.key() == a;
      if (known) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(item.key(), "unknown key (expected " + list + ")");
    }
  }

  // Inline, or {"env": "NAME"} when `secret`, so the file can be shared; a message names the
  // variable, never the value.
  std::string text(const json& object, std::string_view key, bool required, bool secret = false) const {
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(key, "is required");
      return {};
    }
    if (it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
    if (secret && it->is_object() && it->size() == 1 && it->contains("env") && (*it)["env"].is_string()) {
      const std::string name = (*it)["env"].get<std::string>();
      const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
      if (!value || !*value) fail(key, "environment variable '" + name + "' is not set");
      return value;
    }
    fail(key, secret ? "must be a non-empty string or {\"env\": \"NAME\"}" : "must be a non-empty string");
  }

  // http:// is accepted so tests can point an account at a fake on 127.0.0.1.
  std::string base_url(const json& object, std::string_view key, std::string fallback) const {
    auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_string()) fail(key, "must be a URL string");
    std::string value = it->get<std::string>();
    if (!((value.starts_with("https://") && value.size() > 8) || (value.starts_with("http://") && value.size() > 7)))
      fail(key, "must start with https:// or http://, got '" + value + "'");
    while (value.ends_with('/')) value.pop_back();  // paths are appended as "/open-apis/..."
    return value;
  }

 private:
  const std::string& source_;
  std::string path_;
};

AccountConfig parse_account(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"name", "app_id", "app_secret", "verification_token", "encrypt_key", "mode", "api_base_url"});
  AccountConfig a;
  a.name = r.text(value, "name", true);
  // The name is a path segment of /feishu/{name}/events: keep it to what needs no escaping.
  for (char c : a.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
      r.fail("name", "may hold only letters, digits, '-' and '_' (it is part of the callback URL), got '" + a.name + "'");
  a.app_id = r.text(value, "app_id", true);
  a.app_secret = r.text(value, "app_secret", true, true);
  const std::string mode = value.contains("mode") ? r.text(value, "mode", true) : "webhook";
  if (mode == "webhook") a.mode = AccountConfig::Mode::webhook;
  else if (mode == "websocket") a.mode = AccountConfig::Mode::websocket;
  else r.fail("mode", "must be \"webhook\" or \"websocket\", got '" + mode + "'");
  // A webhook without a token would accept anyone's events; the long connection is authenticated
  // by the app secret, so there it is optional.
  a.verification_token = r.text(value, "verification_token", a.mode == AccountConfig::Mode::webhook, true);
  a.encrypt_key = r.text(value, "encrypt_key", false, true);
  a.api_base_url = r.base_url(value, "api_base_url", a.api_base_url);
  return a;
}

}  // namespace

std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source) {
  std::string list_path = "platforms.feishu";
  const json* list = &settings;
  if (settings.is_object()) {
    Reader(source, list_path).only_keys(settings, {"enabled", "accounts"});
    if (!settings.contains("accounts")) throw ConfigError(source + ": platforms.feishu.accounts: is required");
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

}  // namespace gridbot::feishu
