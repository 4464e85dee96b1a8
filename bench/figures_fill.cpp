#include "bench/figures_fill.hpp"

#include <SQLiteCpp/Transaction.h>

#include "storage/database.hpp"
#include "storage/store.hpp"

namespace gridbot::bench {

namespace {

const Time start = figures_bench_end - std::chrono::days(30);
const char* const grids[] = {"xfl-1", "xfl-2", "yl-1", "yl-2"};
const char* const managers[] = {"wangfang", "chenjing", "aliya", "maxiaojun"};
const char* const categories[] = {"drainage", "noise", "utilities", "sanitation", "parking_traffic", "building_repair"};

}  // namespace

void fill_figures_tickets(const std::string& path, int tickets, const Organization& org) {
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

}  // namespace gridbot::bench
