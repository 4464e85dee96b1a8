#include "bot/platforms/dingtalk/member_list.hpp"

#include <nlohmann/json.hpp>

#include "bot/net/url.hpp"
#include "bot/platforms/dingtalk/json_fields.hpp"

namespace gridbot::dingtalk {

using nlohmann::json;
using platforms::RosterFetch;
using platforms::SendResult;

namespace {

std::string sentence(int code, std::string_view msg, std::string_view advice) {
  std::string out = "DingTalk answered " + std::to_string(code);
  if (!msg.empty()) out += " \"" + std::string(msg) + "\"";
  return out + ". " + std::string(advice);
}

// staff_id_nick_map comes as an object in some answers and as a JSON string in others.
json nick_map(const json& result) {
  auto it = result.find("staff_id_nick_map");
  if (it == result.end()) return json::object();
  if (it->is_object()) return *it;
  if (it->is_string()) {
    json parsed = json::parse(it->get<std::string>(), nullptr, false);
    if (parsed.is_object()) return parsed;
  }
  return json::object();
}

}  // namespace

std::string scene_group_members_body(std::string_view open_conversation_id, std::string_view cursor) {
  return json{{"open_conversation_id", open_conversation_id}, {"cursor", cursor}, {"size", kSceneGroupPageSize}}.dump();
}

platforms::PageAnswer read_scene_group_page(int http_status, std::string_view body) {
  if (http_status == 401) return SendResult::token_expired("DingTalk refused the access token (HTTP 401).");
  const json doc = json::parse(body, nullptr, false);
  auto code_it = doc.is_object() ? doc.find("errcode") : doc.end();
  if (!doc.is_object() || code_it == doc.end() || !code_it->is_number_integer()) {
    std::string why = "DingTalk answered HTTP " + std::to_string(http_status) + " without its JSON";
    if (http_status >= 500 || http_status == 408 || http_status == 429 || (http_status >= 200 && http_status < 300))
      return SendResult::retry(why + "; asked again later.");
    return SendResult::permanent(why + ": check the configured oapi_base_url.");
  }
  const int code = code_it->get<int>();
  const std::string msg = text_of(doc, "errmsg");
  if (code == 40014 || code == 42001 || code == 88)
    return SendResult::token_expired(sentence(code, msg, "The access token was refused; a new one is fetched once."), code);
  if (code == -1 || http_status >= 500) return SendResult::retry(sentence(code, msg, "Asked again later."), {}, code);
  if (code == 4000003)
    return SendResult::permanent(
        sentence(code, msg, "The group is not a scene group (场景群): turn scene_group_rosters off for this account; "
                            "the organization's roster counts."),
        code);
  if (code != 0)
    return SendResult::permanent(
        sentence(code, msg, "Check the app's permission to read scene groups (场景群) and that the robot is in the group."),
        code);
  const json& result = object_at(doc, "result");
  const json names = nick_map(result);
  platforms::MemberPage page;
  if (auto ids = result.find("member_user_ids"); ids != result.end() && ids->is_array())
    for (const auto& id : *ids)
      if (id.is_string() && !id.get<std::string>().empty())
        page.members.push_back({id.get<std::string>(), text_of(names, id.get<std::string>().c_str())});
  auto more = result.find("has_more");
  page.has_more = more != result.end() && more->is_boolean() && more->get<bool>();
  page.next = text_of(result, "next_cursor");
  return page;
}

MemberList::MemberList(const AccountConfig& account, net::HttpClient& http, TokenCache& tokens)
    : account_(account), http_(http), tokens_(tokens) {}

boost::asio::awaitable<platforms::PageAnswer> MemberList::page(const std::string& chat, const std::string& cursor) {
  // Named first: g++ 12 destroys a temporary built inside a co_await expression twice.
  std::function<boost::asio::awaitable<platforms::PageAnswer>(std::string)> ask =
      [&](std::string token) -> boost::asio::awaitable<platforms::PageAnswer> {
        net::HttpRequest request;
        request.method = "POST";
        // The old API takes the token in the query; bot/net never logs a URL's query.
        request.url =
            account_.oapi_base_url + "/topapi/im/chat/scenegroup/member/get?access_token=" + net::percent_encode(token);
        request.headers["Content-Type"] = "application/json";
        request.body = scene_group_members_body(chat, cursor);
        try {
          net::HttpResponse response = co_await http_.request(std::move(request));
          co_return read_scene_group_page(response.status, response.body);
        } catch (const net::TransportError& e) {
          co_return SendResult::retry(std::string("no answer from DingTalk: ") + e.what());
        }
      };
  co_return co_await platforms::ask_with_token(tokens_, std::move(ask));
}

boost::asio::awaitable<RosterFetch> MemberList::fetch(std::string open_conversation_id) {
  // DingTalk's throttling answers come as retries here: its old API names no time to wait.
  std::function<boost::asio::awaitable<platforms::PageAnswer>(std::string)> next =
      [this, open_conversation_id](std::string cursor) -> boost::asio::awaitable<platforms::PageAnswer> {
    co_return co_await page(open_conversation_id, cursor);
  };
  std::string what = "topapi/im/chat/scenegroup/member/get", first = "0";
  co_return co_await platforms::collect_member_pages(std::move(what), std::move(first), Time{}, std::move(next));
}

}  // namespace gridbot::dingtalk
