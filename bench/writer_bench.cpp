// The writer's share of intake without HTTP: the crowded organization and the corpus texts that
// intake_bench posts, submitted through Pipeline::submit by 64 coroutines to a real Writer with
// group commit (synchronous=FULL), each stored as a local message like the local platform does.
// Understanding runs in submit, on this (the "HTTP") thread, as in the service.
//
//   writer_bench [MESSAGES] [--residents PER_GRID] [--db PATH]
//     --db: start from a copy of the database a soak left (`intake_bench --rate 2000 --keep`, same
//       --residents), the clock at its newest ticket and moving on a second per 2,000 messages as
//       in the soak: what a message costs once the tables have grown, not on an empty database.
//
// Its use is instruction counts that do not depend on the machine's load: run it under
//   valgrind --tool=callgrind --toggle-collect='gridbot::Pipeline::accept_in*' ./build/writer_bench 3000
// and divide the total Ir by MESSAGES for the writer's cost per message. Its wall-clock figure is
// the writer thread's throughput with no HTTP in front of it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "bench/bench_texts.hpp"
#include "bot/log.hpp"
#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "bot/policy_loader.hpp"
#include "bot/writer.hpp"
#include "handlers/understand/understand.hpp"
#include "storage/database.hpp"
#include "storage/organization_repository.hpp"

using namespace gridbot;

int main(int argc, char** argv) {
  int count = 5000, residents_per_grid = 250;
  std::string grown;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--residents" && i + 1 < argc) residents_per_grid = std::stoi(argv[++i]);
    else if (a == "--db" && i + 1 < argc) grown = argv[++i];
    else if (!a.empty() && a[0] != '-') count = std::stoi(a);
    else {
      std::fprintf(stderr, "usage: writer_bench [MESSAGES] [--residents PER_GRID] [--db PATH]\n");
      return 2;
    }
  }
  log::set_min_level(log::Level::warn);
  const auto dir = std::filesystem::temp_directory_path() / ("gridbot-writer-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    const std::string org_path = (dir / "organization.json").string();
    bench::write_crowded_organization(GRIDBOT_SOURCE_DIR, org_path, residents_per_grid);
    const auto file = read_organization_file(org_path);
    OrganizationSnapshots orgs{std::make_shared<const Organization>(parse_organization(file.text, file.source))};
    const Organization& org = *orgs.current();
    Policy policy = parse_policy(file.text, file.source, file.base_dir, org);
    if (!grown.empty()) std::filesystem::copy_file(grown, dir / "bench.db");
    auto db = storage::open_database((dir / "bench.db").string());
    Time clock_start(Seconds(1'794'967'200));
    if (!grown.empty()) clock_start = Time(Seconds(db.execAndGet("SELECT COALESCE(MAX(created_at), 0) + 1 FROM tickets").getInt64()));
    {
      SQLite::Transaction tx(db);
      storage::replace_organization(db, org);
      tx.commit();
    }
    storage::Store store(db);
    // Pages each commit writes to the WAL (a 4 KB frame each, written and later checkpointed):
    // SQLite's WAL hook tells the WAL's length after every commit. Setting it replaces the
    // automatic checkpoint, which it therefore runs itself, as SQLite's own hook would.
    struct WalCount {
      long long frames = 0;
      int last = 0;
    } wal;
    sqlite3_wal_hook(
        db.getHandle(),
        [](void* arg, sqlite3* handle, const char* name, int in_wal) {
          auto& w = *static_cast<WalCount*>(arg);
          w.frames += in_wal >= w.last ? in_wal - w.last : in_wal;  // restarted: counted from 0
          w.last = in_wal;
          if (in_wal >= 1000) sqlite3_wal_checkpoint_v2(handle, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
          return SQLITE_OK;
        },
        &wal);
    ManualClock clock(clock_start);
    Writer writer(store);
    writer.start();
    Pipeline pipeline(store, orgs, policy, templates::Catalog::builtin(), clock, &writer);

    // What intake_bench posts: every local group's residents, the corpus texts in its order.
    std::vector<bench::Poster> who;
    for (const auto& g : org.groups)
      for (const auto& r : org.residents)
        if (auto it = r.accounts.find(g.platform); it != r.accounts.end() && org.in_group(g, r.id))
          who.push_back({g.chat_id, it->second});
    const auto texts = bench::corpus_texts(GRIDBOT_SOURCE_DIR);
    understand::load_model();

    boost::asio::io_context io;
    std::atomic<int> next = 0;
    int errors = 0;
    auto poster = [&]() -> boost::asio::awaitable<void> {
      for (int seq; (seq = next++) < count;) {
        if (!grown.empty() && seq % 2000 == 1999) clock.advance(Seconds(1));
        const auto& p = who[static_cast<std::size_t>(seq) % who.size()];
        Inbound in{"local", {}, p.group, p.sender, texts[(static_cast<std::size_t>(seq) * 7919) % texts.size()],
                   std::nullopt, clock.now()};
        try {
          co_await pipeline.submit(std::move(in), "bench-" + std::to_string(seq), [&](storage::Store& s, Inbound& m) {
            storage::LocalMessage message{0, m.chat_id, "", m.sender, m.text, {}, std::nullopt, m.received_at, std::nullopt};
            m.message_id = std::to_string(s.local_chat.append(message));
            return m.message_id;
          });
        } catch (const std::exception&) {
          ++errors;
        }
      }
    };
    for (int c = 0; c < 64; ++c) boost::asio::co_spawn(io, poster(), boost::asio::detached);
    const auto start = std::chrono::steady_clock::now();
    io.run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writer.stop();
    std::printf("%d messages from %zu residents in %.2f s: %.0f messages/s, %zu batches, %d errors\n", count,
                who.size(), seconds, count / seconds, writer.batches(), errors);
    std::printf("WAL frames written: %.1f per message, %.0f per batch\n", static_cast<double>(wal.frames) / count,
                static_cast<double>(wal.frames) / static_cast<double>(std::max<std::size_t>(writer.batches(), 1)));
    std::printf("tickets %lld, outbox rows pending %lld, timers pending %lld; load average %s\n",
                static_cast<long long>(store.tickets.count()), static_cast<long long>(store.outbox.count("pending")),
                static_cast<long long>(store.timers.count_pending()), bench::load_average().c_str());
  }
  std::filesystem::remove_all(dir);
}
