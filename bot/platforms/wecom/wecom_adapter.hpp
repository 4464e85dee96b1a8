// WeCom as one platform adapter holding every configured account: the callback routes of the
// accounts in callback mode, the long connections of those in websocket mode, and the sending side
// (bot/platforms/wecom/sender.*) for the outbox.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/platforms/registry.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "bot/platforms/wecom/callback_routes.hpp"
#include "bot/platforms/wecom/long_connection.hpp"
#include "bot/platforms/wecom/member_list.hpp"
#include "bot/platforms/wecom/message_intake.hpp"
#include "bot/platforms/wecom/sender.hpp"

namespace gridbot::wecom {

class WecomAdapter final : public platforms::Adapter {
 public:
  WecomAdapter(const platforms::PlatformDeps& deps, std::vector<AccountConfig> accounts,
               LongConnectionTiming timing = {});
  ~WecomAdapter() override;

  std::string_view name() const override { return kPlatform; }
  std::vector<platforms::Quota> quotas(const storage::OutboxRow& row) const override;
  std::size_t text_limit(const storage::OutboxRow& row) const override;
  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row) override;
  boost::asio::awaitable<void> refresh_credentials(const storage::OutboxRow& row) override;
  // The group's list when AccountConfig::rosters names a customer group or app chat for it.
  boost::asio::awaitable<platforms::RosterFetch> fetch_roster(const platforms::RosterRequest& group) override;

  void add_routes(http::Router& router) override;
  void start() override;
  void stop() override;

  const std::vector<AccountConfig>& accounts() const { return accounts_; }
  // The account's long connection, when its AI bot is in websocket mode.
  LongConnection* long_connection(std::string_view account);

 private:
  // The account a row goes out on: its `account`, or the only one when the row names none (or
  // the organization's "default"); null when no configured account matches.
  WecomSender* sender_for(const storage::OutboxRow& row) const;
  boost::asio::awaitable<std::string> plain_userid(const AccountConfig& account, std::string open_userid);

  std::vector<AccountConfig> accounts_;  // never resized after construction: routes point into it
  std::unique_ptr<net::HttpClient> http_;
  std::map<std::string, std::unique_ptr<LongConnection>, std::less<>> connections_;
  std::map<std::string, std::unique_ptr<WecomSender>, std::less<>> senders_;
  std::map<std::string, std::unique_ptr<ApiClient>, std::less<>> conversions_;  // open_userid → userid, cached
  std::map<std::string, std::unique_ptr<MemberList>, std::less<>> member_lists_;  // accounts with rosters
  MessageIntake intake_;
  CallbackRoutes routes_;
};

// The registry's factory: parses platforms.wecom (ConfigError naming file and key) and builds the adapter.
std::unique_ptr<platforms::Adapter> make_wecom_adapter(const platforms::PlatformDeps& deps, const nlohmann::json& settings);

}  // namespace gridbot::wecom
