// A DingTalk scene group's members (获取场景群成员), docs/PLATFORM_ROSTERS.md §DingTalk: POST
// {oapi}/topapi/im/chat/scenegroup/member/get?access_token= with {open_conversation_id, cursor,
// size} → {errcode, errmsg, success, result:{member_user_ids[], has_more, next_cursor,
// staff_id_nick_map}}; pages followed by next_cursor. Only scene groups (created from a group
// template, or with a 酷应用) are served: an account turns it on with "scene_group_rosters"; other
// groups keep the organization's roster. Robots are not users, so the bot is never in the list.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/member_pages.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"
#include "bot/platforms/dingtalk/token_cache.hpp"

namespace gridbot::dingtalk {

inline constexpr int kSceneGroupPageSize = 100;

std::string scene_group_members_body(std::string_view open_conversation_id, std::string_view cursor);

// One page's answer: the page (names from staff_id_nick_map where it has one; `next` is its
// next_cursor), or what the answer means (token_expired for HTTP 401 and the old
// API's token codes 40014/42001/88; retry for 5xx, -1 and unreadable bodies; permanent otherwise,
// e.g. 4000003 for a group that is no scene group).
platforms::PageAnswer read_scene_group_page(int http_status, std::string_view body);

class MemberList {
 public:
  MemberList(const AccountConfig& account, net::HttpClient& http, TokenCache& tokens);
  boost::asio::awaitable<platforms::RosterFetch> fetch(std::string open_conversation_id);

 private:
  boost::asio::awaitable<platforms::PageAnswer> page(const std::string& chat, const std::string& cursor);
  const AccountConfig& account_;
  net::HttpClient& http_;
  TokenCache& tokens_;
};

}  // namespace gridbot::dingtalk
