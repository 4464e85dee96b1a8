// WecomSender against the fake WeCom API and a recording long connection: which call each row
// takes, how WeCom's answers become SendResults, and the quotas and limits named for each route.
#include <doctest/doctest.h>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/platforms/wecom/sender.hpp"
#include "tests/net/run.hpp"
#include "tests/platforms/wecom/fake_wecom_api.hpp"

namespace {

using namespace gridbot;
using gridbot::testing::FakeWecomApi;
using gridbot::testing::run;
using Kind = platforms::SendResult::Kind;

// What the AI bot's long connection was asked to send.
class RecordingSink final : public wecom::LongConnectionSink {
 public:
  boost::asio::awaitable<platforms::SendResult> respond(std::string req_id, nlohmann::json body) override {
    responded.emplace_back(std::move(req_id), std::move(body));
    co_return next_respond;
  }
  boost::asio::awaitable<platforms::SendResult> send_msg(std::string chat_id, nlohmann::json body) override {
    pushed.emplace_back(std::move(chat_id), std::move(body));
    co_return platforms::SendResult::ok("");
  }
  platforms::SendResult next_respond = platforms::SendResult::ok("");
  std::vector<std::pair<std::string, nlohmann::json>> responded, pushed;
};

struct SenderRig {
  explicit SenderRig(bool long_connection = false) {
    account.name = "main";
    account.corp_id = FakeWecomApi::kCorpId;
    account.api_base_url = fake.base_url();
    account.app = wecom::AppSettings{1000002, FakeWecomApi::kSecret, "", ""};
    account.webhook_keys = {{"grid-3", "HOOK-KEY-3"}};
    if (long_connection) {
      account.aibot = wecom::AibotSettings{};
      account.aibot->mode = wecom::AibotSettings::Mode::websocket;
    }
    sender = std::make_unique<wecom::WecomSender>(
        account, http, clock,
        [](const std::string& chat_id) -> std::optional<std::string> {
          if (chat_id == "wrGROUP3") return "grid-3";
          if (chat_id == "wrGROUP4") return "grid-4";  // known, but without a webhook robot
          return std::nullopt;
        },
        long_connection ? &sink : nullptr);
  }
  platforms::SendResult send(const storage::OutboxRow& row) { return run(io, sender->send(row)); }

