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
    : accounts_(std::move(accounts)),
      http_(std::make_unique<net::HttpClient>(deps.io)),
      intake_(deps.pipeline, deps.orgs, deps.clock, deps.text, deps.cap,
              [this](const AccountConfig& account, std::string open_userid) { return plain_userid(account, std::move(open_userid)); }),
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
    LongConnection* sink = nullptr;
    if (a.aibot && a.aibot->mode == AibotSettings::Mode::websocket)
      sink = connections_.emplace(a.name, std::make_unique<LongConnection>(deps.io, a, intake_, timing)).first->second.get();
    auto& sender = senders_.emplace(a.name, std::make_unique<WecomSender>(a, *http_, deps.clock, group_of_chat, sink))
                       .first->second;
    // Member lists share the app's token cache: gettoken is rate-limited.
    if (!a.rosters.empty() && sender->tokens())
      member_lists_.emplace(a.name, std::make_unique<MemberList>(*http_, a.api_base_url, *sender->tokens()));
  }
}

WecomAdapter::~WecomAdapter() = default;

LongConnection* WecomAdapter::long_connection(std::string_view account) {
  auto it = connections_.find(account);
  return it == connections_.end() ? nullptr : it->second.get();
}

WecomSender* WecomAdapter::sender_for(const storage::OutboxRow& row) const {
  const std::string& account = row.message.account;
  if (auto it = senders_.find(account); it != senders_.end()) return it->second.get();
  if ((account.empty() || account == "default") && senders_.size() == 1) return senders_.begin()->second.get();
  return nullptr;
}

boost::asio::awaitable<platforms::RosterFetch> WecomAdapter::fetch_roster(const platforms::RosterRequest& group) {
  for (const auto& a : accounts_) {
    if (a.name != group.account && !((group.account.empty() || group.account == "default") && accounts_.size() == 1))
      continue;
    auto source = a.rosters.find(group.group_id);
    auto list = member_lists_.find(a.name);
    if (source == a.rosters.end() || list == member_lists_.end()) break;
    co_return co_await list->second->fetch(source->second);
  }
  co_return platforms::RosterFetch::unsupported("no member list configured for this WeCom group");
}

boost::asio::awaitable<std::string> WecomAdapter::plain_userid(const AccountConfig& account, std::string open_userid) {
  auto it = senders_.find(account.name);
  TokenCache* tokens = it == senders_.end() ? nullptr : it->second->tokens();
  if (!tokens) co_return open_userid;
  auto token = co_await tokens->token();
  if (!token) throw std::runtime_error("no access token: " + token.error().errmsg);
  auto& api = conversions_[account.name];
  if (!api) api = std::make_unique<ApiClient>(*http_, account.api_base_url);  // its cache lives as long as we do
  std::vector<std::string> ids{open_userid};  // named: g++ 12 mishandles braced temporaries in co_await
  auto converted = co_await api->openuserid_to_userid(*token, std::move(ids));
  auto found = converted.userids.find(open_userid);
  // A plain userid comes back as invalid: it needs no conversion.
  co_return found == converted.userids.end() ? open_userid : found->second;
}

std::vector<platforms::Quota> WecomAdapter::quotas(const storage::OutboxRow& row) const {
  WecomSender* sender = sender_for(row);
  return sender ? sender->quotas(row) : std::vector<platforms::Quota>{};
}

std::size_t WecomAdapter::text_limit(const storage::OutboxRow& row) const {
  WecomSender* sender = sender_for(row);
  return sender ? sender->text_limit(row) : 0;
}

boost::asio::awaitable<SendResult> WecomAdapter::send(const storage::OutboxRow& row) {
  WecomSender* sender = sender_for(row);
  if (!sender)
    co_return SendResult::permanent("no WeCom account '" + row.message.account +
                                    "' in platforms.wecom: add it, or correct the group's \"account\" in the organization file");
  co_return co_await sender->send(row);
}

boost::asio::awaitable<void> WecomAdapter::refresh_credentials(const storage::OutboxRow& row) {
  if (WecomSender* sender = sender_for(row)) co_await sender->refresh_credentials();
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
