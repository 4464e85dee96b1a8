// Webhook mode (PROTOCOLS.md §2.1): POST /feishu/{account}/events, the address entered as the
// app's 事件订阅 → 请求地址. The codec verifies the signature, decrypts and checks the token;
// anything that does not verify or parse gets a 4xx with a reason, is logged without secrets,
// stores nothing and never reaches a handler. url_verification is answered with its challenge;
// a message is answered 200 only after its inbox commit; a redelivery gets the same 200 and
// changes nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bot/http/router.hpp"
#include "bot/platforms/feishu/account_config.hpp"
#include "bot/platforms/feishu/intake.hpp"
#include "bot/platforms/feishu/webhook.hpp"

namespace gridbot::feishu {

inline constexpr std::size_t kMaxEventBody = 1024 * 1024;

class EventRoutes {
 public:
  // Keeps references to the accounts (those in webhook mode answer) and `intake`, which outlive it.
  EventRoutes(const std::vector<AccountConfig>& accounts, Intake& intake);

  void add_routes(http::Router& router);

 private:
  struct Endpoint {
    const AccountConfig* account;
    WebhookKeys keys;
  };
  boost::asio::awaitable<http::Response> post(const http::Request& request, const http::Params& params);

  std::map<std::string, Endpoint, std::less<>> endpoints_;
  Intake& intake_;
};

}  // namespace gridbot::feishu
