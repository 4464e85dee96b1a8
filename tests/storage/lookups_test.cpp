// The per-message lookups stay index seeks as tables grow (schema version 4): the outbox's due
// rows, a resident's tickets, and the counts /healthz reports.
#include <doctest/doctest.h>

#include <SQLiteCpp/Transaction.h>

#include "storage/database.hpp"
#include "storage/store.hpp"
#include "tests/support/sample_ticket.hpp"

using namespace gridbot;

namespace {

const Time t0 = Time(Seconds(1'000'000));

Ticket ticket(std::int64_t number, const std::string& reporter) { return testing::sample_ticket(number, reporter); }

// The query plan SQLite would use for `sql`, one line per step.
std::string plan(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
  std::string out;
  while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
  return out;
}

// How many temporary b-trees a statement opens each time it runs (an IN list of constants, a
// sort, a DISTINCT): each costs zeroed pages and a b-tree of its own.
int ephemeral_tables(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, "EXPLAIN " + sql);
  int out = 0;
  while (q.executeStep()) out += q.getColumn(1).getString() == "OpenEphemeral";
  return out;
}

std::int64_t count_rows(SQLite::Database& db, const std::string& where) {
  return db.execAndGet("SELECT COUNT(*) FROM " + where).getInt64();
}

}  // namespace

TEST_CASE("thousands of notices held for quiet hours cost nothing until they are due") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  SQLite::Transaction tx(db);
  for (int i = 0; i < 3000; ++i)
    store.outbox.enqueue(SendMessage{"local", "", "u" + std::to_string(i), "早上再发", {}, Priority::notice, std::nullopt,
                                     t0 + Seconds(3600)},
                         t0);
  store.outbox.enqueue(SendMessage{"local", "g", "", "回执", {}, Priority::reply, std::nullopt, {}}, t0);
  tx.commit();
  auto due = store.outbox.due(t0, 64);
  REQUIRE(due.size() == 1);
  CHECK(due[0].message.text == "回执");
  // An index range per priority: the held rows are past the end of the range, never read.
  const auto p = plan(db, "SELECT text FROM outbox WHERE status = 'pending' AND priority = 2 AND due_at <= 5 ORDER BY due_at, id");
  CHECK(p.find("INDEX outbox_due (priority=? AND due_at<?)") != std::string::npos);
  CHECK(p.find("TEMP B-TREE") == std::string::npos);
  // At the end of quiet hours they go, oldest first, in batches.
  auto released = store.outbox.due(t0 + Seconds(3600), 64);
  CHECK(released.size() == 64);
  CHECK(released[0].message.text == "回执");
  CHECK(released[1].message.user_id == "u0");
  CHECK(released[63].message.user_id == "u62");
}

TEST_CASE("a retry waits its backoff without holding back the rows behind it") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  store.outbox.enqueue(SendMessage{"local", "", "a", "第一条", {}, Priority::reply, std::nullopt, {}}, t0);
  store.outbox.enqueue(SendMessage{"local", "", "b", "第二条", {}, Priority::reply, std::nullopt, {}}, t0);
  auto first = store.outbox.due(t0, 1).at(0);
  CHECK(first.message.user_id == "a");
  store.outbox.mark_retry(first.id, t0 + Seconds(30), "busy");
  auto now = store.outbox.due(t0, 10);
  REQUIRE(now.size() == 1);
  CHECK(now[0].message.user_id == "b");
  CHECK(store.outbox.due(t0 + Seconds(30), 10).size() == 2);
}

