#include "bot/platforms/wecom/account_config.hpp"

#include <cctype>
#include <string_view>

#include "bot/config.hpp"
#include "bot/platforms/settings_reader.hpp"
#include "bot/platforms/wecom/callback.hpp"

namespace gridbot::wecom {

namespace {

using nlohmann::json;

using Reader = platforms::SettingsReader;

// The callback's Token and EncodingAESKey come as a pair; the key is checked here, at start-up,
// rather than on the first callback.
void callback_pair(const Reader& r, const json& object, std::string& token, std::string& encoding_aes_key,
                   bool required) {
  token = r.secret(object, "token", required);
  encoding_aes_key = r.secret(object, "encoding_aes_key", required || !token.empty());
  if (token.empty() && !encoding_aes_key.empty()) r.fail("token", "is required with encoding_aes_key");
  if (!encoding_aes_key.empty() && !make_callback_keys(token, encoding_aes_key, ""))
    r.fail("encoding_aes_key", "must be the 43-character EncodingAESKey from WeCom's console");
}

AppSettings parse_app(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"agent_id", "secret", "token", "encoding_aes_key"});
  AppSettings app;
  auto agent = value.find("agent_id");
  if (agent == value.end()) r.fail("agent_id", "is required");
  if (agent->is_number_integer() && agent->get<std::int64_t>() > 0) app.agent_id = agent->get<std::int64_t>();
  else r.fail("agent_id", "must be the app's AgentId, a positive whole number");
  app.secret = r.secret(value, "secret", true);
  callback_pair(r, value, app.token, app.encoding_aes_key, false);
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
  callback_pair(r, value, bot.token, bot.encoding_aes_key, !websocket);
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

std::map<std::string, RosterSource> parse_rosters(const json& value, const Reader& r) {
  if (!value.is_object())
    r.fail("", "must be an object: organization group id → {\"customer_group\": chat_id} or {\"app_chat\": chatid}");
  std::map<std::string, RosterSource> out;
  for (const auto& [group, source] : value.items()) {
    const Reader g = r.at(group);
    if (group.empty()) r.fail("", "a group id must not be empty");
    if (!source.is_object() || source.size() != 1)
      g.fail("", "must be {\"customer_group\": chat_id} or {\"app_chat\": chatid}");
    g.only_keys(source, {"customer_group", "app_chat"});
    const bool customer = source.contains("customer_group");
    out[group] = {customer ? RosterSource::Kind::customer_group : RosterSource::Kind::app_chat,
                  g.text(source, customer ? "customer_group" : "app_chat", true)};
  }
  return out;
}

AccountConfig parse_account(const json& value, const Reader& r) {
  if (!value.is_object()) r.fail("", "must be an object");
  r.only_keys(value, {"name", "corp_id", "api_base_url", "ws_url", "app", "aibot", "webhook_keys", "open_userid",
                      "rosters"});
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
  if (value.contains("rosters")) {
    a.rosters = parse_rosters(value["rosters"], r.at("rosters"));
    if (!a.rosters.empty() && !a.app)
      r.fail("rosters", "needs an app: group member lists are read with the self-built app's token");
  }
  if (!a.app && !a.aibot && a.webhook_keys.empty())
    r.fail("", "configures nothing: give at least one of app, aibot, webhook_keys");
  return a;
}

}  // namespace

std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source) {
  return platforms::read_accounts<AccountConfig>(settings, source, "wecom", parse_account);
}

}  // namespace gridbot::wecom
