// Sending one outbox row for one Feishu app (PROTOCOLS.md §2.2) with the tenant token: an answer
// to a message (reply_to holds its message_id) goes to messages/{id}/reply, which quotes it; any
// other row to im/v1/messages, to the group's chat_id or the member's open_id / user_id. `uuid` is
// the outbox row id, so a resend after a crash between sending and marking sent is dropped by
// Feishu. Buckets: 5 a second per chat (shared by every bot in it, so not per app) and per user.
#pragma once

#include <string>
#include <vector>

#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/feishu/account_config.hpp"
#include "bot/platforms/feishu/token_cache.hpp"

namespace gridbot::feishu {

class Sender {
 public:
  Sender(boost::asio::io_context& io, const AccountConfig& account, net::HttpClient& http, const Clock& clock);

  std::vector<platforms::Quota> quotas(const storage::OutboxRow& row) const;
  std::size_t text_limit(const storage::OutboxRow& row) const;
  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row);
  // A reply outside the outbox (a message gridbot did not store): `uuid` derived from the message
  // replied to, so a redelivery of it is answered once. Failures are logged, never thrown.
  boost::asio::awaitable<void> reply_now(std::string message_id, std::string text, std::string uuid);
  // After token_expired: the token the refusal dropped is fetched again (one fetch for all rows).
  boost::asio::awaitable<void> refresh_credentials();

  TokenCache& tokens() { return tokens_; }

 private:
  boost::asio::awaitable<platforms::SendResult> post(std::string path, std::string body, std::string what);

  const AccountConfig& account_;
  net::HttpClient& http_;
  const Clock& clock_;
  TokenCache tokens_;
};

}  // namespace gridbot::feishu
