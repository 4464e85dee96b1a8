#include <doctest/doctest.h>

#include <array>
#include <string_view>

#include <SQLiteCpp/Transaction.h>

#include "storage/database.hpp"
#include "storage/store.hpp"
#include "tests/support/sample_ticket.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {

const Time t0 = Time(Seconds(1000));

}  // namespace

TEST_CASE("migrations bring a new database to the latest version, and a second open changes nothing") {
  testing::TempDir dir;
  {
    auto db = storage::open_database(dir.file("g.db"));
    CHECK(storage::schema_version(db) == storage::latest_schema_version());
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
  }
  auto again = storage::open_database(dir.file("g.db"));
  CHECK(storage::schema_version(again) == storage::latest_schema_version());
}

TEST_CASE("a database newer than the binary is refused") {
  testing::TempDir dir;
  {
    auto db = storage::open_database(dir.file("g.db"));
    db.exec("PRAGMA user_version=" + std::to_string(storage::latest_schema_version() + 1));
  }
  CHECK_THROWS_WITH_AS(storage::open_database(dir.file("g.db")), doctest::Contains("newer"), std::runtime_error);
}

TEST_CASE("tickets round-trip every field, and numbers continue from the highest") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  CHECK(store.tickets.next_number() == 1001);
  Ticket t = testing::sample_ticket(1001);
  t.unit = "2";
  store.tickets.save(t);
  auto back = store.tickets.find(1001);
  REQUIRE(back);
  CHECK(back->category == "drainage");
  CHECK(back->building == "3");
  CHECK(back->unit == "2");
  CHECK_FALSE(back->room);
  CHECK(back->resolve_due_at == t.resolve_due_at);
  CHECK(back->state == TicketState::accepted);
  t.state = TicketState::claimed;
  t.claimed_by = "wangfang";
  store.tickets.save(t);
  CHECK(store.tickets.find(1001)->state == TicketState::claimed);
  CHECK(store.tickets.count() == 1);
  CHECK(store.tickets.next_number() == 1002);
}

TEST_CASE("the inbox remembers a delivery within its conversation, and what it referred to") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  const auto group = storage::InboxRepository::conversation("xfl-1-group", "zhangwei");
  const auto direct = storage::InboxRepository::conversation("", "zhangwei");
  CHECK(group != direct);
  CHECK(storage::InboxRepository::conversation("", "liuna") != direct);
  CHECK_FALSE(store.inbox.find("local", group, "7"));
  store.inbox.insert("local", group, "7", t0, "7");
  CHECK(store.inbox.find("local", group, "7") == "7");
  CHECK_FALSE(store.inbox.find("wecom", group, "7"));
  CHECK_FALSE(store.inbox.find("local", direct, "7"));
  CHECK_THROWS(store.inbox.insert("local", group, "7", t0, "7"));
  store.inbox.insert("local", direct, "7", t0, "8");
  CHECK(store.inbox.find("local", direct, "7") == "8");
}