TEST_CASE("a resident's tickets are found from the resident: reported, or followed with a '+1'") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  for (int i = 0; i < 200; ++i) store.tickets.save(ticket(1001 + i, "other" + std::to_string(i)));
  store.tickets.save(ticket(1300, "zhangwei"));
  auto followed = ticket(1301, "liuna");
  store.tickets.save(followed);
  CHECK(store.tickets.tickets_of_resident("zhangwei", 10).size() == 1);
  store.apply({AddSubscriber{1301, Subscriber{"zhangwei", "local", "zhangwei"}}}, t0);  // the '+1': zhangwei follows liuna's ticket
  store.apply({AddSubscriber{1301, Subscriber{"liuna", "local", "liuna"}},  // the reporter listed too, and twice over
               AddSubscriber{1301, Subscriber{"zhangwei", "local", "other-account"}}},
              t0);
  store.tickets.save(testing::sample_ticket(1302, "wujun"));
  auto mine = store.tickets.tickets_of_resident("zhangwei", 10);
  REQUIRE(mine.size() == 2);
  CHECK(mine[0].number == 1301);
  CHECK(mine[1].number == 1300);
  CHECK(store.tickets.tickets_of_resident("liuna", 10).size() == 1);
  CHECK(store.tickets.tickets_of_resident("wujun", 10).size() == 1);
  // Each subscriber once, in the order they joined; the reporter too once they asked.
  const auto subscribers = store.tickets.subscribers(1301);
  REQUIRE(subscribers.size() == 2);
  CHECK(subscribers[0].person_id == "zhangwei");
  CHECK(subscribers[0].user_id == "zhangwei");
  CHECK(subscribers[1].person_id == "liuna");
  CHECK(store.tickets.is_subscriber(1301, "zhangwei"));
  CHECK_FALSE(store.tickets.is_subscriber(1300, "zhangwei"));  // the reporter of 1300, not a subscriber
  CHECK(count_rows(db, "ticket_followers WHERE ticket = 1301") == 2);
  // Closed and rated tickets are no longer "open for the resident".
  auto done = ticket(1300, "zhangwei");
  done.state = TicketState::closed;
  store.tickets.save(done);
  CHECK(store.tickets.tickets_of_resident("zhangwei", 10).size() == 1);
  // Resolved and waiting for a rating it concerns them again, and is the reporter's to rate.
  done.state = TicketState::resolved;
  store.tickets.save(done);
  CHECK(store.tickets.tickets_of_resident("zhangwei", 10).size() == 2);
  REQUIRE(store.tickets.awaiting_rating("zhangwei").size() == 1);
  CHECK(store.tickets.awaiting_rating("liuna").empty());
  // A subscriber who is dropped no longer finds it; the reporter still does.
  db.exec("DELETE FROM ticket_subscribers WHERE ticket = 1301");
  CHECK(store.tickets.tickets_of_resident("zhangwei", 10).size() == 1);
  CHECK(store.tickets.tickets_of_resident("liuna", 10).size() == 1);
  // From the partial index of followed tickets that still concern the resident, newest first, with
  // no temporary b-tree for a list or a sort.
  const std::string query = "SELECT t.number FROM ticket_followers f INDEXED BY ticket_followers_active"
                            " JOIN tickets t ON t.number = f.ticket WHERE f.person = 'x' AND f.active = 1"
                            " AND (t.state = 'accepted' OR t.state = 'claimed' OR t.state = 'suspended'"
                            " OR (t.state = 'resolved' AND t.rating = '')) ORDER BY f.ticket DESC LIMIT 10";
  const auto p = plan(db, query);
  CHECK_MESSAGE(p.find("INDEX ticket_followers_active (person=?)") != std::string::npos, p);
  CHECK(p.find("SCAN tickets") == std::string::npos);
  CHECK(p.find("TEMP B-TREE") == std::string::npos);
  CHECK(ephemeral_tables(db, query) == 0);
}

TEST_CASE("a resident's tickets cost the same however many they closed or follow") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  SQLite::Transaction tx(db);
  // Years of closed reports, and sixty open tickets of neighbours followed with a "+1".
  for (int i = 0; i < 500; ++i) {
    auto old = ticket(1001 + i, "zhangwei");
    old.state = TicketState::closed;
    store.tickets.save(old);
  }
  for (int i = 0; i < 60; ++i) {
    store.tickets.save(ticket(2001 + i, "neighbour" + std::to_string(i)));
    store.apply({AddSubscriber{2001 + i, Subscriber{"zhangwei", "local", "zhangwei"}}}, t0);
  }
  tx.commit();
  // The newest ten, not sixty, and none of the 500 closed ones.
  const auto mine = store.tickets.tickets_of_resident("zhangwei", 10);
  REQUIRE(mine.size() == 10);
  CHECK(mine.front().number == 2060);
  CHECK(mine.back().number == 2051);
  CHECK(count_rows(db, "ticket_followers WHERE person = 'zhangwei' AND active = 1") == 60);
  CHECK(count_rows(db, "ticket_followers WHERE person = 'zhangwei' AND active = 0") == 500);
  // Closing a followed ticket takes it off every follower's range at once.
  auto closed = ticket(2060, "neighbour59");
  closed.state = TicketState::closed;
  store.tickets.save(closed);
  CHECK(store.tickets.tickets_of_resident("zhangwei", 10).front().number == 2059);
  CHECK(count_rows(db, "ticket_followers WHERE ticket = 2060 AND active = 1") == 0);
}

