#include "bot/platforms/dingtalk/robot_routes.hpp"

#include "bot/log.hpp"

namespace gridbot::dingtalk {

using http::error_response;
using http::Status;

namespace {

// A forged request is refused as such; a stale or garbled one as a bad request.
Status status_of(Error e) {
  return e == Error::bad_signature || e == Error::missing_signature ? Status::forbidden : Status::bad_request;
}

http::Response refused(std::string_view account, Error e) {
  // What went wrong; never the headers, the body or the secret.
  log::warn("dingtalk", "account {}: robot callback refused: {}", account, describe(e));
  return error_response(status_of(e), describe(e));
}

}  // namespace

RobotRoutes::RobotRoutes(const std::vector<AccountConfig>& accounts, Intake& intake) : intake_(intake) {
  for (const auto& a : accounts)
    if (a.mode == AccountConfig::Mode::http) http_accounts_.emplace(a.name, &a);
}

void RobotRoutes::add_routes(http::Router& router) {
  router.add_async(http::Verb::post, "/dingtalk/{account}/robot",
                   [this](const http::Request& r, const http::Params& p) { return post(r, p); });
}

boost::asio::awaitable<http::Response> RobotRoutes::post(const http::Request& request, const http::Params& params) {
  auto it = http_accounts_.find(params.path.at("account"));
  // An unknown account, or one in Stream mode: the same answer, naming no configuration.
  if (it == http_accounts_.end()) co_return error_response(Status::not_found, "no DingTalk robot in HTTP mode at this address");
  const AccountConfig& account = *it->second;
  if (request.body().size() > kMaxCallbackBody)
    co_return error_response(Status::payload_too_large, "body exceeds 1 MiB");

  const Millis now = std::chrono::time_point_cast<std::chrono::milliseconds>(intake_.clock().now());
  auto header = [&](std::string_view name) { return std::string_view(request[name]); };
  if (auto ok = verify_callback(account.client_secret, header("timestamp"), header("sign"), now); !ok)
    co_return refused(account.name, ok.error());
  auto message = parse_robot_message(request.body());
  if (!message) co_return refused(account.name, message.error());

  const bool duplicate = co_await intake_.accept(account, *message);
  if (duplicate) log::debug("dingtalk", "account {}: message {} delivered again; nothing changed", account.name, message->message_id);
  // The answers go out through the outbox (sessionWebhook or the robot API), not in this body.
  co_return http::json_response(Status::ok, nlohmann::json::object());
}

}  // namespace gridbot::dingtalk
