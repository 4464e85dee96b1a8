// Intake through the pipeline on a real database file: inbox dedupe, understanding, handler,
// Actions and one SQLite transaction per message, no group commit (WAL, synchronous=FULL: each
// commit is fsynced, so this is the worst case the writer's batching improves on). Prints
// messages/s for a mix of requests and chit-chat, and for redeliveries (dedupe only).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "bot/log.hpp"
#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "bot/policy_loader.hpp"
#include "handlers/understand/understand.hpp"
#include "storage/database.hpp"

using namespace gridbot;

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 5000;
  log::set_min_level(log::Level::warn);
  const auto dir = std::filesystem::temp_directory_path() / ("gridbot-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    auto file = sample_organization_file();
    OrganizationSnapshots orgs{std::make_shared<const Organization>(parse_organization(file.text, file.source))};
    const Organization& org = *orgs.current();
    Policy policy = parse_policy(file.text, file.source, file.base_dir, org);
    auto db = storage::open_database((dir / "bench.db").string());
    storage::Store store(db);
    ManualClock clock(Time(Seconds(1'794'967'200)));
    Pipeline pipeline(store, orgs, policy, templates::Catalog::builtin(), clock);

    // Residents of four grids, a third of the messages requests in varied buildings.
    const std::vector<std::pair<std::string, std::string>> senders{
        {"xfl-1-group", "zhangwei"}, {"xfl-1-group", "liuna"}, {"xfl-2-group", "wujun"}, {"yl-1-group", "gulnar"}};
    const std::vector<std::string> chat{"收到", "谢谢网格员", "大家早上好", "今天几点停水的通知大家看到了吗"};
    auto text_of = [&](int i) {
      if (i % 3) return chat[i % chat.size()];
      return std::to_string(1 + i % 40) + "号楼" + std::to_string(1 + i % 4) + "单元下水道堵了，污水漫到楼道了";
    };
    (void)understand::understand("warm-up");  // the model trains on first use: not part of intake

    auto run = [&](const char* label, int offset) {
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < count; ++i) {
        const auto& [group, sender] = senders[i % senders.size()];
        pipeline.accept(Inbound{"local", std::to_string(i), group, sender, text_of(i + offset), std::nullopt, {}}, {});
        clock.advance(Seconds(1));
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%-34s %8.0f messages/s (%d in %.2f s)\n", label, count / seconds, count, seconds);
    };
    run("intake, 1/3 requests, crash-safe:", 0);
    run("redeliveries (dedupe only):", 0);
    // Requests repeat 40 buildings, so after the first 40 tickets the rest are "+1" duplicates.
    std::printf("tickets %lld, outbox rows pending %lld, timers pending %lld\n",
                static_cast<long long>(store.tickets.count()), static_cast<long long>(store.outbox.count("pending")),
                static_cast<long long>(store.timers.count_pending()));
  }
  std::filesystem::remove_all(dir);
}
