#include "bot/platforms/feishu/event_routes.hpp"

#include "bot/log.hpp"

namespace gridbot::feishu {

using http::error_response;
using http::Status;

namespace {

// A forged request is refused as such; a garbled one as a bad request.
Status status_of(Error e) {
  return e == Error::bad_signature || e == Error::missing_signature || e == Error::wrong_token ? Status::forbidden
                                                                                                : Status::bad_request;
}

http::Response refused(std::string_view account, Error e) {
  // What went wrong; never the headers, the body, the key or the token.
  log::warn("feishu", "account {}: event refused: {}", account, describe(e));
  return error_response(status_of(e), describe(e));
}

}  // namespace

EventRoutes::EventRoutes(const std::vector<AccountConfig>& accounts, Intake& intake) : intake_(intake) {
  for (const auto& a : accounts) {
    if (a.mode != AccountConfig::Mode::webhook) continue;
    WebhookKeys keys{a.verification_token, std::nullopt};
    if (!a.encrypt_key.empty()) keys.encrypt_key.emplace(a.encrypt_key);  // hashed once, not per request
    endpoints_.emplace(a.name, Endpoint{&a, std::move(keys)});
  }
}

void EventRoutes::add_routes(http::Router& router) {
  router.add_async(http::Verb::post, "/feishu/{account}/events",
                   [this](const http::Request& r, const http::Params& p) { return post(r, p); });
}

boost::asio::awaitable<http::Response> EventRoutes::post(const http::Request& request, const http::Params& params) {
  auto it = endpoints_.find(params.path.at("account"));
  // An unknown account, or one on a long connection: the same answer, naming no configuration.
  if (it == endpoints_.end()) co_return error_response(Status::not_found, "no Feishu app in webhook mode at this address");
  const AccountConfig& account = *it->second.account;
  if (request.body().size() > kMaxEventBody) co_return error_response(Status::payload_too_large, "body exceeds 1 MiB");

  const WebhookHeaders headers{std::string(request["X-Lark-Request-Timestamp"]),
                               std::string(request["X-Lark-Request-Nonce"]), std::string(request["X-Lark-Signature"])};
  auto opened = open_webhook(it->second.keys, headers, request.body());
  if (!opened) co_return refused(account.name, opened.error());
  if (const auto* challenge = std::get_if<Challenge>(&*opened)) {
    log::info("feishu", "account {}: url_verification answered", account.name);
    co_return http::json_response(Status::ok, nlohmann::json{{"challenge", challenge->challenge}});
  }
  const auto& envelope = std::get<EventEnvelope>(*opened);
  auto outcome = co_await intake_.accept(account, envelope);
  if (!outcome) co_return refused(account.name, outcome.error());
  if (*outcome == Intake::Outcome::duplicate)
    log::debug("feishu", "account {}: event {} delivered again; nothing changed", account.name, envelope.event_id);
  // The answers go out through the outbox (the im/v1 API), not in this body.
  co_return http::json_response(Status::ok, nlohmann::json::object());
}

}  // namespace gridbot::feishu