TEST_CASE("a '+1' finds the newest open ticket of its grid, category and building since the window") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  auto at = [&](std::int64_t number, TicketState state, Time created) {
    auto t = ticket(number, "r" + std::to_string(number));
    t.grid = "xfl-1";
    t.category = "drainage";
    t.building = "3";
    t.state = state;
    t.created_at = created;
    store.tickets.save(t);
  };
  at(1001, TicketState::claimed, t0);
  at(1002, TicketState::suspended, t0 + Seconds(10));
  at(1003, TicketState::accepted, t0 + Seconds(20));
  at(1004, TicketState::closed, t0 + Seconds(30));  // newest, but no longer open
  auto found = store.tickets.open_duplicate("xfl-1", "drainage", "3", t0);
  REQUIRE(found);
  CHECK(found->number == 1003);
  CHECK(found->reporter_id == "r1003");
  CHECK_FALSE(store.tickets.open_duplicate("xfl-1", "drainage", "3", t0 + Seconds(25)));
  CHECK_FALSE(store.tickets.open_duplicate("xfl-1", "drainage", "4", t0));
  CHECK_FALSE(store.tickets.open_duplicate("xfl-1", "electricity", "3", t0));
  // The newest of each open state, an index seek each: no temporary b-tree for a list or a sort.
  const std::string newest = "SELECT MAX(number) FROM tickets WHERE state = 'claimed'"
                             " AND grid = 'g' AND category = 'c' AND building = 'b' AND created_at >= 0";
  const auto p = plan(db, newest);
  CHECK(p.find("USING INDEX tickets_duplicate") != std::string::npos);
  CHECK(p.find("TEMP B-TREE") == std::string::npos);
  CHECK(ephemeral_tables(db, newest) == 0);
  CHECK(ephemeral_tables(db, "SELECT number FROM tickets WHERE state IN ('accepted','claimed','suspended')") == 1);
}

TEST_CASE("the counts /healthz reports follow every insert, status change and delete") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  for (int i = 0; i < 5; ++i) store.tickets.save(ticket(1001 + i, "r"));
  store.tickets.save(ticket(1001, "r"));  // an update is not a new ticket
  for (int i = 0; i < 4; ++i)
    store.outbox.enqueue(SendMessage{"local", "g", "", "x", {}, Priority::reply, std::nullopt, {}}, t0);
  auto rows = store.outbox.due(t0, 10);
  store.outbox.mark_sent(rows[0].id, "1", t0);
  store.outbox.mark_dead(rows[1].id, "gone");
  store.outbox.mark_retry(rows[2].id, t0 + Seconds(5), "busy");  // still pending
  store.timers.schedule(ScheduleTimer{"a", 1001, t0, ""});
  store.timers.schedule(ScheduleTimer{"b", 1002, t0, ""});
  store.timers.schedule(ScheduleTimer{"c", 1003, t0, ""});
  store.timers.cancel(1002, "");
  store.timers.mark_fired(store.timers.due(t0, 1).at(0).id, t0);
  CHECK(store.tickets.count() == 5);
  CHECK(store.outbox.count("pending") == 2);
  CHECK(store.outbox.count("sent") == 1);
  CHECK(store.outbox.count("dead") == 1);
  CHECK(store.outbox.count("no such status") == 0);
  CHECK(store.timers.count_pending() == 1);
  db.exec("DELETE FROM outbox WHERE status = 'sent'");  // what a retention job does
  db.exec("DELETE FROM timers WHERE status != 'pending'");
  CHECK(store.outbox.count("sent") == 0);
  CHECK(store.outbox.count("pending") == count_rows(db, "outbox WHERE status = 'pending'"));
  CHECK(store.timers.count_pending() == count_rows(db, "timers WHERE status = 'pending'"));
  // A rolled-back transaction leaves the counters as they were.
  {
    SQLite::Transaction tx(db);
    store.tickets.save(ticket(2000, "r"));
  }
  CHECK(store.tickets.count() == 5);
}

