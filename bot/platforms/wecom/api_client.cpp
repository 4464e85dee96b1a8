#include "bot/platforms/wecom/api_client.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bot/net/url.hpp"
#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::wecom {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

constexpr std::size_t kMaxIdsPerConversion = 1000;  // path/101521

}  // namespace

ApiClient::ApiClient(net::HttpClient& http, std::string api_base_url)
    : http_(http), api_base_url_(std::move(api_base_url)) {}

// The reply and the answer's body (for calls that read more than errcode).
asio::awaitable<std::pair<ApiReply, std::string>> ApiClient::post(std::string url, std::string body) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.body = std::move(body);
  std::pair<ApiReply, std::string> out;
  try {
    auto response = co_await http_.request(std::move(request));
    out.first.answer = classify_api_answer(response.status, response.body);
    out.second = std::move(response.body);
  } catch (const net::TransportError& e) {
    out.first.answer.kind = ApiAnswer::Kind::retry;
    out.first.answer.advice = std::string("WeCom gave no answer (") + e.what() + "); sent again with backoff.";
    co_return out;
  }
  if (out.first.answer.kind == ApiAnswer::Kind::ok) {
    const auto doc = json::parse(out.second, nullptr, false);
    if (doc.is_object() && doc.contains("msgid") && doc["msgid"].is_string()) out.first.msgid = doc["msgid"];
  }
  co_return out;
}

asio::awaitable<ApiReply> ApiClient::send_app_message(const std::string& access_token, std::string body) {
  auto posted =
      co_await post(api_base_url_ + "/cgi-bin/message/send?access_token=" + net::percent_encode(access_token),
                    std::move(body));
  co_return posted.first;
}

asio::awaitable<ApiReply> ApiClient::send_webhook(const std::string& key, std::string body) {
  auto posted = co_await post(api_base_url_ + "/cgi-bin/webhook/send?key=" + net::percent_encode(key), std::move(body));
  co_return posted.first;
}

asio::awaitable<ApiReply> ApiClient::post_response_url(const std::string& response_url, std::string body) {
  auto posted = co_await post(response_url, std::move(body));
  co_return posted.first;
}

asio::awaitable<UseridConversion> ApiClient::openuserid_to_userid(const std::string& access_token,
                                                                   std::vector<std::string> open_userids) {
  UseridConversion out;
  std::vector<std::string> unknown;
  for (auto& id : open_userids) {
    if (auto found = converted_.find(id); found != converted_.end()) out.userids[id] = found->second;
    else if (std::find(unknown.begin(), unknown.end(), id) == unknown.end()) unknown.push_back(std::move(id));
  }
  const std::string url =
      api_base_url_ + "/cgi-bin/batch/openuserid_to_userid?access_token=" + net::percent_encode(access_token);
  for (std::size_t at = 0; at < unknown.size(); at += kMaxIdsPerConversion) {
    const auto end = unknown.begin() + static_cast<std::ptrdiff_t>(std::min(unknown.size(), at + kMaxIdsPerConversion));
    const json request = {{"open_userid_list", std::vector<std::string>(unknown.begin() + static_cast<std::ptrdiff_t>(at), end)}};
    auto posted = co_await post(url, dump_raw_utf8(request));
    out.answer = posted.first.answer;
    if (out.answer.kind != ApiAnswer::Kind::ok) co_return out;
    const auto doc = json::parse(posted.second, nullptr, false);
    for (const auto& pair : doc.value("userid_list", json::array())) {
      if (!pair.is_object() || !pair.value("open_userid", json()).is_string() || !pair.value("userid", json()).is_string())
        continue;
      const std::string open = pair["open_userid"], plain = pair["userid"];
      converted_[open] = plain;
      out.userids[open] = plain;
    }
    for (const auto& id : doc.value("invalid_open_userid_list", json::array()))
      if (id.is_string()) out.invalid.push_back(id);
  }
  co_return out;
}

}  // namespace gridbot::wecom
