#include "bot/platforms/feishu/member_list.hpp"

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

platforms::PageAnswer read_members_page(int http_status, std::string_view body, std::optional<Seconds> ratelimit_reset,
                                        Time now) {
  // The same codes as a send's answer (token, frequency limit, permissions); only code 0's data differs.
  SendResult verdict = classify_answer(http_status, body, ratelimit_reset, now);
  if (verdict.kind != SendResult::Kind::ok) return verdict;
  const json doc = json::parse(body, nullptr, false);
  const json& data = object_at(doc, "data");
  platforms::MemberPage page;
  if (auto items = data.find("items"); items != data.end() && items->is_array())
    for (const auto& item : *items) {
      if (!item.is_object()) continue;
      std::string id = text_of(item, "member_id");
      if (!id.empty()) page.members.push_back({std::move(id), text_of(item, "name")});
    }
  auto more = data.find("has_more");
  page.has_more = more != data.end() && more->is_boolean() && more->get<bool>();
  page.next = text_of(data, "page_token");
  return page;
}

MemberList::MemberList(const AccountConfig& account, net::HttpClient& http, TokenCache& tokens, const Clock& clock)
    : account_(account), http_(http), tokens_(tokens), clock_(clock) {}

boost::asio::awaitable<platforms::PageAnswer> MemberList::page(const std::string& chat_id, const std::string& page_token) {
  // Named first: g++ 12 destroys a temporary built inside a co_await expression twice.
  std::function<boost::asio::awaitable<platforms::PageAnswer>(std::string)> ask =
      [&](std::string token) -> boost::asio::awaitable<platforms::PageAnswer> {
        net::HttpRequest request;
        request.method = "GET";
        request.url = account_.api_base_url + members_path(chat_id, account_.roster_member_id_type, page_token);
        request.headers["Authorization"] = "Bearer " + token;
        try {
          net::HttpResponse response = co_await http_.request(std::move(request));
          auto reset_header = response.headers.find("x-ogw-ratelimit-reset");
          const auto reset =
              reset_header == response.headers.end() ? std::nullopt : parse_ratelimit_reset(reset_header->second);
          co_return read_members_page(response.status, response.body, reset, clock_.now());
        } catch (const net::TransportError& e) {
          co_return SendResult::retry(std::string("no answer from Feishu: ") + e.what());
        }
      };
  co_return co_await platforms::ask_with_token(tokens_, std::move(ask));
}

boost::asio::awaitable<RosterFetch> MemberList::fetch(std::string chat_id) {
  std::function<boost::asio::awaitable<platforms::PageAnswer>(std::string)> next =
      [this, chat_id](std::string token) -> boost::asio::awaitable<platforms::PageAnswer> {
    co_return co_await page(chat_id, token);
  };
  std::string what = "im/v1/chats/{chat_id}/members", first;
  co_return co_await platforms::collect_member_pages(std::move(what), std::move(first), clock_.now(), std::move(next));
}

}  // namespace gridbot::feishu