TEST_CASE("a ticket save writes only the columns that changed, and nothing when none did") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  auto t = ticket(1001, "zhangwei");
  store.tickets.save(t);
  const int before = db.getTotalChanges();
  store.tickets.save(t);  // the same ticket again: no row is touched
  CHECK(db.getTotalChanges() == before);
  // A change of state and owner is written, with the index on (owner, state) finding it.
  t.state = TicketState::claimed;
  t.owner = "lisi";
  t.room = "501";
  store.tickets.save(t);
  store.apply({AddSubscriber{1001, Subscriber{"liuna", "local", "liuna"}}}, t0);
  CHECK(db.getTotalChanges() > before);
  CHECK(count_rows(db, "tickets WHERE owner = 'lisi' AND state = 'claimed'") == 1);
  CHECK(count_rows(db, "ticket_followers WHERE ticket = 1001") == 2);  // the follower trigger ran
  CHECK(store.tickets.count() == 1);
  auto back = store.tickets.find(1001);
  REQUIRE(back);
  CHECK(back->owner == "lisi");
  CHECK(back->state == TicketState::claimed);
  CHECK(store.tickets.subscribers(1001).size() == 1);
  CHECK(back->room == "501");
  CHECK(back->text == t.text);
  // An optional column set back to none is stored as NULL again.
  t.room.reset();
  store.tickets.save(t);
  CHECK(!store.tickets.find(1001)->room);
}

TEST_CASE("a ticket's newest event of a kind is found without reading its timeline") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  store.tickets.save(ticket(1001, "zhangwei"));
  store.tickets.save(ticket(1002, "liuna"));
  store.tickets.record(RecordEvent{1001, "urged", "zhangwei", "快点", t0 + Seconds(10)});
  for (int i = 0; i < 300; ++i)  // a "+1"'d ticket's long timeline
    store.tickets.record(RecordEvent{1001, "duplicate", "r" + std::to_string(i), "+1", t0 + Seconds(20 + i)});
  store.tickets.record(RecordEvent{1001, "urged", "liuna", "还没来", t0 + Seconds(400)});
  store.tickets.record(RecordEvent{1002, "replied", "wangfang", "明早到", t0 + Seconds(500)});
  CHECK(store.tickets.last_event_at(1001, "urged", "zhangwei") == t0 + Seconds(10));
  CHECK(store.tickets.last_event_at(1001, "urged", "") == t0 + Seconds(400));
  CHECK(store.tickets.last_event_at(1001, "urged", "wangfang") == std::nullopt);
  CHECK(store.tickets.last_event_at(1001, "replied", "") == std::nullopt);
  CHECK(store.tickets.last_event_at(1002, "replied", "") == t0 + Seconds(500));
  const auto p = plan(db, "SELECT at FROM ticket_events WHERE ticket = 1 AND kind = 'urged' AND ('' = '' OR actor = '') ORDER BY id DESC LIMIT 1");
  CHECK(p.find("INDEX ticket_events_ticket (ticket=?)") != std::string::npos);
  CHECK(p.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("the outbox's status indexes hold only their own status's rows, and no trigger tests an IN list") {
  auto db = storage::open_database(":memory:");
  // Partial indexes (migration 14): the queries that read them still seek, never scan or sort.
  const auto oldest = plan(db, "SELECT MIN(created_at) FROM outbox WHERE status = 'pending'");
  CHECK(oldest.find("INDEX outbox_pending_age") != std::string::npos);
  const auto old_sent = plan(db, "SELECT id FROM outbox WHERE status = 'sent' AND sent_at < 5 ORDER BY sent_at LIMIT 9");
  CHECK(old_sent.find("INDEX outbox_sent (sent_at<?)") != std::string::npos);
  CHECK(old_sent.find("TEMP B-TREE") == std::string::npos);
  // A sent row leaves the pending indexes.
  storage::Store store(db);
  store.outbox.enqueue(SendMessage{"local", "", "a", "您好", {}, Priority::reply, std::nullopt, {}}, t0);
  const auto id = store.outbox.due(t0, 1).at(0).id;
  CHECK(db.execAndGet("SELECT COUNT(*) FROM outbox INDEXED BY outbox_pending_age WHERE status = 'pending'").getInt() == 1);
  store.outbox.mark_sent(id, "m1", t0);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM outbox INDEXED BY outbox_pending_age WHERE status = 'pending'").getInt() == 0);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM outbox INDEXED BY outbox_sent WHERE status = 'sent'").getInt() == 1);
  // A trigger's IN list of constants is a temporary b-tree built on every row it fires for (the
  // facts trigger's cost 7% of the writer until migration 14): every trigger spells its lists out.
  SQLite::Statement triggers(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
  int seen = 0;
  while (triggers.executeStep()) {
    ++seen;
    CAPTURE(triggers.getColumn(0).getString());
    CHECK(triggers.getColumn(1).getString().find(" IN (") == std::string::npos);
  }
  CHECK(seen > 10);
}