TEST_CASE("migration 3 keys earlier inbox rows by their conversation and turns on incremental vacuum") {
  testing::TempDir dir;
  const std::string path = dir.file("v2.db");
  {
    SQLite::Database v2(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    v2.exec(std::string(storage::migration_sql(1)));
    v2.exec(std::string(storage::migration_sql(2)));
    v2.exec("PRAGMA user_version=2");
    v2.exec("INSERT INTO local_messages(id, chat_id, user_id, sender, text, mentions, at) VALUES"
            "(5, 'xfl-1-group', '', 'zhangwei', 't', '[]', 0), (6, '', 'liuna', 'liuna', 't', '[]', 0)");
    v2.exec("INSERT INTO inbox VALUES('local', 'client:a', 0, '5'), ('local', 'client:b', 0, '6'), ('wecom', 'w1', 0, '')");
    CHECK(v2.execAndGet("PRAGMA auto_vacuum").getInt() == 0);
  }
  auto db = storage::open_database(path);
  CHECK(storage::schema_version(db) == storage::latest_schema_version());
  CHECK(db.execAndGet("PRAGMA auto_vacuum").getInt() == 2);
  storage::Store store(db);
  CHECK(store.inbox.find("local", storage::InboxRepository::conversation("xfl-1-group", "zhangwei"), "client:a") == "5");
  CHECK(store.inbox.find("local", storage::InboxRepository::conversation("", "liuna"), "client:b") == "6");
  CHECK(store.inbox.find("wecom", "", "w1") == "");
}

TEST_CASE("a new database frees emptied pages incrementally") {
  auto db = storage::open_database(":memory:");
  CHECK(db.execAndGet("PRAGMA auto_vacuum").getInt() == 2);
}

TEST_CASE("a writing connection keeps its savepoints' journals in memory, and a large savepoint still rolls back") {
  testing::TempDir dir;
  auto db = storage::open_database(dir.file("journal.db"));
  // 2 = MEMORY: past 64 KB a statement journal would otherwise go to a temporary file, written
  // for every writer job and never read (storage/database.cpp).
  CHECK(db.execAndGet("PRAGMA temp_store").getInt() == 2);
  db.exec("CREATE TABLE pages(id INTEGER PRIMARY KEY, body TEXT)");
  db.exec("BEGIN");
  db.exec("INSERT INTO pages(body) VALUES('kept')");
  db.exec("SAVEPOINT job");
  for (int i = 0; i < 100; ++i) db.exec("INSERT INTO pages(body) VALUES(printf('%.4000c', 'x'))");  // ~400 KB
  db.exec("ROLLBACK TO job");
  db.exec("RELEASE job");
  db.exec("COMMIT");
  CHECK(db.execAndGet("SELECT COUNT(*) FROM pages").getInt() == 1);
}

TEST_CASE("apply writes ticket, events, links, outbox and timers; a rolled-back transaction leaves nothing") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  Actions actions{SaveTicket{testing::sample_ticket(1001)}, RecordEvent{1001, "created", "zhangwei", "", t0},
                  LinkMessage{"local", "1", 1001}, SendMessage{"local", "xfl-1-group", "", "回执", {"zhangwei"}, Priority::reply, 1001, {}},
                  ScheduleTimer{"claim_deadline", 1001, Time(Seconds(8200)), ""}};
  {
    SQLite::Transaction tx(db);
    store.apply(actions, t0);
    // no commit: rolled back
  }
  CHECK(store.tickets.count() == 0);
  CHECK(store.outbox.count("pending") == 0);
  {
    SQLite::Transaction tx(db);
    store.apply(actions, t0);
    tx.commit();
  }
  CHECK(store.tickets.count() == 1);
  CHECK(store.tickets.timeline(1001).size() == 1);
  CHECK(store.tickets.ticket_of_message("local", "1") == 1001);
  CHECK(store.outbox.count("pending") == 1);
  CHECK(store.timers.count_pending() == 1);
}

TEST_CASE("outbox rows go by priority, wait for not_before and their retry time, and end sent or dead") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  SendMessage notice{"local", "g", "", "通知", {}, Priority::notice, std::nullopt, {}};
  SendMessage urgent{"local", "", "u", "紧急", {}, Priority::urgent, std::nullopt, {}};
  SendMessage later{"local", "", "u", "早上再发", {}, Priority::urgent, std::nullopt, t0 + Seconds(3600)};
  store.outbox.enqueue(notice, t0);
  store.outbox.enqueue(later, t0);
  store.outbox.enqueue(urgent, t0);
  auto first = store.outbox.next_due(t0);
  REQUIRE(first);
  CHECK(first->message.text == "紧急");
  store.outbox.mark_sent(first->id, "42", t0);
  auto second = store.outbox.next_due(t0);
  REQUIRE(second);
  CHECK(second->message.text == "通知");
  store.outbox.mark_retry(second->id, t0 + Seconds(10), "busy");
  CHECK_FALSE(store.outbox.next_due(t0));
  auto held = store.outbox.next_due(t0 + Seconds(3600));
  REQUIRE(held);
  CHECK(held->message.text == "早上再发");  // urgent, and now past its not_before
  store.outbox.mark_sent(held->id, "43", t0);
  auto retried = store.outbox.next_due(t0 + Seconds(3600));
  REQUIRE(retried);
  CHECK(retried->message.text == "通知");
  CHECK(retried->attempts == 1);
  store.outbox.mark_dead(retried->id, "forbidden");
  CHECK_FALSE(store.outbox.next_due(t0 + Seconds(3600)));
  CHECK(store.outbox.count("dead") == 1);
  CHECK(store.outbox.count("sent") == 2);
}

