// A ticket's "+1" subscribers in their own table (migration 13): what the old JSON column held is
// moved over, and the followers' "still concerns them" flag follows the ticket's state.
#include <doctest/doctest.h>

#include <array>
#include <string_view>

#include "storage/database.hpp"
#include "storage/store.hpp"
#include "tests/support/sample_ticket.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {

std::int64_t count_rows(SQLite::Database& db, const std::string& where) {
  return db.execAndGet("SELECT COUNT(*) FROM " + where).getInt64();
}

}  // namespace

TEST_CASE("migration 13 moves the subscribers column into rows and marks which followed tickets still concern") {
  testing::TempDir dir;
  const std::string path = dir.file("v9.db");
  {
    SQLite::Database v9(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (int v = 0; v < 9; ++v) v9.exec(std::string(storage::migration_sql(v + 1)));
    v9.exec("PRAGMA user_version=9");
    auto insert = [&](int number, const char* state, const char* rating, const char* subscribers) {
      v9.exec("INSERT INTO tickets(number, state, category, urgent, text, grid, community, reporter_id, reporter_name,"
              " source_platform, reporter_user, group_id, owner, claimed_by, created_at, claim_due_at, resolve_due_at,"
              " updated_at, rating, subscribers) VALUES(" + std::to_string(number) + ", '" + state +
              "', 'drainage', 0, 't', 'xfl-1', 'xingfuli', 'zhangwei', '张伟', 'local', 'zhangwei', 'g', 'wangfang', '',"
              " 0, 0, 0, 0, '" + rating + "', '" + subscribers + "')");
    };
    insert(1001, "accepted", "",
           R"([{"person":"liuna","platform":"local","user":"liuna"},{"person":"wujun","platform":"wecom","user":"wj"}])");
    // Written by another hand: spaced, the reporter listed, a person twice, an entry without one.
    insert(1002, "closed", "satisfied",
           R"([ {"user": "u1", "platform": "local", "person": "liuna"}, {"person":"zhangwei"}, {"person":"liuna"}, {"platform":"x"} ])");
    insert(1003, "resolved", "", "[]");
    insert(1004, "resolved", "satisfied", "[]");
  }
  auto db = storage::open_database(path);
  CHECK(storage::schema_version(db) == storage::latest_schema_version());
  storage::Store store(db);
  const auto first = store.tickets.subscribers(1001);
  REQUIRE(first.size() == 2);
  CHECK(first[0].person_id == "liuna");
  CHECK(first[1].person_id == "wujun");
  CHECK(first[1].platform == "wecom");
  CHECK(first[1].user_id == "wj");
  const auto second = store.tickets.subscribers(1002);
  REQUIRE(second.size() == 2);
  CHECK(second[0].person_id == "liuna");
  CHECK(second[0].user_id == "u1");
  CHECK(second[1].person_id == "zhangwei");
  CHECK(second[1].platform.empty());
  CHECK(store.tickets.subscribers(1003).empty());
  // The column is gone: the rows are the only copy.
  CHECK(count_rows(db, "pragma_table_info('tickets') WHERE name = 'subscribers'") == 0);
  // Open, or resolved and waiting for a rating, still concerns its followers; closed and rated do not.
  CHECK(count_rows(db, "ticket_followers WHERE active = 1") == count_rows(db, "ticket_followers WHERE ticket IN (1001, 1003)"));
  CHECK(count_rows(db, "ticket_followers WHERE ticket = 1002 AND active = 0") == 2);
  std::vector<std::int64_t> numbers;
  for (const auto& t : store.tickets.tickets_of_resident("liuna", 10)) numbers.push_back(t.number);
  CHECK(numbers == std::vector<std::int64_t>{1001});
  numbers.clear();
  for (const auto& t : store.tickets.tickets_of_resident("zhangwei", 10)) numbers.push_back(t.number);
  CHECK(numbers == std::vector<std::int64_t>{1003, 1001});
}

TEST_CASE("subscribers are rows: added once, followed, and gone with their ticket") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  const Time t0 = Time(Seconds(1000));
  store.tickets.save(testing::sample_ticket(1001, "zhangwei"));
  store.apply({AddSubscriber{1001, Subscriber{"liuna", "local", "liuna"}}, AddSubscriber{1001, Subscriber{"liuna", "local", "again"}},
               AddSubscriber{1001, Subscriber{"wujun", "local", "wujun"}}},
              t0);
  CHECK(count_rows(db, "ticket_subscribers WHERE ticket = 1001") == 2);
  CHECK(count_rows(db, "ticket_followers WHERE ticket = 1001 AND active = 1") == 3);
  CHECK(store.tickets.is_subscriber(1001, "wujun"));
  CHECK_FALSE(store.tickets.is_subscriber(1001, "zhangwei"));
  // Resolved: still theirs until rated; closed: off every follower's range, rows kept.
  auto t = testing::sample_ticket(1001, "zhangwei");
  t.state = TicketState::resolved;
  store.tickets.save(t);
  CHECK(count_rows(db, "ticket_followers WHERE ticket = 1001 AND active = 1") == 3);
  t.state = TicketState::closed;
  t.rating = Rating::satisfied;
  store.tickets.save(t);
  CHECK(count_rows(db, "ticket_followers WHERE ticket = 1001 AND active = 1") == 0);
  CHECK(store.tickets.tickets_of_resident("liuna", 10).empty());
  CHECK(store.tickets.subscribers(1001).size() == 2);
  // Retention's delete takes its subscribers and followers with it.
  db.exec("DELETE FROM tickets WHERE number = 1001");
  CHECK(count_rows(db, "ticket_subscribers") == 0);
  CHECK(count_rows(db, "ticket_followers") == 0);
}
