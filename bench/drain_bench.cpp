// The service stays responsive while it catches up: 20,000 overdue timers replayed after
// downtime, then 10,000 notices held for quiet hours released at once. Prepares the database
// file directly, starts the real binary under --test-clock, and polls /healthz on one keep-alive
// connection throughout (500 polls/s), printing its latency percentiles, the replay's timers/s and
// the outbox's messages/s through the local platform (no quota).
// Then the outbox sender alone, in this process, on a fake adapter and the manual clock: rows/s
// with no quota and across many paced buckets, and pacing accuracy under a 20/min quota (the
// most sends in any 60 s, and when the last row went against the ideal).
//
//   drain_bench [--timers N] [--notices N] [--sender-rows N] [--paced-rows N] [--binary PATH]
//     --binary: another gridbot build to start instead of this tree's (a before/after comparison).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <unistd.h>

#include <SQLiteCpp/Transaction.h>

#include "bench/bench_texts.hpp"
#include "bot/log.hpp"
#include "storage/database.hpp"
#include "storage/store.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/load.hpp"
#include "tests/support/sample_ticket.hpp"
#include "tests/bot/outbox_rig.hpp"
#include "tests/support/service_process.hpp"

using namespace gridbot;
using testing::LoadResult;
using testing::LoadSpec;
using Steady = std::chrono::steady_clock;

