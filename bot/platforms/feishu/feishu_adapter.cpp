#include "bot/platforms/feishu/feishu_adapter.hpp"

#include "bot/log.hpp"

namespace gridbot::feishu {

using platforms::SendResult;

namespace {

// A Feishu group names the app it is on; one no account answers for would never be read.
void check_groups(const Organization& org, const std::vector<AccountConfig>& accounts) {
  for (const auto& g : org.groups) {
    if (g.platform != kPlatform) continue;
    bool known = false;
    for (const auto& a : accounts) known = known || a.name == g.account;
    if (!known && !(g.account == "default" && accounts.size() == 1))
      log::warn("config", "group '{}' is on Feishu account '{}', which platforms.feishu does not configure", g.id,
                g.account);
  }
}

}  // namespace

FeishuAdapter::FeishuAdapter(const platforms::PlatformDeps& deps, std::vector<AccountConfig> accounts)
    : accounts_(std::move(accounts)),
      http_(std::make_unique<net::HttpClient>(deps.io)),
      intake_(deps.pipeline, deps.orgs, deps.clock, deps.text, deps.cap),
      routes_(accounts_, intake_) {
  check_groups(*deps.orgs.current(), accounts_);
  intake_.set_answer_now([this](const AccountConfig& account, std::string message_id,
                                std::string text) -> boost::asio::awaitable<void> {
    auto it = senders_.find(account.name);
    if (it == senders_.end()) co_return;
    std::string uuid = "not-read-" + message_id;
    co_await it->second->reply_now(std::move(message_id), std::move(text), std::move(uuid));
  });
  for (const auto& a : accounts_) {
    auto& sender = senders_.emplace(a.name, std::make_unique<Sender>(deps.io, a, *http_, deps.clock)).first->second;
    // Member lists share the sender's token cache: one tenant token per app.
    if (!a.roster_member_id_type.empty())
      member_lists_.emplace(a.name, std::make_unique<MemberList>(a, *http_, sender->tokens(), deps.clock));
    if (a.mode == AccountConfig::Mode::websocket)
      connections_.emplace(a.name, std::make_unique<LongConnection>(deps.io, a, intake_, *http_));
  }
}

FeishuAdapter::~FeishuAdapter() { stop(); }

template <class Map>
typename Map::mapped_type::pointer FeishuAdapter::named(const Map& map, std::string_view account) const {
  if (auto it = map.find(account); it != map.end()) return it->second.get();
  if ((account.empty() || account == "default") && accounts_.size() == 1 && map.size() == 1) return map.begin()->second.get();
  return nullptr;
}

Sender* FeishuAdapter::sender_for(const storage::OutboxRow& row) const { return named(senders_, row.message.account); }

boost::asio::awaitable<platforms::RosterFetch> FeishuAdapter::fetch_roster(const platforms::RosterRequest& group) {
  MemberList* list = named(member_lists_, group.account);
  if (!list) co_return platforms::RosterFetch::unsupported("no Feishu account with member lists for '" + group.account + "'");
  co_return co_await list->fetch(group.chat_id);
}

std::vector<platforms::Quota> FeishuAdapter::quotas(const storage::OutboxRow& row) const {
  Sender* sender = sender_for(row);
  return sender ? sender->quotas(row) : std::vector<platforms::Quota>{};
}

std::size_t FeishuAdapter::text_limit(const storage::OutboxRow& row) const {
  Sender* sender = sender_for(row);
  return sender ? sender->text_limit(row) : 0;
}

boost::asio::awaitable<SendResult> FeishuAdapter::send(const storage::OutboxRow& row) {
  Sender* sender = sender_for(row);
  if (!sender)
    co_return SendResult::permanent("no Feishu account '" + row.message.account +
                                    "' in platforms.feishu: add it, or correct the group's \"account\" in the "
                                    "organization file");
  co_return co_await sender->send(row);
}

boost::asio::awaitable<void> FeishuAdapter::refresh_credentials(const storage::OutboxRow& row) {
  if (Sender* sender = sender_for(row)) co_await sender->refresh_credentials();
}

void FeishuAdapter::add_routes(http::Router& router) { routes_.add_routes(router); }

void FeishuAdapter::start() {
  for (auto& [name, connection] : connections_) connection->start();
}

void FeishuAdapter::stop() {
  for (auto& [name, connection] : connections_) connection->stop();
}

std::unique_ptr<platforms::Adapter> make_feishu_adapter(const platforms::PlatformDeps& deps,
                                                        const nlohmann::json& settings) {
  return std::make_unique<FeishuAdapter>(deps, parse_accounts(settings, deps.config.source));
}

}  // namespace gridbot::feishu
