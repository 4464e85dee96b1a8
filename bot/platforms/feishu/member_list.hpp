// A Feishu group's members (获取群成员列表), docs/PLATFORM_ROSTERS.md §Feishu:
// GET /open-apis/im/v1/chats/:chat_id/members?member_id_type=&page_size=100&page_token= with the
// tenant token → {code, msg, data:{items[{member_id_type, member_id, name, tenant_key}], page_token,
// has_more, member_total}}. Bots are not returned (so the bot itself never counts). Pages are
// followed until has_more is false; a token refused mid-way is fetched again once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/member_pages.hpp"
#include "bot/platforms/feishu/account_config.hpp"
#include "bot/platforms/feishu/token_cache.hpp"

namespace gridbot::feishu {

inline constexpr int kMembersPageSize = 100;

// "/open-apis/im/v1/chats/<chat_id>/members?member_id_type=open_id&page_size=100[&page_token=…]",
// the id and the token percent-encoded.
std::string members_path(std::string_view chat_id, std::string_view member_id_type, std::string_view page_token);

// One page's answer: the page (`next` is its page_token), or what the answer means (SendResult
// kinds as the senders read Feishu's codes: token_expired, rate_limited, retry, permanent).
platforms::PageAnswer read_members_page(int http_status, std::string_view body, std::optional<Seconds> ratelimit_reset,
                                        Time now);

class MemberList {
 public:
  MemberList(const AccountConfig& account, net::HttpClient& http, TokenCache& tokens, const Clock& clock);
  boost::asio::awaitable<platforms::RosterFetch> fetch(std::string chat_id);

 private:
  boost::asio::awaitable<platforms::PageAnswer> page(const std::string& chat_id, const std::string& page_token);

  const AccountConfig& account_;
  net::HttpClient& http_;
  TokenCache& tokens_;
  const Clock& clock_;
};

}  // namespace gridbot::feishu
