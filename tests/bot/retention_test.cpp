#include <doctest/doctest.h>

#include <fstream>

#include "bot/retention.hpp"
#include "tests/support/pipeline_rig.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {

struct Rig : testing::PipelineRig {
  boost::asio::io_context io;
  testing::TempDir dir;
  Config::Retention rules;
  std::int64_t count(const std::string& table, const std::string& where = "1") {
    return db.execAndGet("SELECT COUNT(*) FROM " + table + " WHERE " + where).getInt64();
  }
  RetentionCounts run() {
    Retention retention(io, db, rules, dir.file("archive/tickets.jsonl"), clock);
    retention.write_health = &health;
    return retention.run_all();
  }
  void local_message(const std::string& text) {
    store.local_chat.append(storage::LocalMessage{0, "xfl-1-group", "", "zhangwei", text, {}, std::nullopt, clock.now(), std::nullopt});
  }
};

}  // namespace

TEST_CASE("each table that grows with traffic keeps its rows for its rule's days, and no longer") {
  Rig r;
  r.post("1", "3号楼2单元下水道堵了");  // a ticket, its inbox row, three outbox rows, its timers
  r.local_message("3号楼2单元下水道堵了");
  r.db.exec("UPDATE outbox SET status = 'sent', sent_at = created_at WHERE id = (SELECT MIN(id) FROM outbox)");
  r.db.exec("UPDATE outbox SET status = 'dead' WHERE id = (SELECT MAX(id) FROM outbox)");
  r.db.exec("UPDATE timers SET status = 'cancelled' WHERE id = (SELECT MIN(id) FROM timers)");
  const auto timers = r.count("timers");
  const auto events = r.count("ticket_events");

  r.clock.advance(Seconds(29 * 86400));
  CHECK(r.run() == RetentionCounts{});  // nothing is old enough yet

  r.clock.advance(Seconds(2 * 86400));  // day 31
  auto counts = r.run();
  CHECK(counts.inbox == 1);
  CHECK(counts.outbox == 1);
  CHECK(counts.timers == 1);
  CHECK(counts.local_messages == 0);
  CHECK(r.count("inbox") == 0);
  CHECK(r.count("outbox", "status = 'sent'") == 0);
  CHECK(r.count("outbox", "status = 'dead'") == 1);     // evidence of a failure stays
  CHECK(r.count("outbox", "status = 'pending'") == 1);  // work stays
  CHECK(r.count("timers") == timers - 1);              // pending timers stay
  CHECK(r.count("local_messages") == 1);
  CHECK(r.count("tickets") == 1);  // the record stays, with its audit trail
  CHECK(r.count("ticket_events") == events);

  r.clock.advance(Seconds(60 * 86400));  // day 91
  CHECK(r.run().local_messages == 1);
  CHECK(r.count("local_messages") == 0);
  CHECK(r.count("tickets") == 1);
  CHECK(r.health.state().ok);
}

TEST_CASE("closed tickets past tickets_days are archived as JSON lines with their audit trail, then removed") {
  Rig r;
  r.rules.tickets_days = 365;
  r.post("1", "3号楼2单元下水道堵了");
  r.post("2", "5号楼楼道堆满杂物");
  r.post("3", "楼下路灯坏了好几天了");
  r.db.exec("INSERT INTO ticket_subscribers(ticket, person, platform, user_id) VALUES(1001, 'liuna', 'local', 'liuna')");
  r.db.exec("UPDATE tickets SET state = 'closed' WHERE number IN (1001, 1003)");
  r.db.exec("UPDATE tickets SET state = 'cancelled' WHERE number = 1002");
  r.clock.advance(Seconds(400 * 86400));
  auto counts = r.run();
  // 1003 is the newest ticket: the next number counts from it, so it stays.
  CHECK(counts.tickets_archived == 2);
  CHECK(r.count("tickets") == 1);
  CHECK(r.count("ticket_events", "ticket IN (1001, 1002)") == 0);
  CHECK(r.count("timers", "ticket IN (1001, 1002)") == 0);
  CHECK(r.store.tickets.next_number() == 1004);

  std::ifstream archive(r.dir.file("archive/tickets.jsonl"));
  std::string line;
  std::vector<nlohmann::json> lines;
  while (std::getline(archive, line)) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["number"] == 1001);
  CHECK(lines[0]["state"] == "closed");
  CHECK(lines[0]["text"].get<std::string>().find("下水道堵了") != std::string::npos);
  REQUIRE(lines[0]["events"].size() >= 1);
  CHECK(lines[0]["events"][0]["kind"] == "created");
  CHECK(lines[1]["number"] == 1002);
  // The "+1" subscribers, as the JSON text the tickets row once carried; their rows are gone.
  CHECK(lines[0]["subscribers"] == R"([{"person":"liuna","platform":"local","user":"liuna"}])");
  CHECK(lines[1]["subscribers"] == "[]");
  CHECK(r.count("ticket_subscribers") == 0);

  // Without tickets_days tickets are kept, however old.
  Rig keep;
  keep.post("1", "3号楼2单元下水道堵了");
  keep.post("2", "5号楼楼道堆满杂物");
  keep.db.exec("UPDATE tickets SET state = 'closed'");
  keep.clock.advance(Seconds(4000 * 86400));
  CHECK(keep.run().tickets_archived == 0);
  CHECK(keep.count("tickets") == 2);
}

TEST_CASE("retention works in small batches and gives emptied pages back without VACUUM") {
  Rig r;
  const std::string text(2000, 'x');
  for (int i = 0; i < 1200; ++i) r.local_message(text);
  const auto pages_before = r.db.execAndGet("PRAGMA page_count").getInt64();
  r.clock.advance(Seconds(91 * 86400));
  Retention retention(r.io, r.db, r.rules, r.dir.file("a.jsonl"), r.clock);
  RetentionCounts counts;
  int steps = 0;
  while (retention.step(counts)) ++steps;
  CHECK(steps >= 2);  // 1200 rows at 500 a batch
  CHECK(counts.local_messages == 1200);
  CHECK(counts.pages_freed > 0);
  CHECK(r.db.execAndGet("PRAGMA freelist_count").getInt64() == 0);
  CHECK(r.db.execAndGet("PRAGMA page_count").getInt64() < pages_before / 4);
}
