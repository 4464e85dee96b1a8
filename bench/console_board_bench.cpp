// The console board's queries on a database of N tickets (default 200,000) spread over the sample
// organization's four grids and 18 categories, most of them closed: each query's plan (EXPLAIN
// QUERY PLAN) and its time, the median of 21 runs. The search `q` is a LIKE over the text: the
// one query here that reads every row of the scope.
// The service never runs ANALYZE, so neither does this by default; --analyze shows the plans
// with statistics.
//   ./build/console_board_bench [TICKETS] [--analyze]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "bot/log.hpp"
#include "storage/console_queries.hpp"
#include "storage/database.hpp"

using namespace gridbot;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t now_s = 1'794'967'200;

void seed(SQLite::Database& db, int n) {
  // Created one every 2 minutes back from now; the newest 2% open, a tenth of those overdue.
  db.exec("BEGIN");
  db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(n) +
          ") INSERT INTO tickets(number, state, category, urgent, text, grid, community, building, reporter_id, "
          "reporter_name, source_platform, reporter_user, group_id, owner, claimed_by, created_at, claim_due_at, "
          "resolve_due_at, updated_at) SELECT 1000 + i, "
          "CASE WHEN i > " + std::to_string(n * 98 / 100) + " THEN (CASE i % 3 WHEN 0 THEN 'accepted' WHEN 1 THEN 'claimed' "
          "ELSE 'suspended' END) ELSE 'closed' END, "
          "(SELECT value FROM json_each('[\"drainage\",\"utilities\",\"building_repair\",\"elevator\",\"sanitation\","
          "\"noise\",\"street_order\",\"parking_traffic\",\"dispute\",\"safety_hazard\",\"public_security\",\"welfare\","
          "\"paperwork\",\"policy_inquiry\",\"property_service\",\"public_facility\",\"suggestion\",\"other\"]') "
          "WHERE key = i % 18), i % 20 = 0, "
          "(i % 9) || '号楼' || CASE i % 4 WHEN 0 THEN '下水道堵了，污水漫到楼道' WHEN 1 THEN '电梯又坏了，老人下不了楼' "
          "WHEN 2 THEN '楼道灯不亮，晚上看不见' ELSE '楼下烧烤太吵，半夜还在营业' END, "
          "CASE i % 4 WHEN 0 THEN 'xfl-1' WHEN 1 THEN 'xfl-2' WHEN 2 THEN 'yl-1' ELSE 'yl-2' END, "
          "CASE WHEN i % 4 < 2 THEN 'xingfuli' ELSE 'yangliu' END, CAST(i % 9 AS TEXT), 'r' || i, '居民', 'local', "
          "'r' || i, '', 'wangfang', '', " + std::to_string(now_s) + " - (" + std::to_string(n) + " - i) * 120, " +
          std::to_string(now_s) + " - (" + std::to_string(n) + " - i) * 120 + CASE WHEN i % 10 = 0 THEN 600 ELSE 86400 END, " +
          std::to_string(now_s) + " - (" + std::to_string(n) + " - i) * 120 + 3 * 86400, " + std::to_string(now_s) + " FROM n");
  // Half the unclaimed tickets past their claim deadline escalated: a rung's deadline a day on, the
  // missed claim limit kept (handlers/lateness.hpp).
  db.exec("UPDATE tickets SET claim_missed_at = claim_due_at, claim_due_at = claim_due_at + 86400 "
          "WHERE state = 'accepted' AND claim_due_at < " + std::to_string(now_s) + " AND number % 2 = 0");
  db.exec("COMMIT");
}

void plan(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement s(db, "EXPLAIN QUERY PLAN " + sql);
  while (s.executeStep()) std::printf("      plan: %s\n", s.getColumn(3).getText());
}

template <class F>
double median_ms(F&& f) {
  std::vector<double> runs;
  for (int i = 0; i < 21; ++i) {
    auto start = Clock::now();
    f();
    runs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  log::set_min_level(log::Level::warn);
  const int n = argc > 1 ? std::stoi(argv[1]) : 200'000;
  const auto path = std::filesystem::temp_directory_path() / ("gridbot-board-bench-" + std::to_string(getpid()) + ".db");
  {
    SQLite::Database db = storage::open_database(path.string());
    seed(db, n);
    if (argc > 2 && std::string(argv[2]) == "--analyze") db.exec("ANALYZE");
  }
  SQLite::Database db = storage::open_reader(path.string());
  const Time now{Seconds(now_s)};
  storage::TicketScope all{.all = true};
  storage::TicketScope xingfuli{.all = false, .communities = {"xingfuli"}};
  storage::TicketScope street{.all = false, .communities = {"xingfuli", "yangliu"}};
  struct Case {
    const char* name;
    storage::TicketFilter filter;
    const storage::TicketScope* scope;
  };
  storage::TicketFilter open;
  open.open_only = true;
  storage::TicketFilter overdue;
  overdue.overdue = true;
  storage::TicketFilter grid_category;
  grid_category.grid = "xfl-1";
  grid_category.category = "drainage";
  storage::TicketFilter last_week;
  last_week.created_from = now - std::chrono::days(7);
  storage::TicketFilter search;
  search.q = "电梯";
  storage::TicketFilter deep;
  deep.offset = 10'000;
  const std::vector<Case> cases{{"admin, no filter", {}, &all},
                                {"one community, no filter", {}, &xingfuli},
                                {"street (two communities), no filter", {}, &street},
                                {"one community, state=open", open, &xingfuli},
                                {"one community, overdue=true", overdue, &xingfuli},
                                {"grid + category", grid_category, &all},
                                {"created in the last 7 days", last_week, &xingfuli},
                                {"q=电梯 (LIKE over the text)", search, &xingfuli},
                                {"admin, offset 10000", deep, &all}};
  std::printf("%d tickets (%s)\n", n, path.c_str());
  for (const auto& c : cases) {
    storage::TicketPage page;
    const double ms = median_ms([&] { page = storage::board(db, c.filter, *c.scope, now); });
    std::printf("  %-40s total %7lld  page %3zu  %8.2f ms (count + page)\n", c.name, static_cast<long long>(page.total),
                page.tickets.size(), ms);
  }
  storage::TicketPage late;
  const double ms = median_ms([&] { late = storage::overdue_board(db, xingfuli, now, 50, 0); });
  std::printf("  %-40s total %7lld  page %3zu  %8.2f ms\n", "overdue board, one community", static_cast<long long>(late.total),
              late.tickets.size(), ms);
  std::printf("plans (the statements the board runs, as storage/console_queries.cpp writes them):\n");
  for (const auto& [name, where] : std::vector<std::pair<const char*, std::string>>{
           {"one community, newest first", "community IN ('xingfuli') ORDER BY number DESC LIMIT 50"},
           {"street, newest first", "+community IN ('xingfuli', 'yangliu') ORDER BY number DESC LIMIT 50"},
           {"one community, open", "community IN ('xingfuli') AND (state = 'accepted' OR state = 'claimed' OR state = 'suspended') "
                                   "ORDER BY number DESC LIMIT 50"},
           {"one community, overdue", "+community IN ('xingfuli') AND (" + storage::overdue_term(now) + ")"},
           {"one community, created since", "+community IN ('xingfuli') AND created_at >= " + std::to_string(now_s - 7 * 86400) + " ORDER BY number DESC LIMIT 50"}}) {
    std::printf("  %s\n", name);
    plan(db, "SELECT number FROM tickets WHERE " + where);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}
