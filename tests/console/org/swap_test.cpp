// Work in flight keeps the snapshot it took: swaps from another thread while the writer handles
// messages never crash it, and each message is handled wholly against one organization.
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>

#include "tests/console/org/org_rig.hpp"

using namespace gridbot;

TEST_CASE("many swaps during pipeline jobs: every message handled, each against one whole snapshot") {
  testing::OrgRig r;
  auto with_wangfang = r.orgs.current();
  auto doc = nlohmann::json::parse(r.text);
  auto& members = doc["members"];
  members.erase(std::find_if(members.begin(), members.end(), [](auto& m) { return m["id"] == "wangfang"; }));
  auto without = testing::shared(parse_organization(doc.dump(), "without.json"));

  std::atomic<bool> stop{false};
  std::atomic<int> swaps{0};
  std::thread swapper([&] {
    while (!stop.load()) {
      r.orgs.replace(swaps.fetch_add(1) % 2 ? with_wangfang : without);
      std::this_thread::yield();
    }
  });
  // xfl-1's buildings are 1 to 4; repeats within a building and category become "+1"s.
  const char* needs[] = {"下水道堵了", "路灯坏了", "电梯坏了", "楼道里堆满了杂物"};
  constexpr int messages = 150;
  for (int i = 0; i < messages; ++i)
    r.report("xfl-1-group", i % 2 ? "zhangwei" : "liuna", std::to_string(i % 4 + 1) + "号楼" + needs[(i / 4) % 4],
             "m" + std::to_string(i));
  stop = true;
  swapper.join();

  CHECK(swaps.load() > messages);
  CHECK(r.reader_db.execAndGet("SELECT COUNT(*) FROM inbox").getInt() == messages);
  std::set<std::string> owners;
  SQLite::Statement q(r.reader_db, "SELECT DISTINCT owner FROM tickets");
  while (q.executeStep()) owners.insert(q.getColumn(0).getString());
  // wangfang in the snapshot: she owns it; not in it: xfl-1 has no other manager, so its grid head.
  for (const auto& o : owners) CHECK((o == "wangfang" || o == "liqiang"));
  CHECK(r.reader_db.execAndGet("SELECT COUNT(*) FROM tickets").getInt() > 0);
}
