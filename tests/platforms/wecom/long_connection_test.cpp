// The AI bot's long connection against the fake WeCom on 127.0.0.1: subscribe, a message taken in
// before anything answers it, answers awaited by req_id, liveness, reconnects without a message
// handled twice, and disconnected_event obeyed.
#include <doctest/doctest.h>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/platforms/wecom/long_connection.hpp"
#include "bot/platforms/wecom/outgoing.hpp"
#include "storage/organization_repository.hpp"
#include "tests/platforms/wecom/wecom_rig.hpp"
#include "tests/support/fake_wecom/callbacks.hpp"
#include "tests/support/fake_wecom/fake_wecom.hpp"

namespace gridbot::wecom {
namespace {

namespace asio = boost::asio;
namespace fake = gridbot::testing::fake_wecom;
using namespace std::chrono_literals;

// Short intervals so the whole life of a connection fits in a second or two of real time.
LongConnectionTiming quick() {
  LongConnectionTiming t;
  t.heartbeat = 100ms;
  t.backoff_first = 50ms;
  t.backoff_cap = 200ms;
  t.kicked_cooldown = 60s;
  t.answer_timeout = 500ms;
  return t;
}

struct Session {
  fake::FakeWecom wecom;
  testing::Rig rig;
  AccountConfig account = [this] {
    AccountConfig a = testing::main_account(AibotSettings::Mode::websocket);
    a.aibot->bot_id = wecom.settings().bot_id;
    a.aibot->secret = wecom.settings().bot_secret;
    a.ws_url = wecom.ws_url();
    return a;
  }();
  asio::io_context io;
  MessageIntake intake{rig.pipeline, rig.orgs, rig.clock, templates::Catalog::builtin(), platforms::TextCap{8192, "…"}};
  LongConnection connection{io, account, intake, quick()};

  // Started, and subscribed on the fake.
  void subscribe() {
    connection.start();
    REQUIRE(run_until([&] { return connection.subscribed(); }));
  }
  // Stopped, its socket closed, before the fake and the loop go away.
  ~Session() {
    connection.stop();
    run_until([] { return false; }, 100ms);
  }

  // Runs the event loop until `done` holds (checked every 10 ms) or `limit` passes.
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 5s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io.run_for(10ms);
    }
    return true;
  }
  // Runs `work` on the loop and returns its result.
  platforms::SendResult call(std::function<asio::awaitable<platforms::SendResult>()> work) {
    std::optional<platforms::SendResult> out;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> { out = co_await work(); }, asio::detached);
    REQUIRE(run_until([&] { return out.has_value(); }));
    return *out;
  }
  std::string push_report(const std::string& msgid) {
    fake::AibotText m;
    m.msgid = msgid;
    m.aibotid = wecom.settings().bot_id;
    m.chatid = "wrCHAT";
    m.from = "zhangwei";
    m.text = "3号楼2单元下水道堵了，污水漫到楼道里";
    return wecom.push_msg_callback(fake::aibot_text_message(m));
  }
};

TEST_CASE("subscribes with the bot's id and secret; a message is in the inbox before its first answer") {
  Session s;
  s.subscribe();
  auto subscribe = s.wecom.wait_for_frames("aibot_subscribe", 1);
  REQUIRE(subscribe.size() == 1);
  CHECK(subscribe[0].frame["body"]["bot_id"] == s.wecom.settings().bot_id);

  const std::string req_id = s.push_report("MSG1");
  REQUIRE_FALSE(req_id.empty());
  REQUIRE(s.run_until([&] { return s.rig.inbox_rows() == 1; }));
  CHECK(s.wecom.records().frames_of("aibot_respond_msg").empty());  // the outbox answers, after the commit

  // What the sender does with the receipt: the first answer on the message's req_id.
  auto body = aibot_markdown_body("已收到，工单 #1001").value();
  auto sent = s.call([&] { return s.connection.respond(req_id, body); });
  CHECK(sent.kind == platforms::SendResult::Kind::ok);
  auto responds = s.wecom.wait_for_frames("aibot_respond_msg", 1);
  REQUIRE(responds.size() == 1);
  CHECK(responds[0].req_id == req_id);
  CHECK(responds[0].frame["body"]["markdown"]["content"] == "已收到，工单 #1001");

  auto pushed = s.call([&] { return s.connection.send_msg("wrCHAT", body); });
  CHECK(pushed.kind == platforms::SendResult::Kind::ok);
  CHECK(s.wecom.wait_for_frames("aibot_send_msg", 1).size() == 1);
}