namespace {

const Time t0 = Time(Seconds(1'794'967'200));  // a Wednesday, 10:00 in Beijing

// Tickets whose claim reminder and deadline both fell due a day ago: one claim-limit row each at
// its reminder step, which re-arms itself for the deadline, already due: two firings per ticket.
void prepare(const std::string& path, int timers, int notices) {
  auto db = storage::open_database(path);
  db.exec("PRAGMA synchronous=OFF");  // preparation only
  storage::Store store(db);
  SQLite::Transaction tx(db);
  for (int i = 0; i < timers / 2; ++i) {
    Ticket t = testing::sample_ticket(1001 + i);
    t.created_at = t.updated_at = t0 - Seconds(2 * 86400);
    t.claim_due_at = t0 - Seconds(86400) + Seconds(i % 3600);
    t.resolve_due_at = t0 + Seconds(5 * 86400);
    store.tickets.save(t);
    store.timers.schedule(
        ScheduleTimer{"claim_limit", t.number, t.claim_due_at - Seconds(1800), R"({"level":0,"step":"reminder"})"});
  }
  const char* groups[] = {"xfl-1-group", "xfl-2-group", "yl-1-group", "yl-2-group"};
  for (int i = 0; i < notices; ++i)
    store.outbox.enqueue(SendMessage{"local", groups[i % 4], "", "【通知】明早8点起停水，请提前储水。（" + std::to_string(i) + "）", {},
                                     Priority::notice, std::nullopt, t0 + Seconds(3600)},
                         t0 - Seconds(7 * 3600));
  tx.commit();
}

// Polls /healthz until `done(health)` holds; returns the polls' latencies and how long it took.
LoadResult watch(std::uint16_t port, const std::function<bool(const nlohmann::json&)>& done, double limit_s) {
  std::atomic<bool> finished = false;
  // 500 polls a second: a monitoring probe's worst case, not a load of its own.
  LoadSpec poll{port, 1, limit_s, 0, 500, [](std::uint64_t) { return testing::LoadRequest{"GET", "/healthz", ""}; },
                [&](std::uint64_t, int status, const std::string& body) {
                  if (status == 200 && done(nlohmann::json::parse(body))) finished = true;
                }};
  poll.cancel = &finished;
  return testing::run_load(poll);
}

void print(const char* label, const LoadResult& r) {
  std::printf("%-44s p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %6.2f ms  (%llu polls, %.2f s)\n", label,
              r.percentile(50), r.percentile(99), r.percentile(99.9), r.latencies_ms.empty() ? 0.0 : r.latencies_ms.back(),
              static_cast<unsigned long long>(r.answered), r.seconds);
}

// Rows/s through the sender with `buckets` destinations of a 20/min quota each (0: no quota).
void sender_throughput(int rows, int buckets) {
  testing::OutboxRig r;
  std::vector<SendMessage> messages;
  for (int i = 0; i < rows; ++i) {
    const std::string chat = "g" + std::to_string(buckets ? i % buckets : i % 4);
    if (buckets) r.adapter.quota_per_chat[chat] = {20, Seconds(60)};
    messages.push_back(testing::OutboxRig::message(chat, "【通知】明早8点起停水，请提前储水。"));
  }
  r.enqueue(messages);
  const auto started = Steady::now();
  r.run_until([&] { return r.count("sent") == rows; });
  const double s = std::chrono::duration<double>(Steady::now() - started).count();
  std::printf("sender alone, %d rows, %s: %lld sent in %.2f s (%.0f rows/s)\n", rows,
              buckets ? (std::to_string(buckets) + " buckets of 20/min").c_str() : "no quota",
              static_cast<long long>(r.count("sent")), s, r.count("sent") / s);
}

// A burst into one 20/min bucket, the manual clock stepped a second at a time.
void pacing_accuracy(int rows) {
  testing::OutboxRig r;
  r.adapter.clock = &r.clock;
  r.adapter.quota_per_chat["g"] = {20, Seconds(60)};
  r.enqueue("g", rows);
  r.settle();
  for (int s = 0; s < 24 * 3600 && static_cast<int>(r.adapter.finished.size()) < rows; ++s) r.advance(Seconds(1));
  const auto& at = r.adapter.finished_at;
  std::size_t most = 0;
  for (std::size_t i = 0, j = 0; i < at.size(); ++i) {
    while (at[i] - at[j] >= Seconds(60)) ++j;
    most = std::max(most, i - j + 1);
  }
  const long ideal = (rows + 19) / 20 * 60 - 60;
  std::printf("pacing, %d rows into one 20/min bucket: %zu sent, at most %zu in any 60 s, last at +%lld s (ideal +%ld s)\n",
              rows, at.size(), most, at.empty() ? 0LL : static_cast<long long>((at.back() - r.t0).count()), ideal);
}

}  // namespace

int main(int argc, char** argv) {
  int timers = 20000, notices = 10000, sender_rows = 20000, paced_rows = 200;
  std::string binary = GRIDBOT_BINARY;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--timers") timers = std::stoi(argv[i + 1]);
    else if (a == "--notices") notices = std::stoi(argv[i + 1]);
    else if (a == "--sender-rows") sender_rows = std::stoi(argv[i + 1]);
    else if (a == "--paced-rows") paced_rows = std::stoi(argv[i + 1]);
    else if (a == "--binary") binary = argv[i + 1];
  }
  const auto dir = std::filesystem::temp_directory_path() / ("gridbot-drain-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  setenv("GRIDBOT_LOG", "warn", 1);
  std::printf("load average before: %s (2 cores shared)\n", bench::load_average().c_str());
  prepare((dir / "gridbot.db").string(), timers, notices);
  {
    const auto started = Steady::now();
    testing::ServiceProcess service(binary, dir.string(), {"--test-clock=" + std::to_string(t0.time_since_epoch().count())});
    const auto port = service.port();
    // The scheduler starts replaying at once; wait until no timer is due at the clock's now.
    LoadResult during_replay = watch(
        port,
        [&](const nlohmann::json&) {
          // Every overdue timer fired: what is left pending is due later (the next rungs).
          SQLite::Database db((dir / "gridbot.db").string(), SQLite::OPEN_READONLY);
          return db.execAndGet("SELECT COUNT(*) FROM timers WHERE status = 'pending' AND due_at <= " +
                               std::to_string(t0.time_since_epoch().count()))
                     .getInt() == 0;
        },
        120);
    const double replay_s = std::chrono::duration<double>(Steady::now() - started).count();
    SQLite::Database db((dir / "gridbot.db").string(), SQLite::OPEN_READONLY);
    const int fired = db.execAndGet("SELECT COUNT(*) FROM timers WHERE status = 'fired'").getInt();
    std::printf("replay: %d timers fired in %.2f s from start-up (%.0f timers/s)\n", fired, replay_s, fired / replay_s);
    print("/healthz while overdue timers replay:", during_replay);

    // Wait for the replay's own notices to go (only the held ones are left pending), then end
    // quiet hours for the held ones.
    watch(port, [&](const nlohmann::json& h) { return h["outbox_pending"].get<long>() <= notices; }, 120);
    const auto released = Steady::now();
    std::thread advance([&] { testing::http_post(port, "/local/api/clock", {{"advance_seconds", 3600}}); });
    LoadResult during_release = watch(port, [](const nlohmann::json& h) { return h["outbox_pending"].get<long>() == 0; }, 120);
    advance.join();
    const double release_s = std::chrono::duration<double>(Steady::now() - released).count();
    const long left = testing::http_get(port, "/healthz").json()["outbox_pending"].get<long>();
    std::printf("outbox: %d held notices released, %ld left pending, in %.2f s (%.0f messages/s, no quota)\n", notices, left,
                release_s, notices / release_s);
    print("/healthz while held notices are released:", during_release);
    std::printf("server peak RSS %.1f MB; load average after: %s\n", testing::peak_rss_kb(service.pid()) / 1024.0,
                bench::load_average().c_str());
    service.stop();
  }
  std::filesystem::remove_all(dir);
  log::set_min_level("error");
  sender_throughput(sender_rows, 0);
  sender_throughput(sender_rows, 1000);
  pacing_accuracy(paced_rows);
}
