#include "bot/platforms/wecom/wecom_adapter.hpp"

#include "bot/log.hpp"

namespace gridbot::wecom {

using platforms::SendResult;

namespace {

// A WeCom group names the account it is on; one no account answers for would never be read.
void check_groups(const Organization& org, const std::vector<AccountConfig>& accounts) {
  for (const auto& g : org.groups) {
    if (g.platform != kPlatform) continue;
    bool known = false;
    for (const auto& a : accounts) known = known || a.name == g.account;
    if (!known && !(g.account == "default" && accounts.size() == 1))
      log::warn("config", "group '{}' is on WeCom account '{}', which platforms.wecom does not configure", g.id, g.account);
  }
}

}  // namespace

WecomAdapter::WecomAdapter(const platforms::PlatformDeps& deps, std::vector<AccountConfig> accounts,
                           LongConnectionTiming timing)
    : deps_(deps),
      accounts_(std::move(accounts)),
      intake_(deps.pipeline, deps.org, deps.clock, deps.text, deps.cap),
      routes_(accounts_, intake_) {
  check_groups(deps.org, accounts_);
  for (const auto& a : accounts_)
    if (a.aibot && a.aibot->mode == AibotSettings::Mode::websocket)
      connections_.emplace(a.name, std::make_unique<LongConnection>(deps.io, a, intake_, timing));
}

WecomAdapter::~WecomAdapter() = default;

LongConnection* WecomAdapter::long_connection(std::string_view account) {
  auto it = connections_.find(account);
  return it == connections_.end() ? nullptr : it->second.get();
}

std::vector<platforms::Quota> WecomAdapter::quotas(const storage::OutboxRow& row) const {
  (void)row;
  return {};
}

std::size_t WecomAdapter::text_limit(const storage::OutboxRow& row) const {
  (void)row;
  return 0;
}

boost::asio::awaitable<SendResult> WecomAdapter::send(const storage::OutboxRow& row) {
  (void)row;
  co_return SendResult::retry("not built");
}

boost::asio::awaitable<void> WecomAdapter::refresh_credentials(const storage::OutboxRow& row) {
  (void)row;
  co_return;
}

void WecomAdapter::add_routes(http::Router& router) { routes_.add_routes(router); }

void WecomAdapter::start() {
  for (auto& [name, connection] : connections_) connection->start();
}

void WecomAdapter::stop() {
  for (auto& [name, connection] : connections_) connection->stop();
}

std::unique_ptr<platforms::Adapter> make_wecom_adapter(const platforms::PlatformDeps& deps, const nlohmann::json& settings) {
  return std::make_unique<WecomAdapter>(deps, parse_accounts(settings, deps.config.source));
}

}  // namespace gridbot::wecom