TEST_CASE("enter_chat is welcomed, a photo is answered from the templates, neither stored") {
  Session s;
  s.subscribe();
  s.wecom.push_event_callback({{"msgid", "EV1"}, {"create_time", 1794967200}, {"aibotid", s.wecom.settings().bot_id},
                               {"chattype", "single"}, {"from", {{"userid", "zhangwei"}}}, {"msgtype", "event"},
                               {"event", {{"eventtype", "enter_chat"}}}});
  REQUIRE(s.run_until([&] { return !s.wecom.records().frames_of("aibot_respond_welcome_msg").empty(); }));
  CHECK(s.wecom.records().frames_of("aibot_respond_welcome_msg")[0].frame["body"]["text"]["content"] ==
        templates::Catalog::builtin().render("wecom.welcome"));

  s.wecom.push_msg_callback({{"msgid", "IMG1"}, {"aibotid", s.wecom.settings().bot_id}, {"chattype", "single"},
                             {"from", {{"userid", "zhangwei"}}}, {"msgtype", "image"},
                             {"image", {{"url", "https://example.invalid/p.jpg"}}}});
  REQUIRE(s.run_until([&] { return !s.wecom.records().frames_of("aibot_respond_msg").empty(); }));
  auto answer = s.wecom.records().frames_of("aibot_respond_msg")[0].frame["body"];
  CHECK(answer["stream"]["content"] == templates::Catalog::builtin().render("wecom.media_not_read"));
  CHECK(answer["stream"]["finish"] == true);
  CHECK(s.rig.inbox_rows() == 0);
}

TEST_CASE("a dropped connection is dialed again; the message WeCom delivers again is not handled twice") {
  Session s;
  s.subscribe();
  s.push_report("MSG1");
  REQUIRE(s.run_until([&] { return s.rig.inbox_rows() == 1; }));
  const int outbox = s.rig.outbox_rows();
  CHECK(s.wecom.drop_connection());
  REQUIRE(s.run_until([&] { return s.connection.subscriptions() == 2 && s.connection.subscribed(); }));
  s.push_report("MSG1");  // the same message again on the new connection
  s.push_report("MSG2");
  REQUIRE(s.run_until([&] { return s.rig.inbox_rows() == 2; }));
  s.run_until([] { return false; }, 200ms);
  CHECK(s.rig.inbox_rows() == 2);
  CHECK(s.rig.count("SELECT COUNT(*) FROM inbox WHERE delivery_id = 'MSG1'") == 1);
  CHECK(s.rig.outbox_rows() > outbox);  // MSG2 did its work
}

TEST_CASE("two unanswered pings mean a dead connection: closed and dialed again") {
  Session s;
  s.subscribe();
  s.wecom.answer_pings(false);
  REQUIRE(s.run_until([&] { return s.connection.subscriptions() >= 2; }, 3s));
  CHECK(s.wecom.records().frames_of("ping").size() >= 2);
}

TEST_CASE("disconnected_event stops the connection for the cooldown; answers meanwhile are retries") {
  Session s;
  s.subscribe();
  CHECK(s.wecom.send_disconnected_event());
  REQUIRE(s.run_until([&] { return s.connection.kicked(); }));
  s.run_until([] { return false; }, 500ms);  // several backoffs' worth: no new subscribe
  CHECK(s.wecom.records().subscriptions == 1);
  CHECK_FALSE(s.connection.subscribed());
  auto r = s.call([&] { return s.connection.respond("REQ-X", aibot_markdown_body("x").value()); });
  CHECK(r.kind == platforms::SendResult::Kind::retry);
}

TEST_CASE("a refused subscribe is not retried in a hot loop") {
  Session s;
  s.account.aibot->secret = "wrong";
  s.connection.start();
  s.run_until([] { return false; }, 500ms);
  const int attempts = static_cast<int>(s.wecom.records().frames_of("aibot_subscribe").size());
  CHECK(attempts >= 1);
  CHECK(attempts <= 6);  // 50, 100, 200, 200 ms backoffs with jitter: a handful, not hundreds
  CHECK_FALSE(s.connection.subscribed());
}

}  // namespace
}  // namespace gridbot::wecom
