#include "bot/platforms/feishu/account_config.hpp"

#include <cctype>
#include <string_view>

#include "bot/config.hpp"
#include "bot/platforms/settings_reader.hpp"

namespace gridbot::feishu {

namespace {

using nlohmann::json;

using Reader = platforms::SettingsReader;

AccountConfig parse_account(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"name", "app_id", "app_secret", "verification_token", "encrypt_key", "mode", "api_base_url",
                    "roster_member_id_type"});
  AccountConfig a;
  a.name = r.text(value, "name", true);
  // The name is a path segment of /feishu/{name}/events: keep it to what needs no escaping.
  for (char c : a.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
      r.fail("name", "may hold only letters, digits, '-' and '_' (it is part of the callback URL), got '" + a.name + "'");
  a.app_id = r.text(value, "app_id", true);
  a.app_secret = r.secret(value, "app_secret", true);
  const std::string mode = value.contains("mode") ? r.text(value, "mode", true) : "webhook";
  if (mode == "webhook") a.mode = AccountConfig::Mode::webhook;
  else if (mode == "websocket") a.mode = AccountConfig::Mode::websocket;
  else r.fail("mode", "must be \"webhook\" or \"websocket\", got '" + mode + "'");
  // A webhook without a token would accept anyone's events; the long connection is authenticated
  // by the app secret, so there it is optional.
  a.verification_token = r.secret(value, "verification_token", a.mode == AccountConfig::Mode::webhook);
  a.encrypt_key = r.secret(value, "encrypt_key", false);
  a.api_base_url = r.base_url(value, "api_base_url", a.api_base_url);
  if (value.contains("roster_member_id_type")) {
    a.roster_member_id_type = value["roster_member_id_type"].is_null() ? "" : r.text(value, "roster_member_id_type", true);
    if (a.roster_member_id_type != "open_id" && a.roster_member_id_type != "user_id" &&
        a.roster_member_id_type != "union_id" && !a.roster_member_id_type.empty())
      r.fail("roster_member_id_type", "must be \"open_id\", \"user_id\", \"union_id\" or null (no member lists), got '" +
                                          a.roster_member_id_type + "'");
  }
  return a;
}

}  // namespace

std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source) {
  return platforms::read_accounts<AccountConfig>(settings, source, "feishu", parse_account);
}

}  // namespace gridbot::feishu
