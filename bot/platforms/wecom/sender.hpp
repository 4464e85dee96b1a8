// WeCom's sending side: one outbox row of one account to the call that can deliver it
// (PROTOCOLS.md §1.4–§1.7), and WeCom's answer to a platforms::SendResult.
//   direct (user_id), the account has an app   → the app's message/send
//   reply_to is an http(s) URL                  → POST to the AI bot's response_url; refused as
//                                                 used or expired → the proactive way below
//   reply_to is a req_id, a long connection     → aibot_respond_msg on it; refused → proactive
//   group, AI bot in websocket mode             → aibot_send_msg
//   group whose organization group has a key    → the group robot's webhook/send (@ by mentioned_list)
//   otherwise                                   → permanent, saying what an admin can configure
// quotas() and text_limit() name the same destination's limits, so the outbox paces and splits
// for the call send() will make.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "bot/platforms/wecom/api_client.hpp"
#include "bot/platforms/wecom/long_connection_sink.hpp"
#include "bot/platforms/wecom/token_cache.hpp"

namespace gridbot::wecom {

class WecomSender {
 public:
  // The organization group a WeCom chat id belongs to (webhook_keys are keyed by group id);
  // nullopt for a chat the organization file does not know.
  using GroupOfChat = std::function<std::optional<std::string>(const std::string& chat_id)>;

  // `long_connection` null: the AI bot is in callback mode, or not configured. Everything passed
  // by reference must outlive the sender.
  WecomSender(const AccountConfig& account, net::HttpClient& http, const Clock& clock, GroupOfChat group_of_chat,
              LongConnectionSink* long_connection = nullptr);

  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row);
  std::vector<platforms::Quota> quotas(const storage::OutboxRow& row) const;
  std::size_t text_limit(const storage::OutboxRow& row) const;
  // After token_expired: fetch the app's token again (one fetch, however many rows ask).
  boost::asio::awaitable<void> refresh_credentials();

  // The app's token cache; null when the account has no app.
  TokenCache* tokens() { return tokens_.get(); }

 private:
  enum class Route { app_message, response_url, respond, send_msg, webhook, none };
  Route first_route(const SendMessage& message) const;
  Route proactive_route(const SendMessage& message) const;
  std::optional<std::string> webhook_key(const SendMessage& message) const;
  std::size_t route_limit(Route route, const SendMessage& message) const;
  std::vector<platforms::Quota> route_quotas(Route route, const SendMessage& message) const;
  boost::asio::awaitable<platforms::SendResult> send_by(Route route, const SendMessage& message);
  boost::asio::awaitable<platforms::SendResult> send_app_message(const SendMessage& message);
  boost::asio::awaitable<platforms::SendResult> send_webhook(const SendMessage& message);
  platforms::SendResult result_of(const ApiReply& reply) const;
  platforms::SendResult no_route(const SendMessage& message) const;

  const AccountConfig& account_;
  const Clock& clock_;
  GroupOfChat group_of_chat_;
  LongConnectionSink* long_connection_;
  ApiClient api_;
  std::unique_ptr<TokenCache> tokens_;
};

}  // namespace gridbot::wecom
