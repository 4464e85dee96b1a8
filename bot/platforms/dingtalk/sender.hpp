// Sending one outbox row for one DingTalk account (PROTOCOLS.md §3.1–§3.3), by the first way that
// applies:
//   1. an answer whose message's sessionWebhook is still valid (its expiry is in the reply handle):
//      POST the webhook, no token needed;
//   2. a group with an entry under `webhooks`: its custom robot, signed per §3.2 for every send;
//   3. the app's robot API with the access token: robot/groupMessages/send to the group's
//      openConversationId, robot/oToMessages/batchSend to a member's staffId.
// Each destination robot is one bucket of 20 messages a minute; 130101 blocks that bucket for 10
// minutes (the codec's classify_answer says so), and an HTTP 401 drops the token so the outbox's
// refresh fetches a new one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"
#include "bot/platforms/dingtalk/token_cache.hpp"
#include "templates/catalog.hpp"

namespace gridbot::dingtalk {

// An outbox row's chat_id → the organization's group id, when it has one.
using GroupOfChat = std::function<std::optional<std::string>(const std::string& chat_id)>;

class Sender {
 public:
  Sender(boost::asio::io_context& io, const AccountConfig& account, net::HttpClient& http, const Clock& clock,
         const templates::Catalog& text, GroupOfChat group_of_chat);

  std::vector<platforms::Quota> quotas(const storage::OutboxRow& row) const;
  std::size_t text_limit(const storage::OutboxRow& row) const;
  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row);
  // After token_expired: the token the refusal dropped is fetched again (one fetch for all rows).
  boost::asio::awaitable<void> refresh_credentials();

  TokenCache& tokens() { return tokens_; }

 private:
  enum class Way { session_webhook, webhook_robot, group_api, direct_api };
  struct Route {
    Way way;
    std::string url;    // session_webhook: the webhook; webhook_robot: robot/send?access_token=…
    std::string robot;  // the bucket's last part: which robot, in which conversation
    const WebhookRobot* webhook = nullptr;  // webhook_robot
  };
  Route route_of(const storage::OutboxRow& row) const;
  boost::asio::awaitable<platforms::SendResult> post(std::string url, std::string body, std::string token,
                                                     std::string_view what);

  const AccountConfig& account_;
  net::HttpClient& http_;
  const Clock& clock_;
  const templates::Catalog& text_;
  GroupOfChat group_of_chat_;
  TokenCache tokens_;
};

}  // namespace gridbot::dingtalk
