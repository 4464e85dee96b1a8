// Keeps the platforms' member lists of groups fresh while a notice's acknowledgements are being
// counted: a group's list is fetched once its copy of a notice that asks for acknowledgement has
// been delivered, and again shortly before the deadline (people join and leave meanwhile), then
// stored in one writer job (storage/roster_repository). Handlers read the stored list through
// Context::rosters; they never wait for a fetch.
//
// At most one fetch per group per `min_interval` (10 minutes), counting failed ones: a notice to
// hundreds of groups costs one paged call each, a second notice minutes later costs none, and a
// group whose fetch keeps failing is not retried in a loop. The platforms' own quotas for these
// calls are per app (Feishu: 1000/min and 50/s; DingTalk and WeCom: per-app QPS), shared with
// sending, and a group's members change slowly.
//
// It looks every `tick` on the reader connection (one range of a partial index and one key seek
// per group with an open notice, so an idle look costs next to nothing) and decides on the
// injected clock, so --test-clock moves its schedule too.
// Fetches run as coroutines on the event loop, like sends: the HTTP thread never blocks on one.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/writer.hpp"
#include "storage/store.hpp"

namespace gridbot {

struct RosterTiming {
  Seconds min_interval{600};     // between two fetches of one group, failed ones included
  Seconds before_deadline{900};  // the second fetch: within this long before the deadline
  std::chrono::milliseconds tick{2000};
  int attempts = 3;              // per fetch, for transient failures
  std::chrono::milliseconds first_backoff{2000};  // doubled after each failed attempt
};

// Whether the group's list should be fetched now: not within min_interval of the last attempt
// (or of the stored list), and either nothing fetched since the notice went out, or the deadline
// is near and the stored list is older than that window.
bool roster_refresh_due(Time now, const storage::RosterWanted& wanted, std::optional<Time> fetched_at,
                        std::optional<Time> last_attempt, const RosterTiming& timing);

class RosterRefresher {
 public:
  RosterRefresher(boost::asio::io_context& io, storage::Store& reader, Writer& writer, const OrganizationSnapshots& orgs,
                  const Clock& clock, RosterTiming timing = {});
  void add_adapter(platforms::Adapter& adapter);
  void start();
  void stop();
  bool idle() const { return in_flight_.empty(); }

 private:
  boost::asio::awaitable<void> run();
  void look();
  boost::asio::awaitable<void> refresh(platforms::Adapter& adapter, platforms::RosterRequest group);
  boost::asio::awaitable<void> pause(std::chrono::milliseconds how_long);

  boost::asio::io_context& io_;
  storage::Store& reader_;
  Writer& writer_;
  const OrganizationSnapshots& orgs_;
  const Clock& clock_;
  const RosterTiming timing_;
  std::map<std::string, platforms::Adapter*, std::less<>> adapters_;
  boost::asio::steady_timer wake_;
  std::map<std::string, Time> last_attempt_;  // group id → when its last fetch began
  std::set<std::string> in_flight_;
  bool stopping_ = false;
};

}  // namespace gridbot
