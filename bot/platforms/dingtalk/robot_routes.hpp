// HTTP mode (PROTOCOLS.md §3.1): POST /dingtalk/{account}/robot, the address entered as the
// robot's 消息接收地址. The `timestamp` and `sign` headers are checked against the AppSecret before
// the body is read; anything that does not verify or parse gets a 4xx with a reason, is logged
// without secrets, stores nothing and never reaches a handler. A message is answered 200 only
// after its inbox commit; a redelivery gets the same 200 and changes nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bot/http/router.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"
#include "bot/platforms/dingtalk/intake.hpp"

namespace gridbot::dingtalk {

inline constexpr std::size_t kMaxCallbackBody = 1024 * 1024;

class RobotRoutes {
 public:
  // Keeps references to the accounts (those in http mode answer) and `intake`, which outlive it.
  RobotRoutes(const std::vector<AccountConfig>& accounts, Intake& intake);

  void add_routes(http::Router& router);

 private:
  boost::asio::awaitable<http::Response> post(const http::Request& request, const http::Params& params);

  std::map<std::string, const AccountConfig*, std::less<>> http_accounts_;
  Intake& intake_;
};

}  // namespace gridbot::dingtalk