  FakeWecomApi fake;
  boost::asio::io_context io;
  net::HttpClient http{io};
  ManualClock clock{Time(Seconds(1'700'000'000))};
  RecordingSink sink;
  wecom::AccountConfig account;
  std::unique_ptr<wecom::WecomSender> sender;
};

storage::OutboxRow direct(std::string text = "您的工单 #12 已受理") {
  storage::OutboxRow row;
  row.id = 7;
  row.message.platform = "wecom";
  row.message.account = "main";
  row.message.user_id = "zhangsan";
  row.message.text = std::move(text);
  return row;
}

storage::OutboxRow group(std::string chat_id, std::string reply_to = {}) {
  storage::OutboxRow row = direct("3号楼电梯已报修");
  row.message.user_id.clear();
  row.message.chat_id = std::move(chat_id);
  row.message.reply_to = std::move(reply_to);
  return row;
}

}  // namespace

TEST_CASE("a direct message goes by the app's message/send, raw UTF-8, with the token cached") {
  SenderRig rig;
  auto first = rig.send(direct());
  CHECK(first.kind == Kind::ok);
  CHECK(first.platform_message_id == "MSG-1");
  CHECK(rig.send(direct()).kind == Kind::ok);
  CHECK(rig.fake.gettoken_calls() == 1);
  const auto call = rig.fake.calls_to("/cgi-bin/message/send").at(0);
  CHECK(call.query.at("access_token") == "TOKEN-1");
  CHECK(call.body == R"({"agentid":1000002,"msgtype":"text","text":{"content":"您的工单 #12 已受理"},"touser":"zhangsan"})");
}

TEST_CASE("42001: token_expired, and the refresh fetches one new token") {
  SenderRig rig;
  CHECK(rig.send(direct()).kind == Kind::ok);
  rig.fake.expire_token();
  const auto expired = rig.send(direct());
  CHECK(expired.kind == Kind::token_expired);
  CHECK(expired.errcode == 42001);
  run(rig.io, rig.sender->refresh_credentials());
  CHECK(rig.send(direct()).kind == Kind::ok);
  CHECK(rig.fake.gettoken_calls() == 2);
  CHECK(rig.fake.calls_to("/cgi-bin/message/send").back().query.at("access_token") == "TOKEN-2");
}

TEST_CASE("ten concurrent sends share one gettoken") {
  SenderRig rig;
  rig.fake.delay_gettoken(std::chrono::milliseconds(100));
  int sent = 0;
  for (int i = 0; i < 10; ++i)
    boost::asio::co_spawn(
        rig.io,
        [&]() -> boost::asio::awaitable<void> {
          const auto row = direct();
          auto result = co_await rig.sender->send(row);
          if (result.kind == Kind::ok) ++sent;
        },
        boost::asio::detached);
  rig.io.run();
  CHECK(sent == 10);
  CHECK(rig.fake.gettoken_calls() == 1);
}

TEST_CASE("WeCom's answers: 45009 rate_limited for its block, -1 retry, 48002 permanent with advice") {
  SenderRig rig;
  rig.fake.answer_sends({45009, -1, 48002});
  const auto limited = rig.send(direct());
  CHECK(limited.kind == Kind::rate_limited);
  CHECK(limited.until == rig.clock.now() + Seconds(60));
  CHECK(rig.send(direct()).kind == Kind::retry);
  const auto forbidden = rig.send(direct());
  CHECK(forbidden.kind == Kind::permanent);
  CHECK(forbidden.errcode == 48002);
  CHECK(forbidden.error.find("admin console") != std::string::npos);
}

TEST_CASE("a group with a webhook robot: webhook/send with mentioned_list; markdown with mentions goes as text") {
  SenderRig rig;
  auto row = group("wrGROUP3");
  row.message.format = Format::markdown;
  row.message.mentions = {"zhangsan", "lisi"};
  CHECK(rig.send(row).kind == Kind::ok);
  const auto call = rig.fake.calls_to("/cgi-bin/webhook/send").at(0);
  CHECK(call.query.at("key") == "HOOK-KEY-3");
  CHECK(call.body == R"({"msgtype":"text","text":{"content":"3号楼电梯已报修","mentioned_list":["zhangsan","lisi"]}})");
  CHECK(rig.sender->text_limit(row) == 2048);
  row.message.mentions.clear();
  CHECK(rig.sender->text_limit(row) == 4096);

  const auto quotas = rig.sender->quotas(row);
  REQUIRE(quotas.size() == 1);
  CHECK(quotas[0].bucket.starts_with("wecom/main/webhook/"));
  CHECK(quotas[0].bucket.find("HOOK-KEY-3") == std::string::npos);  // a key is a credential
  CHECK(quotas[0].capacity == 20);
  CHECK(quotas[0].period == Seconds(60));
}

TEST_CASE("response_url: used once; refused, the reply falls back to the group's webhook robot") {
  SenderRig rig;
  const std::string url = rig.fake.base_url() + "/cgi-bin/aibot/response?response_code=RC1";
  CHECK(rig.send(group("wrGROUP3", url)).kind == Kind::ok);
  CHECK(rig.fake.calls_to("/cgi-bin/aibot/response").at(0).body ==
        R"({"markdown":{"content":"3号楼电梯已报修"},"msgtype":"markdown"})");
  CHECK(rig.fake.calls_to("/cgi-bin/webhook/send").empty());

  CHECK(rig.send(group("wrGROUP3", url)).kind == Kind::ok);  // the code is spent: proactive
  CHECK(rig.fake.calls_to("/cgi-bin/aibot/response").size() == 2);
  CHECK(rig.fake.calls_to("/cgi-bin/webhook/send").size() == 1);

  const auto stuck = rig.send(group("wrGROUP4", url));  // spent, and no proactive way
  CHECK(stuck.kind == Kind::permanent);
  CHECK(stuck.errcode == FakeWecomApi::kUsedResponseUrl);
}

TEST_CASE("long connection: a req_id is answered on it, a proactive group message is aibot_send_msg") {
  SenderRig rig(true);
  CHECK(rig.send(group("wrGROUP9", "REQ-CB-1")).kind == Kind::ok);
  REQUIRE(rig.sink.responded.size() == 1);
  CHECK(rig.sink.responded[0].first == "REQ-CB-1");
  CHECK(rig.sink.responded[0].second["markdown"]["content"] == "3号楼电梯已报修");

  CHECK(rig.send(group("wrGROUP9")).kind == Kind::ok);
  REQUIRE(rig.sink.pushed.size() == 1);
  CHECK(rig.sink.pushed[0].first == "wrGROUP9");
  CHECK(rig.fake.calls_to("/cgi-bin/webhook/send").empty());

  rig.sink.next_respond = platforms::SendResult::permanent("unknown req_id", 40058);
  CHECK(rig.send(group("wrGROUP9", "REQ-OLD")).kind == Kind::ok);  // refused handle: pushed instead
  CHECK(rig.sink.pushed.size() == 2);

  const auto quotas = rig.sender->quotas(group("wrGROUP9"));
  REQUIRE(quotas.size() == 2);
  CHECK(quotas[0].bucket == "wecom/main/aibot/chat:wrGROUP9");
  CHECK(quotas[0].capacity == 30);
  CHECK(quotas[1].capacity == 1000);
  CHECK(quotas[1].period == Seconds(3600));
  CHECK(rig.sender->text_limit(group("wrGROUP9")) == 20480);
}

TEST_CASE("no way to reach the chat: permanent, naming what to configure") {
  SenderRig rig;
  const auto nowhere = rig.send(group("wrGROUP4"));
  CHECK(nowhere.kind == Kind::permanent);
  CHECK(nowhere.error.find("webhook_keys") != std::string::npos);
  CHECK(rig.sender->quotas(group("wrGROUP4")).empty());
  CHECK(rig.fake.calls_to("/cgi-bin/webhook/send").empty());
}

TEST_CASE("a row of another account is refused, not sent from this one") {
  SenderRig rig;
  auto row = direct();
  row.message.account = "other";
  CHECK(rig.send(row).kind == Kind::permanent);
  CHECK(rig.fake.calls_to("/cgi-bin/message/send").empty());
}

TEST_CASE("app message quotas: 30/min and 1000/h per member; text limit 2048 bytes") {
  SenderRig rig;
  const auto quotas = rig.sender->quotas(direct());
  REQUIRE(quotas.size() == 2);
  CHECK(quotas[0].bucket == "wecom/main/app/user:zhangsan");
  CHECK(quotas[0].capacity == 30);
  CHECK(quotas[0].period == Seconds(60));
  CHECK(quotas[1].capacity == 1000);
  CHECK(rig.sender->text_limit(direct()) == 2048);
}
