// The WeCom HTTP APIs gridbot sends with (PROTOCOLS.md §1.5, §1.6): a self-built app's
// message/send, a group robot's webhook/send, the AI bot's one-use response_url, and
// batch/openuserid_to_userid. Bodies are already rendered (raw UTF-8, outgoing.hpp); every call
// answers with classify_api_answer's reading, a cut connection as retry. Never throws for the
// network, and never puts a URL's query (access_token, key, response_code) in an answer or a log.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bot/awaitable.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/wecom/api_answer.hpp"

namespace gridbot::wecom {

struct ApiReply {
  ApiAnswer answer;
  std::string msgid;  // message/send: WeCom's id of the message, when it gives one
};

struct UseridConversion {
  ApiAnswer answer;                            // of the last call made; ok when every id was cached
  std::map<std::string, std::string> userids;  // open_userid → userid
  std::vector<std::string> invalid;            // ids WeCom could not convert (plain ones among them)
};

class ApiClient {
 public:
  // `api_base_url` without a trailing slash, e.g. https://qyapi.weixin.qq.com.
  ApiClient(net::HttpClient& http, std::string api_base_url);

  boost::asio::awaitable<ApiReply> send_app_message(const std::string& access_token, std::string body);
  boost::asio::awaitable<ApiReply> send_webhook(const std::string& key, std::string body);
  // `response_url` as the AI bot's callback gave it (https://…/cgi-bin/aibot/response?response_code=…).
  boost::asio::awaitable<ApiReply> post_response_url(const std::string& response_url, std::string body);
  // At most 1000 ids per call; ids converted before are answered from a cache and not asked again.
  boost::asio::awaitable<UseridConversion> openuserid_to_userid(const std::string& access_token,
                                                                std::vector<std::string> open_userids);

 private:
  boost::asio::awaitable<std::pair<ApiReply, std::string>> post(std::string url, std::string body);

  net::HttpClient& http_;
  std::string api_base_url_;
  std::map<std::string, std::string> converted_;  // open_userid → userid; a member's mapping never changes
};

}  // namespace gridbot::wecom
