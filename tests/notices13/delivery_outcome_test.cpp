// Each group's copy of a notice keeps its own outcome, written with its outbox row's by the
// sender's record step: the report stays true after retention deletes the sent rows, and a
// failure reads as a sentence for staff chosen by the platform's code, not the adapter's English.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include "bot/clock.hpp"
#include "bot/outbox/record.hpp"
#include "bot/retention.hpp"
#include "handlers/notices/delivery_failure.hpp"
#include "handlers/notices/progress.hpp"
#include "storage/database.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using platforms::SendResult;

namespace {

struct Rig {
  TempDir dir;
  SQLite::Database db = storage::open_database(dir.file("gridbot.db"));
  storage::Store store{db};
  World world;  // the sample organization and policy
  ManualClock clock{wednesday_10am};

  Context context() {
    return Context{clock.now(), world.org, store.tickets, world.policy, templates::Catalog::builtin(), &store.notices};
  }
  // Notice 1 to every group of the sample organization, its copies queued as release_notice does.
  Notice queue_notice() {
    Notice n;
    n.id = 1;
    n.sender = "gaojian";
    n.text = "今晚有暴雨，请注意安全";
    n.groups = {"xfl-1-group", "xfl-2-group", "yl-1-group", "yl-2-group"};
    n.status = NoticeStatus::sent;
    n.sent_at = clock.now();
    Actions actions{SaveNotice{n}};
    for (const auto& g : n.groups) {
      SendMessage m;
      m.platform = "local";
      m.chat_id = g;
      m.text = n.text;
      actions.push_back(DeliverNotice{n.id, g, m});
    }
    SQLite::Transaction tx(db);
    store.apply(actions, clock.now());
    tx.commit();
    return n;
  }
  // The sender's answer for each due row, by chat: what outbox_sender hands to record().
  void answer(const std::map<std::string, SendResult>& by_chat) {
    SQLite::Transaction tx(db);
    for (const auto& row : store.outbox.due(clock.now(), 100)) {
      auto it = by_chat.find(row.message.chat_id);
      outbox::record(store, clock.now(), row, it == by_chat.end() ? SendResult::ok("m" + std::to_string(row.id)) : it->second);
    }
    tx.commit();
  }
};

}  // namespace

TEST_CASE("the report counts what was delivered after retention deleted the sent outbox rows") {
  Rig r;
  const Notice n = r.queue_notice();
  r.answer({{"yl-2-group", SendResult::permanent("Feishu answered 230002 \"bot not in chat\"", 230002)}});
  auto before = notice_progress(n, r.context());
  CHECK(before.delivered == 3);
  CHECK(before.failed == 1);
  CHECK(before.pending == 0);

  // 31 days on, the sweep deletes every sent row (the dead one stays, as retention keeps them).
  r.clock.advance(std::chrono::days(31));
  boost::asio::io_context io;
  Retention retention(io, r.db, Config::Retention{}, r.dir.file("archive.jsonl"), r.clock);
  const auto swept = retention.run_all();
  CHECK(swept.outbox == 3);
  CHECK(r.store.outbox.count("sent") == 0);

  auto after = notice_progress(n, r.context());
  CHECK(after.targeted == 4);
  CHECK(after.delivered == 3);
  CHECK(after.failed == 1);
  CHECK(after.pending == 0);  // before, the three copies without an outbox row counted as pending
  CHECK(after.reached == before.reached);
  CHECK(after.grids.size() == before.grids.size());
}

