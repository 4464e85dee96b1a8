#include "bot/platforms/feishu/member_list.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "bot/net/url.hpp"
#include "bot/platforms/feishu/api_answer.hpp"
#include "bot/platforms/feishu/json_fields.hpp"

namespace gridbot::feishu {

using nlohmann::json;
using platforms::RosterFetch;
using platforms::SendResult;

std::string members_path(std::string_view chat_id, std::string_view member_id_type, std::string_view page_token) {
  std::string path = "/open-apis/im/v1/chats/" + net::percent_encode(chat_id) +
                     "/members?member_id_type=" + net::percent_encode(member_id_type) +
                     "&page_size=" + std::to_string(kMembersPageSize);
  if (!page_token.empty()) path += "&page_token=" + net::percent_encode(page_token);
  return path;
}

std::variant<MembersPage, SendResult> read_members_page(int http_status, std::string_view body,
                                                        std::optional<Seconds> ratelimit_reset, Time now) {
  // The same codes as a send's answer (token, frequency limit, permissions); only code 0's data differs.
  SendResult verdict = classify_answer(http_status, body, ratelimit_reset, now);
  if (verdict.kind != SendResult::Kind::ok) return verdict;
  const json doc = json::parse(body, nullptr, false);
  const json& data = object_at(doc, "data");
  MembersPage page;
  if (auto items = data.find("items"); items != data.end() && items->is_array())
    for (const auto& item : *items) {
      if (!item.is_object()) continue;
      std::string id = text_of(item, "member_id");
      if (!id.empty()) page.members.push_back({std::move(id), text_of(item, "name")});
    }
  auto more = data.find("has_more");
  page.has_more = more != data.end() && more->is_boolean() && more->get<bool>();
  page.page_token = text_of(data, "page_token");
  return page;
}

MemberList::MemberList(const AccountConfig& account, net::HttpClient& http, TokenCache& tokens, const Clock& clock)
    : account_(account), http_(http), tokens_(tokens), clock_(clock) {}

boost::asio::awaitable<std::variant<MembersPage, SendResult>> MemberList::page(const std::string& chat_id,
                                                                              const std::string& page_token) {
  // A token refused (99991663/4) is dropped and fetched once more; a second refusal is a retry.
  for (int attempt = 0;; ++attempt) {
    auto token = co_await tokens_.token();
    if (!token) co_return SendResult::retry(token.error());
    net::HttpRequest request;
    request.method = "GET";
    request.url = account_.api_base_url + members_path(chat_id, account_.roster_member_id_type, page_token);
    request.headers["Authorization"] = "Bearer " + *token;
    std::variant<MembersPage, SendResult> answer;
    try {
      net::HttpResponse response = co_await http_.request(std::move(request));
      auto reset_header = response.headers.find("x-ogw-ratelimit-reset");
      const auto reset = reset_header == response.headers.end() ? std::nullopt : parse_ratelimit_reset(reset_header->second);
      answer = read_members_page(response.status, response.body, reset, clock_.now());
    } catch (const net::TransportError& e) {
      co_return SendResult::retry(std::string("no answer from Feishu: ") + e.what());
    }
    auto* verdict = std::get_if<SendResult>(&answer);
    if (!verdict || verdict->kind != SendResult::Kind::token_expired) co_return answer;
    tokens_.invalidate(*token);
    if (attempt > 0) co_return SendResult::retry(verdict->error);
  }
}

boost::asio::awaitable<RosterFetch> MemberList::fetch(std::string chat_id) {
  std::vector<PlatformMember> members;
  std::set<std::string> seen;  // people who joined at the same instant may come on two pages
  std::string token;
  for (int pages = 0; pages < kMaxMemberPages; ++pages) {
    auto answer = co_await page(chat_id, token);
    if (auto* verdict = std::get_if<SendResult>(&answer)) {
      std::string why = "im/v1/chats/{chat_id}/members: " + verdict->error;
      switch (verdict->kind) {
        case SendResult::Kind::rate_limited:
          co_return RosterFetch::retry(std::move(why), std::chrono::duration_cast<Seconds>(verdict->until - clock_.now()));
        case SendResult::Kind::permanent:
          co_return RosterFetch::permanent(std::move(why));
        default:
          co_return RosterFetch::retry(std::move(why), verdict->retry_after);
      }
    }
    auto& page = std::get<MembersPage>(answer);
    for (auto& m : page.members)
      if (seen.insert(m.user_id).second) members.push_back(std::move(m));
    if (!page.has_more) co_return RosterFetch::ok(std::move(members));
    if (page.page_token.empty() || page.page_token == token)
      co_return RosterFetch::retry("im/v1/chats/{chat_id}/members: has_more without a new page_token");
    token = std::move(page.page_token);
  }
  co_return RosterFetch::retry("im/v1/chats/{chat_id}/members: more than " + std::to_string(kMaxMemberPages) +
                               " pages; gave up on this fetch");
}

}  // namespace gridbot::feishu
