// A WeCom group's members, for the groups a member-list call serves (docs/PLATFORM_ROSTERS.md
// §WeCom), with the self-built app's token:
// - a customer group (客户群): POST cgi-bin/externalcontact/groupchat/get {"chat_id","need_name":1}
//   → group_chat.member_list[{userid, type (1 member, 2 external), group_nickname, name, unionid}];
// - an app-created group chat: GET cgi-bin/appchat/get?chatid= → chat_info.userlist[userid].
// One call each, no paging. Which applies to a group is configuration (AccountConfig::rosters).
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "bot/platforms/wecom/token_cache.hpp"

namespace gridbot::wecom {

std::string customer_group_body(std::string_view chat_id);

// The members an answer lists (a customer group's: the group nickname, else the name); WeCom's
// refusal, classified, otherwise.
std::expected<std::vector<PlatformMember>, ApiAnswer> read_customer_group(int http_status, std::string_view body);
std::expected<std::vector<PlatformMember>, ApiAnswer> read_app_chat(int http_status, std::string_view body);

class MemberList {
 public:
  MemberList(net::HttpClient& http, std::string api_base_url, TokenCache& tokens);
  boost::asio::awaitable<platforms::RosterFetch> fetch(RosterSource source);

 private:
  boost::asio::awaitable<std::expected<std::vector<PlatformMember>, ApiAnswer>> once(const RosterSource& source,
                                                                                     const std::string& token);
  net::HttpClient& http_;
  std::string api_base_url_;
  TokenCache& tokens_;
};

}  // namespace gridbot::wecom
