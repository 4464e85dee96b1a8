// Intake over the local API, the whole path before each 202: HTTP parse, JSON, membership,
// dedupe, understanding, handler, group commit (synchronous=FULL). Starts the real gridbot binary
// on a fresh data folder, measures the same server's bare route (GET /ping) as the ceiling, then
// posts distinct corpus messages from the residents of every local group. Prints requests/s,
// latency percentiles, errors, start-up time and the server's RSS.
//
//   intake_bench [--connections N] [--seconds S] [--rate R] [--residents PER_GRID] [--keep] [--binary PATH]
//     --residents: residents added to each grid of the sample organization (default 250).
//     --binary: what to start instead of the built gridbot (given the same arguments): a script
//               that runs it under `valgrind --tool=callgrind`, for instruction counts per request.
//     --rate R: paced at R posts/s in total (the soak); 0 (default) = as fast as answered.
//     --keep:   leave the data folder (its path is printed).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <atomic>
#include <vector>

#include <unistd.h>

#include "bench/bench_texts.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/load.hpp"
#include "tests/support/service_process.hpp"

using namespace gridbot;
using testing::LoadResult;
using testing::LoadSpec;

namespace {

void print(const char* label, const LoadResult& r) {
  std::printf("%-26s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  errors %llu of %llu\n",
              label, r.per_second(), r.percentile(50), r.percentile(99), r.percentile(99.9),
              r.latencies_ms.empty() ? 0.0 : r.latencies_ms.back(), static_cast<unsigned long long>(r.errors),
              static_cast<unsigned long long>(r.sent));
  for (const auto& [status, n] : r.statuses)
    if (status < 200 || status >= 300) std::printf("    status %d: %llu\n", status, static_cast<unsigned long long>(n));
}

}  // namespace

int main(int argc, char** argv) {
  int connections = 64;
  double seconds = 10, rate = 0;
  bool keep = false;
  int residents_per_grid = 250;
  std::string binary = GRIDBOT_BINARY;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--connections" && i + 1 < argc) connections = std::stoi(argv[++i]);
    else if (a == "--seconds" && i + 1 < argc) seconds = std::stod(argv[++i]);
    else if (a == "--rate" && i + 1 < argc) rate = std::stod(argv[++i]);
    else if (a == "--residents" && i + 1 < argc) residents_per_grid = std::stoi(argv[++i]);
    else if (a == "--keep") keep = true;
    else if (a == "--binary" && i + 1 < argc) binary = argv[++i];
    else {
      std::fprintf(stderr, "usage: intake_bench [--connections N] [--seconds S] [--rate POSTS_PER_S] [--residents PER_GRID] [--keep] [--binary PATH]\n");
      return 2;
    }
  }
  const auto dir = std::filesystem::temp_directory_path() / ("gridbot-intake-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  setenv("GRIDBOT_LOG", "warn", 1);
  std::printf("load average before: %s (2 cores shared)\n", bench::load_average().c_str());
  int exit_code = 0;
  {
    const std::string organization = (dir / "organization.json").string();
    bench::write_crowded_organization(GRIDBOT_SOURCE_DIR, organization, residents_per_grid);
    testing::ServiceProcess service(binary, dir.string(), {"--organization", organization});
    const auto port = service.port();
    std::printf("start-up to ready (model trained, listening): %.0f ms; idle RSS %.1f MB\n", service.startup_ms(),
                testing::rss_kb(service.pid()) / 1024.0);
    const auto texts = bench::corpus_texts(GRIDBOT_SOURCE_DIR);
    const auto who = bench::posters(port);
    std::printf("%d keep-alive connections, %.0f s per phase; %zu distinct texts, %zu residents in %s\n", connections,
                seconds, texts.size(), who.size(), "the local groups");

    LoadResult ceiling;
    if (rate == 0) {
      LoadSpec bare{port, connections, std::min(seconds, 5.0), 0, 0, [](std::uint64_t) {
                      return testing::LoadRequest{"GET", "/ping", ""};
                    }, {}};
      ceiling = testing::run_load(bare);
      print("ceiling GET /ping:", ceiling);
    }
    const std::string run = "bench" + std::to_string(getpid());
    LoadSpec intake{port, connections, seconds, 0, rate, [&](std::uint64_t seq) {
                      const auto& p = who[seq % who.size()];
                      return testing::LoadRequest{"POST", "/local/api/groups/" + p.group + "/messages",
                                                  bench::post_body(p, texts[(seq * 7919) % texts.size()], run, seq)};
                    }, {}};
    const long rss_before = testing::rss_kb(service.pid());
    // Under a paced load (the soak), sample RSS every 10 s: growth counts from the sample after the
    // first minute (caches warm), or the first sample in a shorter run.
    std::atomic<bool> done = false;
    std::vector<long> samples;
    std::thread sampler([&] {
      while (rate > 0 && !done) {
        for (int i = 0; i < 100 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (!done) samples.push_back(testing::rss_kb(service.pid()));
      }
    });
    const auto intake_result = testing::run_load(intake);
    done = true;
    sampler.join();
    const long rss_after = testing::rss_kb(service.pid());
    print("intake POST group message:", intake_result);
    if (rate == 0 && ceiling.per_second() > 0)
      std::printf("intake / ceiling: %.1f%%\n", 100.0 * intake_result.per_second() / ceiling.per_second());
    std::printf("server RSS: %.1f MB before intake, %.1f MB after (%+.1f%%), peak %.1f MB\n", rss_before / 1024.0,
                rss_after / 1024.0, 100.0 * (rss_after - rss_before) / std::max(1L, rss_before),
                testing::peak_rss_kb(service.pid()) / 1024.0);
    if (!samples.empty()) {
      const long warm = samples[std::min<std::size_t>(samples.size() - 1, 5)];
      const double growth = 100.0 * (rss_after - warm) / std::max(1L, warm);
      std::printf("soak: %zu RSS samples; %.1f MB after warm-up, %.1f MB at the end: growth %+.1f%% (limit 10%%)\n",
                  samples.size(), warm / 1024.0, rss_after / 1024.0, growth);
      if (growth >= 10) exit_code = 1;
      // A soak that fell behind its rate did not test the rate: 805/s of 2,000 once passed here.
      const double sustained = intake_result.per_second();
      std::printf("soak: %.0f posts/s sustained of %.0f asked (%.1f%%; limit 95%%)\n", sustained, rate, 100.0 * sustained / rate);
      if (sustained < 0.95 * rate) exit_code = 1;
    }
    auto health = testing::http_get(port, "/healthz").json();
    std::printf("after the run: %s\n", health.dump().c_str());
    std::printf("load average after: %s\n", bench::load_average().c_str());
    if (intake_result.errors) exit_code = 1;
    if (service.stop() != 0) {
      std::printf("the service did not stop cleanly\n");
      exit_code = 1;
    }
  }
  if (keep) std::printf("data kept in %s\n", dir.c_str());
  else std::filesystem::remove_all(dir);
  return exit_code;
}
