// How long the figures take (wall, and CPU of the whole process), for 10k and 100k tickets: the database built as
// the lifecycle leaves it (claims, replies, resolutions, ratings, some claim breaches and
// escalations, spread over 30 days, 4 grids and 6 categories), then GET /api/v1/figures for the
// 30 days (an admin: every community; a community viewer: one), the CSV, and one drill-down (the
// first 500 received), each through the route on the reader pool (one thread), median of 5.
//   ./build/figures_bench [TICKETS...]     (default: 10000 100000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "bench/figures_fill.hpp"
#include "bot/console/figures_api.hpp"
#include "bot/organization_loader.hpp"
#include "storage/database.hpp"
#include "tests/support/await.hpp"

using namespace gridbot;

namespace {

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
    bench::fill_figures_tickets(path, n, org);
    const double fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    Readers readers([&] { return storage::open_reader(path); });
    readers.start();
    ManualClock clock(Time(Seconds(1'794'967'200)));
    console::Viewer viewer{.user = "admin", .role = console::ConsoleRole::admin};
    http::Router router;
    console::FiguresApi{readers, orgs, templates::Catalog::builtin(), clock, WorkingCalendar::standard("Asia/Shanghai"),
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
