// The DingTalk sender against the fake DingTalk on 127.0.0.1: which way each row goes, what its
// bucket is, and how DingTalk's refusals come back to the outbox (token refused, 130101, a bad
// webhook signature), with one token fetch however many rows need one.
#include <doctest/doctest.h>

#include "bot/awaitable.hpp"  // before Asio's own headers: it fixes Boost 1.74's includes
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/platforms/dingtalk/incoming.hpp"
#include "bot/platforms/dingtalk/outgoing.hpp"
#include "bot/platforms/dingtalk/sender.hpp"
#include "tests/support/fake_dingtalk/fake_dingtalk.hpp"

namespace asio = boost::asio;
namespace fake = gridbot::testing::fake_dingtalk;
using namespace gridbot;
using namespace gridbot::dingtalk;
using platforms::SendResult;

namespace {

constexpr std::int64_t wednesday_10am = 1'794'967'200;

struct Rig {
  fake::FakeDingtalk dingtalk;
  asio::io_context io;
  net::HttpClient http{io};
  ManualClock clock{Time(Seconds(wednesday_10am))};
  AccountConfig account;
  std::unique_ptr<Sender> sender;

  explicit Rig(std::string webhook_secret = {}) {
    account.name = "main";
    account.client_id = account.robot_code = dingtalk.settings().client_id;
    account.client_secret = dingtalk.settings().client_secret;
    account.api_base_url = account.oapi_base_url = dingtalk.base_url();
    account.webhooks["hook-group"] = {dingtalk.settings().webhook_token,
                                      webhook_secret.empty() ? dingtalk.settings().webhook_secret : webhook_secret};
    sender = std::make_unique<Sender>(io, account, http, clock, templates::Catalog::builtin(),
                                      [](const std::string& chat) -> std::optional<std::string> {
                                        if (chat == "cidHOOK") return "hook-group";
                                        return std::nullopt;
                                      });
  }

  // Runs `work` on the loop to its end.
  template <class T>
  T run(asio::awaitable<T> work) {
    std::optional<T> out;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> { out.emplace(co_await std::move(work)); }, asio::detached);
    io.restart();
    io.run();
    REQUIRE(out.has_value());
    return std::move(*out);
  }
  SendResult send(const storage::OutboxRow& row) { return run(sender->send(row)); }
};

storage::OutboxRow to_group(std::string chat, std::string text = "工单 #1001 已受理") {
  storage::OutboxRow row;
  row.id = 7;
  row.message.platform = "dingtalk";
  row.message.chat_id = std::move(chat);
  row.message.text = std::move(text);
  return row;
}

storage::OutboxRow to_member(std::string user) {
  storage::OutboxRow row = to_group("", "【新工单 #1001】");
  row.message.user_id = std::move(user);
  return row;
}

}  // namespace

TEST_CASE("groups by robot/groupMessages/send, members by oToMessages/batchSend, on one token") {
  Rig r;
  CHECK(r.send(to_group("cidA")).kind == SendResult::Kind::ok);
  CHECK(r.send(to_member("wangfang")).kind == SendResult::Kind::ok);
  CHECK(r.send(to_group("cidB")).kind == SendResult::Kind::ok);
  auto records = r.dingtalk.records();
  REQUIRE(records.calls_to("v1.0/robot/groupMessages/send").size() == 2);
  auto group = records.calls_to("v1.0/robot/groupMessages/send")[0];
  CHECK(group.json["openConversationId"] == "cidA");
  CHECK(group.json["robotCode"] == r.account.robot_code);
  CHECK(group.token.starts_with("fake-token-"));
  auto member = records.calls_to("v1.0/robot/oToMessages/batchSend").at(0);
  CHECK(member.json["userIds"] == nlohmann::json::array({"wangfang"}));
  CHECK(records.calls_to("v1.0/oauth2/accessToken").size() == 1);
}

TEST_CASE("an answer goes by its message's sessionWebhook while valid, by the robot API after") {
  Rig r;
  storage::OutboxRow row = to_group("cidA");
  const Millis expiry = std::chrono::time_point_cast<std::chrono::milliseconds>(r.clock.now() + Seconds(3600));
  row.message.reply_to = reply_handle({r.dingtalk.new_session_webhook(), expiry});
  row.message.mentions = {"zhangwei"};
  CHECK(r.send(row).kind == SendResult::Kind::ok);
  auto session = r.dingtalk.records().calls_to("robot/sendBySession");
  REQUIRE(session.size() == 1);
  CHECK(session[0].json["at"]["atUserIds"] == nlohmann::json::array({"zhangwei"}));
  CHECK(session[0].token.empty());  // a sessionWebhook needs no token
  CHECK(r.dingtalk.records().calls_to("v1.0/oauth2/accessToken").empty());

  r.clock.advance(Seconds(3600));  // expired: the same row goes proactively
  CHECK(r.send(row).kind == SendResult::Kind::ok);
  CHECK(r.dingtalk.records().calls_to("robot/sendBySession").size() == 1);
  CHECK(r.dingtalk.records().calls_to("v1.0/robot/groupMessages/send").size() == 1);
}

