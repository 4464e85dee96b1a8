// Feishu as one platform adapter holding every configured app: the webhook event route, the long
// connections of the apps in websocket mode, and a sender per app for the outbox.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bot/net/http_client.hpp"
#include "bot/platforms/feishu/account_config.hpp"
#include "bot/platforms/feishu/event_routes.hpp"
#include "bot/platforms/feishu/intake.hpp"
#include "bot/platforms/feishu/long_connection.hpp"
#include "bot/platforms/feishu/member_list.hpp"
#include "bot/platforms/feishu/sender.hpp"
#include "bot/platforms/registry.hpp"

namespace gridbot::feishu {

class FeishuAdapter final : public platforms::Adapter {
 public:
  FeishuAdapter(const platforms::PlatformDeps& deps, std::vector<AccountConfig> accounts);
  ~FeishuAdapter() override;

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
  // The app a row goes out on: its `account`, or the only one when the row names none (or the
  // organization's "default"); null when no configured account matches.
  Sender* sender_for(const storage::OutboxRow& row) const;
  template <class Map>
  typename Map::mapped_type::pointer named(const Map& map, std::string_view account) const;

  std::vector<AccountConfig> accounts_;  // never resized after construction: everything points into it
  std::unique_ptr<net::HttpClient> http_;
  Intake intake_;
  EventRoutes routes_;
  std::map<std::string, std::unique_ptr<Sender>, std::less<>> senders_;
  std::map<std::string, std::unique_ptr<MemberList>, std::less<>> member_lists_;
  std::map<std::string, std::unique_ptr<LongConnection>, std::less<>> connections_;
};

// The registry's factory: parses platforms.feishu (ConfigError naming file and key) and builds the adapter.
std::unique_ptr<platforms::Adapter> make_feishu_adapter(const platforms::PlatformDeps& deps,
                                                        const nlohmann::json& settings);

}  // namespace gridbot::feishu
