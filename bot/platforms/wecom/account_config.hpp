// One WeCom account as `platforms.wecom` configures it (a list of these): a corp with a
// self-built app (staff DMs and notifications), an AI bot (groups, callback or long-connection
// mode) and webhook robots (groups the AI bot is not in, customer groups of WeChat residents).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot::wecom {

struct AppSettings {  // 自建应用
  std::int64_t agent_id = 0;
  std::string secret;            // corpsecret of the app: gettoken
  std::string token;             // callback Token
  std::string encoding_aes_key;  // callback EncodingAESKey (43 characters)
};

struct AibotSettings {  // 智能机器人
  enum class Mode { callback, websocket };
  std::string bot_id;
  std::string secret;            // long connection's aibot_subscribe secret
  std::string token;             // callback mode
  std::string encoding_aes_key;  // callback mode
  std::string bot_name;          // display name, whose @-mention is removed from texts
  Mode mode = Mode::callback;
};

// Where a group's member list comes from (docs/PLATFORM_ROSTERS.md §WeCom): a customer group's
// externalcontact/groupchat/get (names, internal and external members), or an app-created group
// chat's appchat/get (user ids only). Both with the app's token.
struct RosterSource {
  enum class Kind { customer_group, app_chat } kind = Kind::customer_group;
  std::string chat_id;  // the customer group's chat_id (wr…) or the app chat's chatid
};

struct AccountConfig {
  std::string name;     // what groups' "account" and routes /wecom/{name}/... say
  std::string corp_id;  // receiveid of the app's callbacks
  std::string api_base_url = "https://qyapi.weixin.qq.com";
  std::string ws_url = "wss://openws.work.weixin.qq.com";
  std::optional<AppSettings> app;
  std::optional<AibotSettings> aibot;
  std::map<std::string, std::string> webhook_keys;  // organization group id → webhook robot key
  bool open_userid = false;  // convert AI-bot open_userids with batch/openuserid_to_userid (cached)
  // organization group id → where its member list comes from; a group not named keeps the
  // organization's roster (no call lists the AI bot's or a webhook robot's ordinary group).
  std::map<std::string, RosterSource> rosters;
};

// Parses `platforms.wecom`: {"accounts": [...]} or the list itself. Secrets may be given as
// {"env": "NAME"} and are read from the environment. Throws ConfigError naming `source` and the
// key (platforms.wecom.accounts[0].app.encoding_aes_key: ...) for anything malformed.
std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source);

}  // namespace gridbot::wecom
