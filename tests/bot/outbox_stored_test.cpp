// Stored sends (Adapter::stored_send, the local platform's way): the message is written in the
// outcome job that marks its row sent, never through send(), a pass at a time.
#include <doctest/doctest.h>

#include "tests/bot/outbox_rig.hpp"

using namespace gridbot;
using testing::OutboxRig;

namespace {

std::string platform_message_id(OutboxRig& r, std::int64_t id) {
  SQLite::Statement q(r.reader_db, "SELECT platform_message_id FROM outbox WHERE id = ?");
  q.bind(1, id);
  q.executeStep();
  return q.getColumn(0).getString();
}

std::int64_t local_messages(OutboxRig& r) {
  return r.reader_db.execAndGet("SELECT COUNT(*) FROM local_messages").getInt64();
}

}  // namespace

TEST_CASE("stored sends are written and marked sent in one writer job for the whole pass") {
  OutboxRig r;
  r.adapter.stored = {"g1"};
  r.enqueue("g1", 20);
  const std::size_t jobs_before = r.writer.jobs();
  REQUIRE(r.run_until([&] { return r.count("sent") == 20; }));
  r.settle();
  CHECK(r.writer.jobs() - jobs_before == 1);  // not one per row plus one for the outcomes
  CHECK(r.adapter.started.empty());           // send() was never called
  CHECK(local_messages(r) == 20);
  // Each row carries the id of its own message, written in the same transaction as its mark.
  SQLite::Statement q(r.reader_db, "SELECT o.platform_message_id, m.id FROM outbox o JOIN local_messages m ON m.outbox_id = o.id");
  int rows = 0;
  while (q.executeStep()) {
    CHECK(q.getColumn(0).getString() == "L" + std::to_string(q.getColumn(1).getInt64()));
    ++rows;
  }
  CHECK(rows == 20);
}

TEST_CASE("a stored send whose write fails is retried; its batch-mates are sent") {
  OutboxRig r;
  r.adapter.stored = {"g1", "bad"};
  r.adapter.stored_fails = {"bad"};
  r.enqueue({OutboxRig::message("g1", "a"), OutboxRig::message("bad", "b"), OutboxRig::message("g1", "c")});
  REQUIRE(r.run_until([&] { return r.count("sent") == 2; }));
  r.settle();
  CHECK(r.count("pending") == 1);
  CHECK(local_messages(r) == 2);  // the failed row's write was rolled back with its savepoint
  std::int64_t bad = 0;
  {
    // Scoped: a statement left stepping would hold the reader's snapshot, and the sender reads there.
    SQLite::Statement q(r.reader_db, "SELECT id, attempts, last_error FROM outbox WHERE status = 'pending'");
    REQUIRE(q.executeStep());
    bad = q.getColumn(0).getInt64();
    CHECK(q.getColumn(1).getInt() == 1);
    CHECK(q.getColumn(2).getString().find("no_such_table") != std::string::npos);
  }
  // Mended, it goes at the backoff's time (2 s after the first failure), once.
  r.adapter.stored_fails.clear();
  r.advance(Seconds(1));
  CHECK(r.count("pending") == 1);
  r.advance(Seconds(1));
  CHECK(platform_message_id(r, bad).starts_with("L"));
  CHECK(local_messages(r) == 3);
}

TEST_CASE("a paced bucket of stored sends spends its tokens in one pass and parks the rest until they return") {
  OutboxRig r;
  r.adapter.stored = {"p"};
  r.adapter.quota_per_chat["p"] = {3, Seconds(60)};
  r.enqueue("p", 5);
  const std::size_t jobs_before = r.writer.jobs();
  REQUIRE(r.run_until([&] { return r.count("sent") == 3; }));
  r.settle();
  CHECK(r.count("sent") == 3);
  CHECK(r.writer.jobs() - jobs_before == 1);  // the three tokens and both parkings in one pass, not one per commit
  r.advance(Seconds(59));
  CHECK(r.count("sent") == 3);
  r.advance(Seconds(1));
  CHECK(r.count("sent") == 5);
  // In row order, whatever the pacing.
  SQLite::Statement q(r.reader_db, "SELECT text FROM local_messages ORDER BY id");
  std::vector<std::string> texts;
  while (q.executeStep()) texts.push_back(q.getColumn(0).getString());
  CHECK(texts == std::vector<std::string>{"p #0", "p #1", "p #2", "p #3", "p #4"});
}