TEST_CASE("a group with a webhook robot: robot/send, signed for every send; a wrong secret is a dead letter with advice") {
  Rig r;
  CHECK(r.send(to_group("cidHOOK")).kind == SendResult::Kind::ok);  // the fake checks the signature
  auto calls = r.dingtalk.records().calls_to("robot/send");
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].query.at("access_token") == r.dingtalk.settings().webhook_token);
  CHECK(calls[0].query.at("timestamp") == std::to_string(wednesday_10am * 1000));
  CHECK(calls[0].errcode == 0);

  Rig wrong("SECnotthesecret");
  SendResult refused = wrong.send(to_group("cidHOOK"));
  CHECK(refused.kind == SendResult::Kind::permanent);
  CHECK(refused.errcode == 310000);
  CHECK(refused.error.find("加签") != std::string::npos);
}

TEST_CASE("buckets: one robot per conversation, 20 a minute; the webhook robot is a robot of its own") {
  Rig r;
  auto group = r.sender->quotas(to_group("cidA"));
  REQUIRE(group.size() == 1);
  CHECK(group[0].bucket == "dingtalk/main/robot/group:cidA");
  CHECK(group[0].capacity == 20);
  CHECK(group[0].period == Seconds(60));
  CHECK(r.sender->quotas(to_member("wangfang"))[0].bucket == "dingtalk/main/robot/user:wangfang");
  CHECK(r.sender->quotas(to_group("cidHOOK"))[0].bucket == "dingtalk/main/webhook/hook-group");
  CHECK(r.sender->text_limit(to_group("cidA")) == kTextLimitBytes);
}

TEST_CASE("130101 blocks that robot for 10 minutes without failing the message") {
  Rig r;
  r.dingtalk.fail_next("robot/send", 1, fake::rate_limited());
  SendResult blocked = r.send(to_group("cidHOOK"));
  CHECK(blocked.kind == SendResult::Kind::rate_limited);
  CHECK(blocked.errcode == 130101);
  CHECK(blocked.until == r.clock.now() + Seconds(600));
  CHECK(r.send(to_group("cidHOOK")).kind == SendResult::Kind::ok);
}

TEST_CASE("a refused token: token_expired for each row sent on it, then one fetch for all their refreshes") {
  Rig r;
  REQUIRE(r.send(to_member("wangfang")).kind == SendResult::Kind::ok);
  r.dingtalk.expire_all_tokens();
  // Three rows at once, as the outbox runs buckets concurrently: all go on the refused token.
  std::vector<storage::OutboxRow> rows{to_member("wangfang"), to_member("liqiang"), to_group("cidA")};
  std::vector<SendResult> results;
  for (const auto& row : rows)
    asio::co_spawn(r.io, [&, row]() -> asio::awaitable<void> { results.push_back(co_await r.sender->send(row)); },
                   asio::detached);
  r.io.restart();
  r.io.run();
  REQUIRE(results.size() == 3);
  for (const auto& result : results) CHECK(result.kind == SendResult::Kind::token_expired);
  for (int i = 0; i < 3; ++i) asio::co_spawn(r.io, r.sender->refresh_credentials(), asio::detached);
  r.io.restart();
  r.io.run();
  CHECK(r.sender->tokens().fetches() == 2);
  CHECK(r.send(to_member("wangfang")).kind == SendResult::Kind::ok);
  CHECK(r.dingtalk.records().calls_to("v1.0/oauth2/accessToken").size() == 2);
}

TEST_CASE("the token is fetched again 5 minutes before expireIn runs out, not after") {
  Rig r;
  REQUIRE(r.send(to_member("wangfang")).kind == SendResult::Kind::ok);
  r.clock.advance(Seconds(7200 - 301));
  REQUIRE(r.send(to_member("wangfang")).kind == SendResult::Kind::ok);
  CHECK(r.sender->tokens().fetches() == 1);
  r.clock.advance(Seconds(2));
  REQUIRE(r.send(to_member("wangfang")).kind == SendResult::Kind::ok);
  CHECK(r.sender->tokens().fetches() == 2);
}
