// A notice to 2,000 groups through the real notice path (compose, release on the writer thread)
// and the real paced outbox sender, on the manual clock:
//   1. paced: 100 bots at 20 messages/min each, every group on one of them; the simulated time to
//      deliver all against the quota-bound minimum, and the real time the outbox spent per message;
//   2. unpaced: the same notice with no quota; messages per second through the outbox, peak memory.
// The local platform itself has no quota setting, so a stand-in adapter plays it: it names the
// per-bot bucket a quota-bound platform would (bucket per account) and answers every send at once.
//
//   notice_bench [--groups N] [--bots N] [--per-minute N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/outbox_sender.hpp"
#include "handlers/notices/compose.hpp"
#include "storage/database.hpp"
#include "tests/support/await.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;
using Steady = std::chrono::steady_clock;

namespace {

const Time t0 = Time(Seconds(1'794'967'200));

class PacedLocal final : public platforms::Adapter {
 public:
  PacedLocal(int bots, int per_minute) : bots_(bots), per_minute_(per_minute) {}
  std::string_view name() const override { return "local"; }
  std::vector<platforms::Quota> quotas(const storage::OutboxRow& row) const override {
    if (per_minute_ == 0) return {};
    // Group "g-17" is served by bot 17 % bots: a platform's bot, its own bucket.
    const int bot = std::stoi(row.message.chat_id.substr(2)) % bots_;
    return {platforms::Quota{"local/bot-" + std::to_string(bot), per_minute_, Seconds(60)}};
  }
  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row) override {
    ++sent;
    co_return platforms::SendResult::ok("m" + std::to_string(row.id));
  }
  std::int64_t sent = 0;

 private:
  int bots_, per_minute_;
};

Organization make_organization(int groups) {
  Organization org;
  org.streets.push_back({"s", "和平街道"});
  org.communities.push_back({"c", "幸福里社区", "s"});
  org.grids.push_back({"grid", "第一网格", "c", {}});
  Member officer;
  officer.id = officer.name = "officer";
  officer.roles = {Role::street_officer};
  officer.street = "s";
  officer.accounts = {{"local", "officer"}};
  org.members.push_back(officer);
  for (int i = 0; i < groups; ++i)
    org.groups.push_back(Group{"g-" + std::to_string(i), "群" + std::to_string(i), "grid", "c", "local", "default",
                               "g-" + std::to_string(i), {}, {}});
  org.index();
  return org;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

struct Run {
  double simulated_s = 0;  // on the manual clock
  double real_s = 0;       // wall time from release to the last send recorded
  double queue_s = 0;      // the writer job that composed and queued every group's copy
};

Run run(int groups, int bots, int per_minute) {
  testing::TempDir dir;
  const std::string path = dir.file("bench.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store(db);
  SQLite::Database reader_db = storage::open_reader(path);
  storage::Store reader(reader_db);
  Writer writer(store);
  boost::asio::io_context io;
  ManualClock clock(t0);
  PacedLocal adapter(bots, per_minute);
  OutboxSender sender(io, reader, writer, clock);
  sender.add_adapter(adapter);
  writer.start();
  sender.start();

  const Organization org = make_organization(groups);
  const Policy policy;
  NoticeRequest request;
  request.scope.all = true;
  request.text = "【防汛预警】今晚有大暴雨，请勿外出，低洼地带住户请注意转移。";
  Run r;
  const auto begin = Steady::now();
  testing::await(writer.run([&](storage::Store& s) {
    Context ctx{clock.now(), org, s.tickets, policy, templates::Catalog::builtin(), &s.notices};
    auto composed = compose_notice(request, org.members[0], "local", "officer", ctx);
    s.apply(release_notice(std::get<Notice>(composed), ctx), clock.now());
  }));
  r.queue_s = std::chrono::duration<double>(Steady::now() - begin).count();
  sender.nudge();
  // Let the sender do all it can at this instant, then move the clock a second: the simulated
  // time is exact to a second, the real time is what the outbox itself spent. A row the lanes hold
  // for its bucket's next token is due but not sendable: a few idle turns, then the clock moves.
  auto settled = [&] { return sender.idle() && reader.outbox.due(clock.now(), 1).empty(); };
  while (reader.outbox.count("sent") < groups) {
    for (int idle_turns = 0; idle_turns < 5;) {
      io.run_for(std::chrono::milliseconds(1));
      if (settled()) break;
      idle_turns += sender.idle() ? 1 : 0;
    }
    if (reader.outbox.count("sent") >= groups) break;
    clock.advance(Seconds(1));
    sender.nudge();
  }
  r.real_s = std::chrono::duration<double>(Steady::now() - begin).count();
  r.simulated_s = static_cast<double>((clock.now() - t0).count());
  sender.stop();
  io.run_for(std::chrono::milliseconds(20));
  writer.stop();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int groups = 2000, bots = 100, per_minute = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--groups")) groups = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--bots")) bots = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--per-minute")) per_minute = std::stoi(argv[i + 1]);
  }
  // A bucket starts full: each bot may send its first `per_minute` at once, the rest at its rate.
  const double minimum_s = 60.0 * groups / (bots * per_minute);
  const double burst = static_cast<double>(bots) * per_minute;
  const double minimum_after_burst_s = groups > burst ? 60.0 * (groups - burst) / (bots * per_minute) : 0;

  Run paced = run(groups, bots, per_minute);
  std::printf("paced: %d groups, %d bots at %d/min\n", groups, bots, per_minute);
  std::printf("  time to deliver all (manual clock): %.0f s\n", paced.simulated_s);
  std::printf("  quota-bound minimum %d/(%d x %d) min: %.0f s; counting the buckets' initial burst: %.0f s\n", groups, bots,
              per_minute, minimum_s, minimum_after_burst_s);
  std::printf("  real time, release to last send recorded: %.3f s = %.3f ms per message (queueing the notice: %.1f ms)\n",
              paced.real_s, 1000 * paced.real_s / groups, 1000 * paced.queue_s);

  Run unpaced = run(groups, bots, 0);
  std::printf("unpaced: %d groups\n", groups);
  std::printf("  %.0f messages/s through the outbox (%.3f s, queueing %.1f ms), peak RSS %ld KB\n", groups / unpaced.real_s,
              unpaced.real_s, 1000 * unpaced.queue_s, peak_rss_kb());
  return 0;
}
