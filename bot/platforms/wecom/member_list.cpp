#include "bot/platforms/wecom/member_list.hpp"

#include <nlohmann/json.hpp>

#include "bot/net/url.hpp"

namespace gridbot::wecom {

using nlohmann::json;
using platforms::RosterFetch;

namespace {

std::string text_at(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The answer's verdict; for a refusal the classified ApiAnswer, for ok the parsed document.
std::expected<json, ApiAnswer> accepted(int http_status, std::string_view body) {
  ApiAnswer verdict = classify_api_answer(http_status, body);
  if (verdict.kind != ApiAnswer::Kind::ok) return std::unexpected(std::move(verdict));
  return json::parse(body, nullptr, false);
}

std::string describe(const ApiAnswer& a) {
  std::string out = "WeCom answered " + std::to_string(a.errcode);
  if (!a.errmsg.empty()) out += " \"" + a.errmsg + "\"";
  if (!a.advice.empty()) out += ". " + a.advice;
  return out;
}

}  // namespace

std::string customer_group_body(std::string_view chat_id) {
  // Raw UTF-8 (WeCom refuses \\uXXXX escapes): dump() writes non-ASCII as is.
  return json{{"chat_id", chat_id}, {"need_name", 1}}.dump();
}

namespace {
// doc[object][array] when both are there with those types; an empty array otherwise.
const json& array_in(const json& doc, const char* object, const char* array) {
  static const json none = json::array();
  auto o = doc.find(object);
  if (o == doc.end() || !o->is_object()) return none;
  auto a = o->find(array);
  return a != o->end() && a->is_array() ? *a : none;
}
}  // namespace

std::expected<std::vector<PlatformMember>, ApiAnswer> read_customer_group(int http_status, std::string_view body) {
  auto doc = accepted(http_status, body);
  if (!doc) return std::unexpected(doc.error());
  std::vector<PlatformMember> out;
  for (const auto& m : array_in(*doc, "group_chat", "member_list")) {
    if (!m.is_object() || text_at(m, "userid").empty()) continue;
    // What the group shows: the nickname set in this group, else the WeCom or WeChat name.
    std::string name = text_at(m, "group_nickname");
    out.push_back({text_at(m, "userid"), name.empty() ? text_at(m, "name") : std::move(name)});
  }
  return out;
}

std::expected<std::vector<PlatformMember>, ApiAnswer> read_app_chat(int http_status, std::string_view body) {
  auto doc = accepted(http_status, body);
  if (!doc) return std::unexpected(doc.error());
  std::vector<PlatformMember> out;
  for (const auto& u : array_in(*doc, "chat_info", "userlist"))
    if (u.is_string() && !u.get<std::string>().empty()) out.push_back({u.get<std::string>(), {}});
  return out;
}

MemberList::MemberList(net::HttpClient& http, std::string api_base_url, TokenCache& tokens)
    : http_(http), api_base_url_(std::move(api_base_url)), tokens_(tokens) {}

boost::asio::awaitable<std::expected<std::vector<PlatformMember>, ApiAnswer>> MemberList::once(
    const RosterSource& source, const std::string& token) {
  net::HttpRequest request;
  const bool customer = source.kind == RosterSource::Kind::customer_group;
  if (customer) {
    request.method = "POST";
    request.url = api_base_url_ + "/cgi-bin/externalcontact/groupchat/get?access_token=" + net::percent_encode(token);
    request.headers["Content-Type"] = "application/json; charset=utf-8";
    request.body = customer_group_body(source.chat_id);
  } else {
    request.method = "GET";
    request.url = api_base_url_ + "/cgi-bin/appchat/get?access_token=" + net::percent_encode(token) +
                  "&chatid=" + net::percent_encode(source.chat_id);
  }
  try {
    net::HttpResponse response = co_await http_.request(std::move(request));
    co_return customer ? read_customer_group(response.status, response.body) : read_app_chat(response.status, response.body);
  } catch (const net::TransportError& e) {
    ApiAnswer cut;
    cut.kind = ApiAnswer::Kind::retry;
    cut.advice = std::string("no answer from WeCom: ") + e.what();
    co_return std::unexpected(std::move(cut));
  }
}

boost::asio::awaitable<RosterFetch> MemberList::fetch(RosterSource source) {
  const std::string what = source.kind == RosterSource::Kind::customer_group ? "externalcontact/groupchat/get: "
                                                                             : "appchat/get: ";
  for (int attempt = 0;; ++attempt) {
    auto token = co_await tokens_.token();
    if (!token) co_return RosterFetch::retry(what + describe(token.error()), token.error().retry_after);
    auto members = co_await once(source, *token);
    if (members) co_return RosterFetch::ok(std::move(*members));
    const ApiAnswer& refused = members.error();
    // A token WeCom calls invalid or expired (40014, 42001) is fetched again once.
    if (refused.kind == ApiAnswer::Kind::token_expired && attempt == 0) {
      tokens_.invalidate(*token);
      continue;
    }
    if (refused.kind == ApiAnswer::Kind::permanent) co_return RosterFetch::permanent(what + describe(refused));
    co_return RosterFetch::retry(what + describe(refused), refused.retry_after);
  }
}

}  // namespace gridbot::wecom
