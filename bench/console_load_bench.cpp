// What the console's heavy reads do to intake: the real gridbot binary on a database of N tickets
// (bench/figures_fill), driven over loopback by three loads at once:
//   - GET /healthz, paced at 100/s over 4 connections: what a load balancer's probe sees;
//   - local-API group posts, paced (--rate) over 16 connections: what a platform's webhook sees;
//   - GET /api/v1/figures for the fill's 30 days as an admin (bearer token), --readers connections
//     each asking again as soon as answered (a room of leaders opening the figures page).
// Phase 1 runs the first two alone, phase 2 all three. Paced latencies count from when a request
// was due (a platform sends on its own schedule). Prints req/s, p50/p99/max and statuses of each.
//
//   console_load_bench [--tickets N] [--seconds S] [--rate POSTS_PER_S] [--readers C] [--pool T] [--target PATH] [--binary PATH]
//     --tickets: default 100000; --seconds: per phase, default 10; --rate: default 200; --readers: default 2;
//     --pool T: the service's console.readers (default: its own default, 1); 0 reads on the HTTP
//               thread, as before the reader pool: the "before" figures from the same binary;
//     --target: the heavy read, default the figures (e.g. "/api/v1/tickets?q=电梯" for the board's search);
//     --binary: another gridbot to run (given the same arguments).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "bench/bench_texts.hpp"
#include "bench/figures_fill.hpp"
#include "bot/notices_api.hpp"
#include "bot/organization_loader.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/load.hpp"
#include "tests/support/service_process.hpp"

using namespace gridbot;
using testing::LoadResult;
using testing::LoadSpec;

