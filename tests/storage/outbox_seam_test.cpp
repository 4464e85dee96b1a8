// The outbox columns of migration 5: the account, format and reply handle a row is sent with,
// deferral without an attempt, a dead letter's code, and a split text's rows.
#include <doctest/doctest.h>

#include <algorithm>

#include "storage/database.hpp"
#include "storage/store.hpp"

using namespace gridbot;

namespace {
const Time t0 = Time(Seconds(1'794'967'200));

SendMessage to_chat(const std::string& text) {
  SendMessage m;
  m.platform = "wecom";
  m.chat_id = "wrCHAT";
  m.text = text;
  return m;
}
}  // namespace

TEST_CASE("an outbox row keeps its account, format and reply handle; deferring it spends no attempt") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  SendMessage m = to_chat("收到");
  m.account = "aibot-1";
  m.format = Format::markdown;
  m.reply_to = "req-7";
  store.outbox.enqueue(m, t0);
  auto row = store.outbox.next_due(t0);
  REQUIRE(row);
  CHECK(row->message.account == "aibot-1");
  CHECK(row->message.format == Format::markdown);
  CHECK(row->message.reply_to == "req-7");
  CHECK(row->part_of == 0);
  CHECK(row->position() == row->id);

  store.outbox.defer(row->id, t0 + Seconds(60), "45009 rate limited");
  CHECK_FALSE(store.outbox.next_due(t0 + Seconds(59)));
  auto later = store.outbox.next_due(t0 + Seconds(60));
  REQUIRE(later);
  CHECK(later->attempts == 0);
  CHECK(store.outbox.last_error(row->id).second == "45009 rate limited");
  store.outbox.defer(row->id, t0 + Seconds(90));  // pacing: the reason stays
  CHECK(store.outbox.last_error(row->id).second == "45009 rate limited");

  store.outbox.mark_dead(row->id, "60011 no privilege", 60011);
  CHECK(store.outbox.last_error(row->id) == std::pair<int, std::string>{60011, "60011 no privilege"});
  CHECK(store.outbox.count("dead") == 1);
}

TEST_CASE("a split row keeps the first part; the others follow it with its position, without mentions") {
  auto db = storage::open_database(":memory:");
  storage::Store store(db);
  SendMessage m = to_chat("long");
  m.mentions = {"zhangwei"};
  store.outbox.enqueue(m, t0);
  store.outbox.enqueue(to_chat("next"), t0);
  auto first = store.outbox.due(t0, 10).at(0);
  auto parts = store.outbox.split(first, {"(1/3) a", "(2/3) b", "(3/3) c"});
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].id == first.id);
  auto due = store.outbox.due(t0, 10);
  REQUIRE(due.size() == 4);
  std::vector<std::pair<std::int64_t, std::string>> order;
  for (const auto& r : due) order.emplace_back(r.position(), r.message.text);
  std::sort(order.begin(), order.end());
  CHECK(order[0].second == "(1/3) a");
  CHECK(order[1].second == "(2/3) b");
  CHECK(order[2].second == "(3/3) c");
  CHECK(order[3].second == "next");
  for (const auto& r : due)
    if (r.message.text == "(2/3) b") CHECK(r.message.mentions.empty());
  CHECK(store.outbox.count("pending") == 4);
}