TEST_CASE("a copy's outcome is set in the transaction that sets its row's, and a dead part keeps the copy dead") {
  Rig r;
  r.queue_notice();
  auto rows = r.store.outbox.due(r.clock.now(), 100);
  REQUIRE(rows.size() == 4);
  {
    SQLite::Transaction tx(r.db);
    outbox::record(r.store, r.clock.now(), rows[0], SendResult::ok("501"));
    // Rolled back with its row: neither says sent.
  }
  CHECK(r.store.notices.deliveries(1).at(0).status == "pending");
  CHECK(r.store.outbox.count("sent") == 0);

  // Split in two: the second part dies, the first was sent; the copy is dead, not delivered.
  auto parts = r.store.outbox.split(rows[1], {"今晚有暴雨，", "请注意安全"});
  SQLite::Transaction tx(r.db);
  outbox::record(r.store, r.clock.now(), parts[1], SendResult::permanent("refused", 40033));
  outbox::record(r.store, r.clock.now(), parts[0], SendResult::ok("p1"));
  // Retries that run out: dead, as having given up, with the last code.
  auto retried = rows[2];
  retried.attempts = outbox::max_attempts - 1;
  outbox::record(r.store, r.clock.now(), retried, SendResult::retry("busy", {}, 130101));
  tx.commit();
  auto d = r.store.notices.deliveries(1);
  CHECK(d[1].group_id == "xfl-2-group");
  CHECK(d[1].status == "dead");
  CHECK(d[1].errcode == 40033);
  CHECK(d[1].failure == delivery_end::permanent);
  CHECK(d[2].status == "dead");
  CHECK(d[2].errcode == 130101);
  CHECK(d[2].failure == delivery_end::gave_up);
}

TEST_CASE("failure reasons are Chinese sentences chosen by the platform's code, never the adapter's words") {
  World w;
  CHECK(classify_delivery_failure("wecom", 45009, true) == DeliveryFailure::rate_limited);
  CHECK(classify_delivery_failure("dingtalk", 130101, true) == DeliveryFailure::rate_limited);
  CHECK(classify_delivery_failure("feishu", 99991400, true) == DeliveryFailure::rate_limited);
  CHECK(classify_delivery_failure("feishu", 230002, true) == DeliveryFailure::bot_removed);
  CHECK(classify_delivery_failure("wecom", 40014, true) == DeliveryFailure::credentials);
  CHECK(classify_delivery_failure("feishu", 99991663, true) == DeliveryFailure::credentials);
  CHECK(classify_delivery_failure("dingtalk", 310000, true) == DeliveryFailure::credentials);
  CHECK(classify_delivery_failure("wecom", 230002, true) == DeliveryFailure::unknown);  // codes are per platform
  CHECK(classify_delivery_failure("local", 0, false) == DeliveryFailure::group_not_found);

  const Context ctx = w.context();
  const auto text = [&](std::string group, int errcode, std::string end = delivery_end::permanent) {
    return delivery_failure_text(NoticeDelivery{std::move(group), "dead", errcode, std::move(end)}, ctx);
  };
  const auto& t = templates::Catalog::builtin();
  CHECK(text("gone-group", 0) == t.render("notice.failure.group_not_found"));
  CHECK(text("xfl-1-group", 93000) == "未能发出（平台错误码 93000），请联系管理员查看日志。");
  CHECK(text("xfl-1-group", 0) == "未能发出，请联系管理员查看日志。");
  CHECK(text("xfl-1-group", 0, delivery_end::gave_up) == "多次重试后仍未发出，请联系管理员查看日志。");
  for (const char* key : {"notice.failure.rate_limited", "notice.failure.bot_removed", "notice.failure.credentials",
                          "notice.failure.group_not_found"}) {
    CAPTURE(key);
    CHECK(t.has(key));
    CHECK(t.render(key).find("[") == std::string::npos);  // rendered, not the bracketed id
  }

  // The DM report: the sentence, and not the English the platform gave.
  w.say("", "zhoulan", "通知 幸福里社区 明天停水，收到请回复");
  w.say("", "zhoulan", "确认");
  w.notices.mark_sent(1, "xfl-1-group", "a");
  w.notices.mark_dead(1, "xfl-2-group", 0, delivery_end::gave_up);
  w.say("", "zhoulan", "通知 1 进度");
  const auto report = only<SendMessage>(w.last).at(0).text;
  CHECK(report.find("幸福里第二网格居民群——多次重试后仍未发出") != std::string::npos);
}
