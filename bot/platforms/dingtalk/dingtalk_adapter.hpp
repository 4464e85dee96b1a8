// DingTalk as one platform adapter holding every configured account: the HTTP-mode robot route,
// the Stream connections of the accounts in stream mode, and a sender per account for the outbox.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"
#include "bot/platforms/dingtalk/intake.hpp"
#include "bot/platforms/dingtalk/robot_routes.hpp"
#include "bot/platforms/dingtalk/member_list.hpp"
#include "bot/platforms/dingtalk/sender.hpp"
#include "bot/platforms/dingtalk/stream_connection.hpp"
#include "bot/platforms/registry.hpp"

namespace gridbot::dingtalk {

class DingtalkAdapter final : public platforms::Adapter {
 public:
  DingtalkAdapter(const platforms::PlatformDeps& deps, std::vector<AccountConfig> accounts, StreamTiming timing = {});
  ~DingtalkAdapter() override;

  std::string_view name() const override { return kPlatform; }
  std::vector<platforms::Quota> quotas(const storage::OutboxRow& row) const override;
  std::size_t text_limit(const storage::OutboxRow& row) const override;
  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row) override;
  boost::asio::awaitable<void> refresh_credentials(const storage::OutboxRow& row) override;
  boost::asio::awaitable<platforms::RosterFetch> fetch_roster(const platforms::RosterRequest& group) override;

  void add_routes(http::Router& router) override;
  void start() override;
  void stop() override;

  const std::vector<AccountConfig>& accounts() const { return accounts_; }

 private:
  // The account a row goes out on: its `account`, or the only one when the row names none (or the
  // organization's "default"); null when no configured account matches.
  Sender* sender_for(const storage::OutboxRow& row) const;

  std::vector<AccountConfig> accounts_;  // never resized after construction: everything points into it
  std::unique_ptr<net::HttpClient> http_;
  Intake intake_;
  RobotRoutes routes_;
  std::map<std::string, std::unique_ptr<Sender>, std::less<>> senders_;
  std::map<std::string, std::unique_ptr<StreamConnection>, std::less<>> streams_;
  std::map<std::string, std::unique_ptr<MemberList>, std::less<>> member_lists_;  // scene_group_rosters accounts
};

// The registry's factory: parses platforms.dingtalk (ConfigError naming file and key) and builds the adapter.
std::unique_ptr<platforms::Adapter> make_dingtalk_adapter(const platforms::PlatformDeps& deps,
                                                          const nlohmann::json& settings);

}  // namespace gridbot::dingtalk
