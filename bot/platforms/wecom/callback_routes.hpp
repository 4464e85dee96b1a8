// WeCom's HTTP callbacks (PROTOCOLS.md §1.2): GET/POST /wecom/{account}/aibot for an AI bot in
// callback mode (JSON, receiveid "") and /wecom/{account}/app for a self-built app (XML, the
// corpid as receiveid). Anything that does not verify, decrypt and parse gets a 4xx with a reason,
// is logged without secrets, stores nothing and never reaches a handler. A message is answered
// only after its inbox commit; a redelivery gets the same 200 and changes nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/http/router.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "bot/platforms/wecom/callback.hpp"
#include "bot/platforms/wecom/message_intake.hpp"

namespace gridbot::wecom {

// The query of a callback URL, percent-decoded without turning '+' into a space: the router's
// query decoding is a form's, and a base64 echostr or signature keeps its '+'.
CallbackQuery callback_query(std::string_view target);

inline constexpr std::size_t kMaxCallbackBody = 1024 * 1024;

class CallbackRoutes {
 public:
  // Keeps references to `accounts` and `intake`, which outlive it. The accounts' keys were checked
  // when they were parsed (parse_accounts), so building the endpoints cannot fail.
  CallbackRoutes(const std::vector<AccountConfig>& accounts, MessageIntake& intake);

  void add_routes(http::Router& router);

 private:
  struct Endpoint {
    const AccountConfig* account = nullptr;
    std::optional<CallbackKeys> aibot;  // set when the AI bot is in callback mode
    std::optional<CallbackKeys> app;    // set when the app has a callback Token and key
  };
  const Endpoint* endpoint(const http::Params& params) const;
  static const CallbackKeys* keys_of(const Endpoint* endpoint, bool aibot);
  // A verified, decrypted POST, or the 4xx that refuses it.
  struct Opened {
    const AccountConfig& account;
    const CallbackKeys& keys;
    CallbackQuery query;
    std::string plaintext;
  };
  std::expected<Opened, http::Response> open(const http::Request& request, const http::Params& params, bool aibot) const;

  http::Response verify(const http::Request& request, const http::Params& params, bool aibot) const;
  boost::asio::awaitable<http::Response> aibot_post(const http::Request& request, const http::Params& params);
  boost::asio::awaitable<http::Response> app_post(const http::Request& request, const http::Params& params);
  // An encrypted passive reply in the given endpoint's format, or an empty 200 if it cannot be sealed.
  http::Response sealed(const CallbackKeys& keys, const CallbackQuery& query, std::string_view plaintext,
                        bool xml) const;

  std::map<std::string, Endpoint, std::less<>> endpoints_;
  MessageIntake& intake_;
};

}  // namespace gridbot::wecom
