// Database bytes per 10k messages, and what retention gives back. Drives the pipeline the way
// the local platform does (the message is stored in the pipeline's transaction), marks every
// queued message sent, fires timers as the clock moves, then runs retention as of 91 days later.
// Also: 56 posts of 1 MiB, stored raw (as before the text cap) and through the adapter's cap.
//   ./build/retention_bench [MESSAGES]
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "bot/log.hpp"
#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "bot/platforms/inbound_text.hpp"
#include "bot/policy_loader.hpp"
#include "bot/retention.hpp"
#include "storage/database.hpp"

using namespace gridbot;

namespace {

struct Rig {
  std::filesystem::path path;
  OrganizationFile file = sample_organization_file();
  OrganizationSnapshots orgs{std::make_shared<const Organization>(parse_organization(file.text, file.source))};
  const Organization& org = *orgs.current();
  Policy policy = parse_policy(file.text, file.source, file.base_dir, org);
  SQLite::Database db;
  storage::Store store{db};
  ManualClock clock{Time(Seconds(1'794'967'200))};
  Pipeline pipeline{store, orgs, policy, templates::Catalog::builtin(), clock};
  explicit Rig(std::filesystem::path p) : path(std::move(p)), db(storage::open_database(path.string())) {}

  void post(int i, const std::string& group, const std::string& sender, const std::string& text) {
    pipeline.accept(Inbound{"local", "", group, sender, text, std::nullopt, {}}, "client:" + std::to_string(i),
                    [&](storage::Store& s, Inbound& m) {
                      m.message_id = std::to_string(s.local_chat.append(
                          storage::LocalMessage{0, group, "", sender, m.text, {}, std::nullopt, clock.now(), std::nullopt}));
                      return m.message_id;
                    });
  }
  void deliver() {
    db.exec("UPDATE outbox SET status = 'sent', attempts = 1, sent_at = " +
            std::to_string(clock.now().time_since_epoch().count()) + " WHERE status = 'pending'");
  }
  long long bytes() {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return static_cast<long long>(std::filesystem::file_size(path));
  }
};

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 10000;
  log::set_min_level(log::Level::warn);
  const auto dir = std::filesystem::temp_directory_path() / ("gridbot-retention-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    Rig rig(dir / "traffic.db");
    const std::vector<std::pair<std::string, std::string>> senders{
        {"xfl-1-group", "zhangwei"}, {"xfl-1-group", "liuna"}, {"xfl-2-group", "wujun"}, {"yl-1-group", "gulnar"}};
    const std::vector<std::string> chat{"收到", "谢谢网格员", "大家早上好", "今天几点停水的通知大家看到了吗"};
    const long long empty = rig.bytes();
    for (int i = 0; i < count; ++i) {
      const auto& [group, sender] = senders[i % senders.size()];
      const std::string text = i % 3 ? chat[i % chat.size()]
                                     : std::to_string(1 + i % 40) + "号楼" + std::to_string(1 + i % 4) + "单元下水道堵了，污水漫到楼道了";
      rig.post(i, group, sender, text);
      rig.clock.advance(Seconds(90));  // 10k messages over about ten days
      if (i % 100 == 99) {
        rig.pipeline.fire_due_timers();
        rig.deliver();
      }
    }
    rig.pipeline.fire_due_timers();
    rig.deliver();
    const long long full = rig.bytes();
    rig.clock.advance(Seconds(91 * 86400));
    boost::asio::io_context io;
    Retention retention(io, rig.db, Config::Retention{}, (dir / "archive.jsonl").string(), rig.clock);
    const RetentionCounts removed = retention.run_all();
    const long long after = rig.bytes();
    std::printf("%d messages over %.1f days (1/3 requests), database file after checkpoint:\n", count, count * 90 / 86400.0);
    std::printf("  empty schema                 %10lld bytes\n", empty);
    std::printf("  after the messages           %10lld bytes (%.0f bytes per 10k messages)\n", full,
                (full - empty) * 10000.0 / count);
    std::printf("  after retention at +91 days  %10lld bytes (%.0f bytes per 10k messages)\n", after,
                (after - empty) * 10000.0 / count);
    std::printf("  removed: %lld inbox, %lld sent outbox, %lld timers, %lld local messages; %lld pages freed\n",
                static_cast<long long>(removed.inbox), static_cast<long long>(removed.outbox),
                static_cast<long long>(removed.timers), static_cast<long long>(removed.local_messages),
                static_cast<long long>(removed.pages_freed));
    std::printf("  kept: %lld tickets with %lld audit events\n", static_cast<long long>(rig.store.tickets.count()),
                static_cast<long long>(rig.db.execAndGet("SELECT COUNT(*) FROM ticket_events").getInt64()));
  }
  for (const bool capped : {false, true}) {
    Rig rig(dir / (capped ? "capped.db" : "raw.db"));
    const long long empty = rig.bytes();
    const platforms::TextCap cap{8 * 1024, templates::Catalog::builtin().render("inbound.truncated")};
    const std::string huge = "3号楼2单元下水道堵了" + std::string(1024 * 1024, 'x');
    for (int i = 0; i < 56; ++i) {
      rig.post(i, "xfl-1-group", "zhangwei", capped ? platforms::capped_text(huge, cap) : huge);
      rig.clock.advance(Seconds(60));
    }
    std::printf("56 posts of 1 MiB, %s: %lld bytes\n", capped ? "through the 8 KB cap" : "stored raw (no cap)",
                rig.bytes() - empty);
  }
  std::filesystem::remove_all(dir);
}
