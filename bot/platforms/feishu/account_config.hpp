// One Feishu app as `platforms.feishu` configures it (a list of these): a self-built app (企业自建应用)
// with its bot, receiving events by webhook (事件订阅 → 请求地址) or by long connection (长连接).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot::feishu {

struct AccountConfig {
  enum class Mode { webhook, websocket };
  std::string name;                // what groups' "account" and the route /feishu/{name}/events say
  std::string app_id;              // cli_…: token requests and the long connection's endpoint
  std::string app_secret;          // never logged
  std::string verification_token;  // checked on every challenge and event; never logged
  std::string encrypt_key;         // empty: events arrive plaintext and unsigned
  Mode mode = Mode::webhook;
  std::string api_base_url = "https://open.feishu.cn";
  // Group member lists for notices (im/v1/chats/:chat_id/members): which id kind to ask for, the
  // same kind the organization file's feishu accounts hold and events carry (user_id when the app
  // has the contact:user.employee_id:readonly scope, else open_id); "" turns the lists off.
  std::string roster_member_id_type = "open_id";
};

// Parses `platforms.feishu`: {"accounts": [...]} or the list itself. Secrets may be given as
// {"env": "NAME"}. Throws ConfigError naming `source` and the key path
// (platforms.feishu.accounts[0].app_secret: ...) for anything malformed.
std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source);

}  // namespace gridbot::feishu