TEST_CASE("timers fall due in order, fire once, and can be cancelled") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  store.timers.schedule(ScheduleTimer{"b", 1, t0 + Seconds(20), ""});
  store.timers.schedule(ScheduleTimer{"a", 1, t0 + Seconds(10), ""});
  store.timers.schedule(ScheduleTimer{"c", 2, t0 + Seconds(30), ""});
  CHECK(store.timers.due(t0 + Seconds(5), 10).empty());
  auto due = store.timers.due(t0 + Seconds(25), 10);
  REQUIRE(due.size() == 2);
  CHECK(due[0].kind == "a");
  CHECK(store.timers.mark_fired(due[0].id, t0));
  CHECK_FALSE(store.timers.mark_fired(due[0].id, t0));
  store.timers.cancel(1, "b");
  CHECK_FALSE(store.timers.mark_fired(due[1].id, t0));
  CHECK(store.timers.count_pending() == 1);
}

TEST_CASE("the local chat log keeps groups and direct conversations apart, and a resent bot message once") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  auto a = store.local_chat.append({0, "g1", "", "zhangwei", "你好", {}, std::nullopt, t0, std::nullopt});
  auto b = store.local_chat.append({0, "", "wangfang", "gridbot", "新工单", {}, std::nullopt, t0, 5});
  auto b_again = store.local_chat.append({0, "", "wangfang", "gridbot", "新工单", {}, std::nullopt, t0, 5});
  CHECK(b == b_again);
  store.local_chat.append({0, "", "wangfang", "wangfang", "接单 1001", {}, b, t0, std::nullopt});
  CHECK(store.local_chat.group_messages("g1", 0, 100).size() == 1);
  CHECK(store.local_chat.group_messages("g1", a, 100).empty());
  CHECK(store.local_chat.direct_messages("wangfang", "gridbot", 0, 100).size() == 1);
  auto both = store.local_chat.direct_messages("wangfang", "", 0, 100);
  REQUIRE(both.size() == 2);
  CHECK(both[1].quote == b);
}

TEST_CASE("migration 10 gives open tickets the limits their audit trail says they missed, since the last claim") {
  testing::TempDir dir;
  const std::string path = dir.file("v9.db");
  {
    SQLite::Database v9(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (int v = 0; v < 9; ++v) v9.exec(std::string(storage::migration_sql(v + 1)));
    v9.exec("PRAGMA user_version=9");
    for (const char* row : {"(1001, 'accepted', 9000)", "(1002, 'claimed', 100000)", "(1003, 'closed', 100000)"})
      v9.exec(std::string("INSERT INTO tickets(number, state, category, urgent, text, grid, community, reporter_id, reporter_name, "
                          "source_platform, reporter_user, group_id, owner, claimed_by, created_at, claim_due_at, "
                          "resolve_due_at, updated_at) SELECT n, s, 'drainage', 0, 't', 'xfl-1', 'xingfuli', 'r', 'r', 'local', "
                          "'r', '', 'wangfang', '', 0, d, d, 0 FROM (SELECT column1 AS n, column2 AS s, column3 AS d FROM (VALUES ") +
              row + "))");
    // 1001: missed its claim limit at 7200 and escalated, still unclaimed. 1002: the same, then
    // claimed late, then missed the rung's deadline at 93600 (an escalation without a claim
    // breach). 1003: closed, left alone.
    v9.exec("INSERT INTO ticket_events(ticket, kind, actor, detail, at) VALUES"
            "(1001, 'claim_overdue', 'system', '', 7200), (1001, 'escalated', 'system', 'liqiang', 7200),"
            "(1002, 'claim_overdue', 'system', '', 7200), (1002, 'escalated', 'system', 'liqiang', 7200),"
            "(1002, 'claimed', 'liqiang', '', 8000), (1002, 'escalated', 'system', 'zhoulan', 93600),"
            "(1003, 'claim_overdue', 'system', '', 7200)");
  }
  auto db = storage::open_database(path);
  auto missed = [&](std::int64_t n) {
    SQLite::Statement q(db, "SELECT claim_missed_at, resolve_missed_at FROM tickets WHERE number = ?");
    q.bind(1, n);
    REQUIRE(q.executeStep());
    return std::pair{q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
  };
  CHECK(missed(1001) == std::pair<std::int64_t, std::int64_t>{7200, 0});
  CHECK(missed(1002) == std::pair<std::int64_t, std::int64_t>{0, 93600});
  CHECK(missed(1003) == std::pair<std::int64_t, std::int64_t>{0, 0});
}
