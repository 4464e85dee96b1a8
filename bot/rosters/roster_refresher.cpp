#include "bot/rosters/roster_refresher.hpp"

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/log.hpp"

namespace gridbot {

namespace asio = boost::asio;
using platforms::RosterFetch;

bool roster_refresh_due(Time now, const storage::RosterWanted& wanted, std::optional<Time> fetched_at,
                        std::optional<Time> last_attempt, const RosterTiming& timing) {
  if (last_attempt && now - *last_attempt < timing.min_interval) return false;
  if (fetched_at && now - *fetched_at < timing.min_interval) return false;
  if (!fetched_at || *fetched_at < wanted.sent_at) return true;
  return wanted.deadline - now <= timing.before_deadline && *fetched_at < wanted.deadline - timing.before_deadline;
}

RosterRefresher::RosterRefresher(asio::io_context& io, storage::Store& reader, Writer& writer,
                                 const OrganizationSnapshots& orgs, const Clock& clock, RosterTiming timing)
    : io_(io), reader_(reader), writer_(writer), orgs_(orgs), clock_(clock), timing_(timing), wake_(io) {}

void RosterRefresher::add_adapter(platforms::Adapter& adapter) { adapters_[std::string(adapter.name())] = &adapter; }

void RosterRefresher::start() { asio::co_spawn(io_, run(), asio::detached); }

void RosterRefresher::stop() {
  stopping_ = true;
  wake_.cancel();
}

asio::awaitable<void> RosterRefresher::pause(std::chrono::milliseconds how_long) {
  asio::steady_timer timer(io_);
  timer.expires_after(how_long);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> RosterRefresher::run() {
  while (!stopping_) {
    try {
      look();
    } catch (const std::exception& e) {
      log::error("rosters", "looking for groups to refresh failed: {}", e.what());
    }
    wake_.expires_after(timing_.tick);
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

void RosterRefresher::look() {
  const Time now = clock_.now();
  const auto org = orgs_.current();
  for (const auto& wanted : reader_.rosters.wanted(now)) {
    if (in_flight_.contains(wanted.group_id)) continue;
    const Group* g = org->group(wanted.group_id);
    if (!g) continue;
    auto adapter = adapters_.find(g->platform);
    if (adapter == adapters_.end()) continue;
    auto attempt = last_attempt_.find(wanted.group_id);
    if (!roster_refresh_due(now, wanted, wanted.fetched_at,
                            attempt == last_attempt_.end() ? std::nullopt : std::optional(attempt->second), timing_))
      continue;
    last_attempt_[wanted.group_id] = now;
    in_flight_.insert(wanted.group_id);
    asio::co_spawn(io_, refresh(*adapter->second, {g->id, g->account, g->chat_id}), asio::detached);
  }
}

asio::awaitable<void> RosterRefresher::refresh(platforms::Adapter& adapter, platforms::RosterRequest group) {
  auto delay = timing_.first_backoff;
  RosterFetch fetched;
  for (int attempt = 1; attempt <= timing_.attempts && !stopping_; ++attempt) {
    try {
      fetched = co_await adapter.fetch_roster(group);
    } catch (const std::exception& e) {
      fetched = RosterFetch::retry(e.what());
    }
    if (fetched.kind != RosterFetch::Kind::retry || attempt == timing_.attempts) break;
    // The platform's hint when it gave one (a frequency limit's reset), within reason.
    const auto hint = std::chrono::duration_cast<std::chrono::milliseconds>(fetched.retry_after);
    co_await pause(std::clamp(hint.count() > 0 ? hint : delay, std::chrono::milliseconds(1), std::chrono::milliseconds(60'000)));
    delay *= 2;
  }
  switch (fetched.kind) {
    case RosterFetch::Kind::ok: {
      const Time at = clock_.now();
      try {
        co_await writer_.run([&](storage::Store& store) { store.rosters.replace(group.group_id, fetched.members, at); });
        log::info("rosters", "group {}: {} members from {}", group.group_id, fetched.members.size(), adapter.name());
      } catch (const std::exception& e) {
        log::error("rosters", "group {}: storing its member list failed: {}", group.group_id, e.what());
      }
      break;
    }
    case RosterFetch::Kind::unsupported:
      break;  // the organization's roster counts, as for the local platform
    case RosterFetch::Kind::retry:
      log::warn("rosters", "group {}: member list not fetched after {} attempts (the last stored list, or the "
                "organization's roster, counts): {}", group.group_id, timing_.attempts, fetched.error);
      break;
    case RosterFetch::Kind::permanent:
      log::warn("rosters", "group {}: member list refused (the last stored list, or the organization's roster, "
                "counts): {}", group.group_id, fetched.error);
      break;
  }
  in_flight_.erase(group.group_id);
}

}  // namespace gridbot
