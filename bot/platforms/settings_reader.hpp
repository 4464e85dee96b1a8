// Reading a platform's `platforms.<name>` settings with the file and the key path at hand, so
// every mistake names both (gridbot.json: platforms.wecom.accounts[0].app.secret: ...). Shared by
// every platform's account_config.cpp, which keeps only its own fields.
#pragma once

#include <functional>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/config.hpp"

namespace gridbot::platforms {

class SettingsReader {
 public:
  SettingsReader(const std::string& source, std::string path) : source_(source), path_(std::move(path)) {}

  [[noreturn]] void fail(std::string_view key, std::string_view why) const;
  SettingsReader at(std::string_view key) const { return SettingsReader(source_, path_ + "." + std::string(key)); }
  const std::string& path() const { return path_; }

  void only_keys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed) const;
  // A non-empty string; absent: "" unless `required`.
  std::string text(const nlohmann::json& object, std::string_view key, bool required) const;
  // A secret is written inline or, better, as {"env": "NAME"} so the file can be shared. The value
  // itself never appears in a message: only the variable's name does.
  std::string secret(const nlohmann::json& object, std::string_view key, bool required) const;
  // A base URL in one of `schemes`, without trailing '/' (paths are appended); absent: `fallback`.
  std::string url(const nlohmann::json& object, std::string_view key, std::string fallback,
                  std::initializer_list<std::string_view> schemes) const;
  // http:// is accepted so tests can point an account at a fake on 127.0.0.1.
  std::string base_url(const nlohmann::json& object, std::string_view key, std::string fallback) const {
    return url(object, key, std::move(fallback), {"https://", "http://"});
  }

 private:
  const std::string& source_;
  std::string path_;
};

// `platforms.<platform>` is {"accounts": [...]} (beside "enabled") or the list itself; each
// account is read by `parse` with a reader at platforms.<platform>[.accounts][i], and two with the
// same `name` are refused.
template <class Account>
std::vector<Account> read_accounts(const nlohmann::json& settings, const std::string& source, std::string_view platform,
                                   const std::function<Account(const nlohmann::json&, const SettingsReader&)>& parse) {
  std::string list_path = "platforms." + std::string(platform);
  const nlohmann::json* list = &settings;
  if (settings.is_object()) {
    SettingsReader(source, list_path).only_keys(settings, {"enabled", "accounts"});
    if (!settings.contains("accounts")) throw ConfigError(source + ": " + list_path + ".accounts: is required");
    list = &settings["accounts"];
    list_path += ".accounts";
  }
  if (!list->is_array() || list->empty())
    throw ConfigError(source + ": " + list_path + ": must be a non-empty list of accounts");
  std::vector<Account> accounts;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list->size(); ++i) {
    SettingsReader r(source, list_path + "[" + std::to_string(i) + "]");
    Account a = parse((*list)[i], r);
    if (!names.insert(a.name).second) r.fail("name", "'" + a.name + "' names another account already");
    accounts.push_back(std::move(a));
  }
  return accounts;
}

}  // namespace gridbot::platforms