namespace {

constexpr const char* bench_token = "console-load-bench-token";

void print(const char* label, const LoadResult& r) {
  std::printf("  %-22s %7.0f req/s  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  answered %llu of %llu\n", label,
              r.per_second(), r.percentile(50), r.percentile(99), r.latencies_ms.empty() ? 0.0 : r.latencies_ms.back(),
              static_cast<unsigned long long>(r.answered), static_cast<unsigned long long>(r.sent));
  for (const auto& [status, n] : r.statuses)
    if (status < 200 || status >= 300) std::printf("    status %d: %llu\n", status, static_cast<unsigned long long>(n));
}

// The crowded sample organization (residents to post from) with an admin's bearer token.
void write_organization(const std::string& path) {
  bench::write_crowded_organization(GRIDBOT_SOURCE_DIR, path, 250);
  nlohmann::json org;
  std::ifstream(path) >> org;
  org["admins"] = nlohmann::json::array({{{"member", "gaojian"}, {"token_sha256", sha256_hex(bench_token)}}});
  std::ofstream(path) << org.dump(2);
}

struct Loads {
  LoadResult health, intake, reads;
};

Loads run_phase(std::uint16_t port, double seconds, double rate, int readers, const std::string& target,
                const std::vector<bench::Poster>& who, const std::vector<std::string>& texts, const std::string& run) {
  LoadSpec health{port, 4, seconds, 0, 100, [](std::uint64_t) { return testing::LoadRequest{"GET", "/healthz", ""}; }, {}};
  health.latency_from_schedule = true;
  LoadSpec intake{port, 16, seconds, 0, rate, [&](std::uint64_t seq) {
                    const auto& p = who[seq % who.size()];
                    return testing::LoadRequest{"POST", "/local/api/groups/" + p.group + "/messages",
                                                bench::post_body(p, texts[(seq * 7919) % texts.size()], run, seq)};
                  }, {}};
  intake.latency_from_schedule = true;
  LoadSpec reads{port, readers, seconds, 0, 0, [&](std::uint64_t) {
                   return testing::LoadRequest{"GET", target, "", {{"Authorization", std::string("Bearer ") + bench_token}}};
                 }, {}};
  Loads out;
  std::thread reading;
  if (readers > 0) reading = std::thread([&] { out.reads = testing::run_load(reads); });
  std::thread probing([&] { out.health = testing::run_load(health); });
  out.intake = testing::run_load(intake);
  probing.join();
  if (reading.joinable()) reading.join();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int tickets = 100'000, readers = 2;
  double seconds = 10, rate = 200;
  std::string binary = GRIDBOT_BINARY, pool;
  std::string target = "/api/v1/figures?from=2026-10-19&to=2026-11-18";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--tickets" && i + 1 < argc) tickets = std::stoi(argv[++i]);
    else if (a == "--seconds" && i + 1 < argc) seconds = std::stod(argv[++i]);
    else if (a == "--rate" && i + 1 < argc) rate = std::stod(argv[++i]);
    else if (a == "--readers" && i + 1 < argc) readers = std::stoi(argv[++i]);
    else if (a == "--target" && i + 1 < argc) target = argv[++i];
    else if (a == "--pool" && i + 1 < argc) pool = argv[++i];
    else if (a == "--binary" && i + 1 < argc) binary = argv[++i];
    else {
      std::fprintf(stderr, "usage: console_load_bench [--tickets N] [--seconds S] [--rate POSTS_PER_S] [--readers C] [--pool T] [--target PATH] [--binary PATH]\n");
      return 2;
    }
  }
  const auto dir = std::filesystem::temp_directory_path() / ("gridbot-console-load-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  setenv("GRIDBOT_LOG", "warn", 1);
  std::printf("load average before: %s (2 cores shared)\n", bench::load_average().c_str());
  int exit_code = 0;
  {
    const std::string organization = (dir / "organization.json").string();
    write_organization(organization);
    const OrganizationFile file = read_organization_file(organization);
    // Filled once per size and copied: building 100k tickets takes minutes on a loaded machine.
    const auto filled = std::filesystem::temp_directory_path() / ("gridbot-console-load-" + std::to_string(tickets) + ".db");
    if (!std::filesystem::exists(filled)) {
      const auto partial = filled.string() + ".partial";
      bench::fill_figures_tickets(partial, tickets, parse_organization(file.text, file.source));
      std::filesystem::rename(partial, filled);
    }
    std::filesystem::copy_file(filled, dir / "gridbot.db");
    std::vector<std::string> extra{"--organization", organization};
    if (!pool.empty()) {
      const std::string config = (dir / "config.json").string();
      std::ofstream(config) << nlohmann::json{{"console", {{"readers", std::stoi(pool)}}}}.dump();
      extra.insert(extra.end(), {"--config", config});
    }
    testing::ServiceProcess service(binary, dir.string(), extra);
    const auto port = service.port();
    const auto probe = testing::http_request(port, "GET", target, {}, {{"Authorization", std::string("Bearer ") + bench_token}});
    std::printf("%s (console.readers %s): %d tickets; the heavy read %s answers %d with %zu bytes\n", binary.c_str(),
                pool.empty() ? "default" : pool.c_str(), tickets, target.c_str(), probe.status, probe.body.size());
    if (probe.status != 200) std::printf("  %s\n", probe.body.substr(0, 300).c_str());
    const auto texts = bench::corpus_texts(GRIDBOT_SOURCE_DIR);
    const auto who = bench::posters(port);
    const std::string run = "load" + std::to_string(getpid());
    std::printf("phase 1, %.0f s: /healthz 100/s, intake %.0f/s, no heavy reads\n", seconds, rate);
    const Loads quiet = run_phase(port, seconds, rate, 0, target, who, texts, run + "a");
    print("GET /healthz", quiet.health);
    print("POST group message", quiet.intake);
    std::printf("phase 2, %.0f s: the same, and %d connections asking for the heavy read back to back\n", seconds, readers);
    const Loads busy = run_phase(port, seconds, rate, readers, target, who, texts, run + "b");
    print("GET /healthz", busy.health);
    print("POST group message", busy.intake);
    print("heavy read", busy.reads);
    std::printf("load average after: %s\n", bench::load_average().c_str());
    if (quiet.intake.errors || busy.intake.errors || quiet.health.errors || busy.health.errors) exit_code = 1;
    if (service.stop() != 0) {
      std::printf("the service did not stop cleanly\n");
      exit_code = 1;
    }
  }
  std::filesystem::remove_all(dir);
  return exit_code;
}
