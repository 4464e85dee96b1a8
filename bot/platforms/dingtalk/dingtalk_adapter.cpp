#include "bot/platforms/dingtalk/dingtalk_adapter.hpp"

#include "bot/log.hpp"

namespace gridbot::dingtalk {

using platforms::SendResult;

namespace {

// A DingTalk group names the account it is on; one no account answers for would never be read.
void check_groups(const Organization& org, const std::vector<AccountConfig>& accounts) {
  for (const auto& g : org.groups) {
    if (g.platform != kPlatform) continue;
    bool known = false;
    for (const auto& a : accounts) known = known || a.name == g.account;
    if (!known && !(g.account == "default" && accounts.size() == 1))
      log::warn("config", "group '{}' is on DingTalk account '{}', which platforms.dingtalk does not configure", g.id,
                g.account);
  }
}

}  // namespace

DingtalkAdapter::DingtalkAdapter(const platforms::PlatformDeps& deps, std::vector<AccountConfig> accounts,
                                 StreamTiming timing)
    : accounts_(std::move(accounts)),
      http_(std::make_unique<net::HttpClient>(deps.io)),
      intake_(deps.pipeline, deps.orgs, deps.clock, deps.text, deps.cap, *http_),
      routes_(accounts_, intake_) {
  check_groups(*deps.orgs.current(), accounts_);
  // Per send: the snapshot of the moment, so a group added in the console is reachable at once.
  const OrganizationSnapshots& orgs = deps.orgs;
  auto group_of_chat = [&orgs](const std::string& chat_id) -> std::optional<std::string> {
    const auto org = orgs.current();
    const Group* g = org->group_by_chat(kPlatform, chat_id);
    return g ? std::optional<std::string>(g->id) : std::nullopt;
  };
  for (const auto& a : accounts_) {
    auto& sender =
        senders_.emplace(a.name, std::make_unique<Sender>(deps.io, a, *http_, deps.clock, deps.text, group_of_chat)).first->second;
    if (a.scene_group_rosters) member_lists_.emplace(a.name, std::make_unique<MemberList>(a, *http_, sender->tokens()));
    if (a.mode == AccountConfig::Mode::stream)
      streams_.emplace(a.name, std::make_unique<StreamConnection>(deps.io, a, intake_, *http_, timing));
  }
}

DingtalkAdapter::~DingtalkAdapter() { stop(); }

Sender* DingtalkAdapter::sender_for(const storage::OutboxRow& row) const {
  const std::string& account = row.message.account;
  if (auto it = senders_.find(account); it != senders_.end()) return it->second.get();
  if ((account.empty() || account == "default") && senders_.size() == 1) return senders_.begin()->second.get();
  return nullptr;
}

boost::asio::awaitable<platforms::RosterFetch> DingtalkAdapter::fetch_roster(const platforms::RosterRequest& group) {
  auto it = member_lists_.find(group.account);
  if (it == member_lists_.end() && (group.account.empty() || group.account == "default") && accounts_.size() == 1)
    it = member_lists_.begin();
  if (it == member_lists_.end())
    co_return platforms::RosterFetch::unsupported("DingTalk serves member lists of scene groups only");
  co_return co_await it->second->fetch(group.chat_id);
}

std::vector<platforms::Quota> DingtalkAdapter::quotas(const storage::OutboxRow& row) const {
  Sender* sender = sender_for(row);
  return sender ? sender->quotas(row) : std::vector<platforms::Quota>{};
}

std::size_t DingtalkAdapter::text_limit(const storage::OutboxRow& row) const {
  Sender* sender = sender_for(row);
  return sender ? sender->text_limit(row) : 0;
}

boost::asio::awaitable<SendResult> DingtalkAdapter::send(const storage::OutboxRow& row) {
  Sender* sender = sender_for(row);
  if (!sender)
    co_return SendResult::permanent("no DingTalk account '" + row.message.account +
                                    "' in platforms.dingtalk: add it, or correct the group's \"account\" in the "
                                    "organization file");
  co_return co_await sender->send(row);
}

boost::asio::awaitable<void> DingtalkAdapter::refresh_credentials(const storage::OutboxRow& row) {
  if (Sender* sender = sender_for(row)) co_await sender->refresh_credentials();
}

void DingtalkAdapter::add_routes(http::Router& router) { routes_.add_routes(router); }

void DingtalkAdapter::start() {
  for (auto& [name, stream] : streams_) stream->start();
}

void DingtalkAdapter::stop() {
  for (auto& [name, stream] : streams_) stream->stop();
}

std::unique_ptr<platforms::Adapter> make_dingtalk_adapter(const platforms::PlatformDeps& deps,
                                                          const nlohmann::json& settings) {
  return std::make_unique<DingtalkAdapter>(deps, parse_accounts(settings, deps.config.source));
}

}  // namespace gridbot::dingtalk
