// One DingTalk account as `platforms.dingtalk` configures it (a list of these): an app (企业内部应用)
// with its robot, receiving by HTTP callback or by Stream mode, and custom webhook robots for groups
// the app's robot is not in.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot::dingtalk {

// A custom group robot (自定义机器人): its webhook's access_token and, with 加签 on, its SEC… secret.
struct WebhookRobot {
  std::string access_token;
  std::string secret;  // empty: the robot uses keywords or an IP list instead of a signature
};

struct AccountConfig {
  enum class Mode { http, stream };
  std::string name;           // what groups' "account" and the route /dingtalk/{name}/robot say
  std::string client_id;      // AppKey: token requests and Stream mode's connections/open
  std::string client_secret;  // AppSecret: also the key of HTTP-mode callbacks' sign
  std::string robot_code;     // the robot's code for the robot API; defaults to client_id, as DingTalk does
  Mode mode = Mode::http;
  std::string api_base_url = "https://api.dingtalk.com";
  std::string oapi_base_url = "https://oapi.dingtalk.com";
  std::map<std::string, WebhookRobot, std::less<>> webhooks;  // organization group id → its webhook robot
  // The account's groups are scene groups (场景群: created from a group template, or with a 酷应用),
  // whose member lists DingTalk serves (topapi/im/chat/scenegroup/member/get). Off: no call serves
  // an ordinary group a robot was added to, so the organization's roster counts.
  bool scene_group_rosters = false;
};

// Parses `platforms.dingtalk`: {"accounts": [...]} or the list itself. Secrets may be given as
// {"env": "NAME"}. Throws ConfigError naming `source` and the key path
// (platforms.dingtalk.accounts[0].webhooks.g1.secret: ...) for anything malformed.
std::vector<AccountConfig> parse_accounts(const nlohmann::json& settings, const std::string& source);

}  // namespace gridbot::dingtalk
