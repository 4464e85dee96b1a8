// How long the figures take on the event loop, for 10k and 100k tickets: the database built as
// the lifecycle leaves it (claims, replies, resolutions, ratings, some claim breaches and
// escalations, spread over 30 days, 4 grids and 6 categories), then GET /api/v1/figures for the
// 30 days (an admin: every community; a community viewer: one), the CSV, and one drill-down (the
// first 500 received), each through the route on a read-only connection, median of 5.
//   ./build/figures_bench [TICKETS...]     (default: 10000 100000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <SQLiteCpp/Transaction.h>
#include <unistd.h>

#include "bot/console/figures_api.hpp"
#include "bot/organization_loader.hpp"
#include "storage/database.hpp"
#include "tests/support/await.hpp"

using namespace gridbot;

namespace {

const Time start = Time(Seconds(1'794'967'200)) - std::chrono::days(30);
const char* const grids[] = {"xfl-1", "xfl-2", "yl-1", "yl-2"};
const char* const managers[] = {"wangfang", "chenjing", "aliya", "maxiaojun"};
const char* const categories[] = {"drainage", "noise", "utilities", "sanitation", "parking_traffic", "building_repair"};

void fill(const std::string& path, int tickets, const Organization& org) {
  auto db = storage::open_database(path);
  storage::Store store(db);
  SQLite::Transaction tx(db);
  for (int i = 0; i < tickets; ++i) {
    const Time created = start + Seconds(static_cast<std::int64_t>(i) * 30 * 86400 / tickets);
    Ticket t;
    t.number = 1001 + i;
    t.category = categories[i % 6];
    t.text = "楼下反映的问题";
    t.grid = grids[i % 4];
    t.community = org.community_of_grid(t.grid);
    t.reporter_id = t.reporter_user = "r" + std::to_string(i % 5000);
    t.reporter_name = "居民";
    t.source_platform = "local";
    t.owner = managers[i % 4];
    t.created_at = t.updated_at = created;
    t.claim_due_at = created + std::chrono::hours(2);
    t.resolve_due_at = created + std::chrono::hours(72);
    Actions a{SaveTicket{t}, RecordEvent{t.number, "created", t.reporter_id, t.text, created},
              RecordEvent{t.number, "assigned", "system", t.owner, created}};
    const int kind = i % 10;
    if (kind == 9) {  // 1 in 10 waits past its claim deadline and climbs a rung
      a.push_back(RecordEvent{t.number, "claim_overdue", "system", {}, t.claim_due_at});
      a.push_back(RecordEvent{t.number, "escalated", "system", "liqiang", t.claim_due_at});
    }
    if (kind != 8) {  // 1 in 10 is never claimed
      a.push_back(RecordEvent{t.number, "claimed", t.owner, {}, created + std::chrono::minutes(10 + i % 170)});
      t.state = TicketState::claimed;
      t.claimed_by = t.owner;
    }
    if (kind < 7) {
      t.resolved_at = created + std::chrono::hours(1 + i % 90);
      t.state = TicketState::resolved;
      a.push_back(RecordEvent{t.number, "resolved", t.owner, "已处理", t.resolved_at});
      if (kind < 5) {
        const Rating r = kind < 3 ? Rating::satisfied : kind == 3 ? Rating::basically_satisfied : Rating::unrated;
        t.state = TicketState::closed;
        t.rating = r;
        a.push_back(RecordEvent{t.number, "rated", r == Rating::unrated ? "system" : t.reporter_id, std::string(to_string(r)),
                                t.resolved_at + std::chrono::hours(1)});
      }
    }
    a.push_back(SaveTicket{t});
    store.apply(a, created);
  }
  tx.commit();
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// One route's median time, printed with the size of its answer.
void measure(const http::Router& router, const char* label, const std::string& target);

// Wall time, and this process's CPU time (what the event loop spends, whatever else the machine runs).
double median_ms(const http::Router& router, const std::string& target, std::size_t& bytes, double& cpu_ms) {
  std::vector<double> runs, cpu;
  for (int i = 0; i < 5; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    auto r = testing::await(router.dispatch(http::Request{http::Verb::get, target, 11}));
    cpu.push_back(1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    runs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    bytes = r.body().size();
    if (r.result() != http::Status::ok) std::fprintf(stderr, "%s: %d %s\n", target.c_str(), static_cast<int>(r.result()), r.body().c_str());
  }
  std::sort(runs.begin(), runs.end());
  std::sort(cpu.begin(), cpu.end());
  cpu_ms = cpu[2];
  return runs[2];
}

void measure(const http::Router& router, const char* label, const std::string& target) {
  std::size_t bytes = 0;
  double cpu_ms = 0;
  const double ms = median_ms(router, target, bytes, cpu_ms);
  std::printf("  %-44s %8.1f ms wall, %8.1f ms CPU  (%zu bytes)\n", label, ms, cpu_ms, bytes);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {10'000, 100'000};
  const OrganizationFile file = sample_organization_file();
  const OrganizationSnapshots orgs(std::make_shared<const Organization>(parse_organization(file.text, file.source)));
  const Organization& org = *orgs.current();
  for (int n : sizes) {
    const std::string path = "/tmp/figures_bench_" + std::to_string(getpid()) + ".db";
    std::filesystem::remove(path);
    const auto t0 = std::chrono::steady_clock::now();
    fill(path, n, org);
    const double fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto reader_db = storage::open_reader(path);
    storage::Store reader(reader_db);
    ManualClock clock(Time(Seconds(1'794'967'200)));
    console::Viewer viewer{.user = "admin", .role = console::ConsoleRole::admin};
    http::Router router;
    console::FiguresApi{reader, orgs, templates::Catalog::builtin(), clock, WorkingCalendar::standard("Asia/Shanghai"),
                        [&](const http::Request&) { return std::optional(viewer); }}
        .add_routes(router);
    std::printf("%d tickets over 30 days (built in %.1f s):\n", n, fill_s);
    measure(router, "GET /api/v1/figures (admin, 30 days)", "/api/v1/figures");
    measure(router, "GET /api/v1/figures.csv (admin)", "/api/v1/figures.csv");
    measure(router, "GET /api/v1/figures/tickets received (500)", "/api/v1/figures/tickets?figure=received");
    measure(router, "GET /api/v1/figures/tickets claim_late (500)", "/api/v1/figures/tickets?figure=claim_late");
    viewer = console::Viewer{.user = "c", .role = console::ConsoleRole::community, .community = "xingfuli"};
    measure(router, "GET /api/v1/figures (one community)", "/api/v1/figures");
    if (std::getenv("FIGURES_BENCH_KEEP")) {
      std::printf("  kept %s\n", path.c_str());
      continue;
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
}
