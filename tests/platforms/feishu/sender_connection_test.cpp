// The Feishu sender against the fake Feishu on 127.0.0.1: which API each row goes to, with which
// receive_id_type, uuid and mention, what its buckets are, and how Feishu's refusals come back to
// the outbox (a token refused in an HTTP 400 body, 429 with x-ogw-ratelimit-reset), with one
// token fetch however many rows need one.
#include <doctest/doctest.h>

#include "bot/awaitable.hpp"  // before Asio's own headers: it fixes Boost 1.74's includes
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/platforms/feishu/outgoing.hpp"
#include "bot/platforms/feishu/sender.hpp"
#include "tests/support/fake_feishu/fake_feishu.hpp"

namespace asio = boost::asio;
namespace fake = gridbot::testing::fake_feishu;
using namespace gridbot;
using namespace gridbot::feishu;
using platforms::SendResult;

namespace {

constexpr std::int64_t wednesday_10am = 1'794'967'200;

struct Rig {
  fake::FakeFeishu feishu;
  asio::io_context io;
  net::HttpClient http{io};
  ManualClock clock{Time(Seconds(wednesday_10am))};
  AccountConfig account;
  std::unique_ptr<Sender> sender;

  Rig() {
    account.name = "main";
    account.app_id = feishu.settings().app_id;
    account.app_secret = feishu.settings().app_secret;
    account.api_base_url = feishu.base_url();
    sender = std::make_unique<Sender>(io, account, http, clock);
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
  row.message.platform = "feishu";
  row.message.chat_id = std::move(chat);
  row.message.text = std::move(text);
  return row;
}

storage::OutboxRow to_member(std::string user) {
  storage::OutboxRow row = to_group("", "【新工单 #1001】");
  row.id = 8;
  row.message.user_id = std::move(user);
  return row;
}

}  // namespace

TEST_CASE("groups by chat_id, members by user_id or open_id, answers by reply; uuid is the outbox id; one token") {
  Rig r;
  SendResult group = r.send(to_group("oc_a"));
  CHECK(group.kind == SendResult::Kind::ok);
  CHECK(group.platform_message_id.starts_with("om_fake"));
  CHECK(r.send(to_member("wangfang")).kind == SendResult::Kind::ok);
  CHECK(r.send(to_member("ou_abc")).kind == SendResult::Kind::ok);
  storage::OutboxRow answer = to_group("oc_a", "已收到");
  answer.id = 9;
  answer.message.reply_to = "om_report1";
  answer.message.mentions = {"zhangwei"};
  CHECK(r.send(answer).kind == SendResult::Kind::ok);

  auto records = r.feishu.records();
  auto sends = records.calls_to("im/v1/messages");
  REQUIRE(sends.size() == 3);
  CHECK(sends[0].query.at("receive_id_type") == "chat_id");
  CHECK(sends[0].json["receive_id"] == "oc_a");
  CHECK(sends[0].json["uuid"] == "7");
  CHECK(sends[1].query.at("receive_id_type") == "user_id");
  CHECK(sends[2].query.at("receive_id_type") == "open_id");
  CHECK(sends[0].token.starts_with("t-fake-"));
  auto replies = records.calls_to("im/v1/messages/reply");
  REQUIRE(replies.size() == 1);
  CHECK(replies[0].replied_to == "om_report1");
  CHECK(replies[0].json["uuid"] == "9");
  CHECK(replies[0].text.find("<at user_id=\"zhangwei\">") != std::string::npos);
  CHECK(records.calls_to("auth/v3/tenant_access_token/internal").size() == 1);
}

TEST_CASE("a resend of the same row after a crash is the same message: Feishu dedupes it by uuid") {
  Rig r;
  SendResult first = r.send(to_group("oc_a"));
  SendResult again = r.send(to_group("oc_a"));
  CHECK(again.platform_message_id == first.platform_message_id);
  CHECK(r.feishu.records().delivered().size() == 1);
}

TEST_CASE("a token refused in an HTTP 400 body: token_expired, dropped, and the refresh fetches one new one") {
  Rig r;
  CHECK(r.send(to_group("oc_a")).kind == SendResult::Kind::ok);
  r.feishu.expire_all_tokens();
  SendResult refused = r.send(to_group("oc_b"));
  CHECK(refused.kind == SendResult::Kind::token_expired);
  CHECK(refused.errcode == 99991663);
  r.run([&]() -> asio::awaitable<int> {
    co_await r.sender->refresh_credentials();
    co_return 0;
  }());
  CHECK(r.send(to_group("oc_b")).kind == SendResult::Kind::ok);
  CHECK(r.feishu.records().calls_to("auth/v3/tenant_access_token/internal").size() == 2);
}

TEST_CASE("the token is kept until three minutes before `expire`, then fetched again") {
  Rig r;
  CHECK(r.send(to_group("oc_a")).kind == SendResult::Kind::ok);
  r.clock.advance(Seconds(7200 - 181));
  CHECK(r.send(to_group("oc_a")).kind == SendResult::Kind::ok);
  CHECK(r.sender->tokens().fetches() == 1);
  r.clock.advance(Seconds(2));
  CHECK(r.send(to_group("oc_a")).kind == SendResult::Kind::ok);
  CHECK(r.sender->tokens().fetches() == 2);
}

TEST_CASE("429 with x-ogw-ratelimit-reset: the bucket is blocked until then, without losing an attempt") {
  Rig r;
  r.feishu.fail_next("im/v1/messages", 1, fake::rate_limited(42));
  SendResult limited = r.send(to_group("oc_a"));
  CHECK(limited.kind == SendResult::Kind::rate_limited);
  CHECK(limited.errcode == 99991400);
  CHECK(limited.until == r.clock.now() + Seconds(42));
}

TEST_CASE("buckets: 5 a second per group (shared by every app) and per member (per app)") {
  Rig r;
  auto group = r.sender->quotas(to_group("oc_a"));
  REQUIRE(group.size() == 1);
  CHECK(group[0].bucket == "feishu/chat:oc_a");
  CHECK(group[0].capacity == 5);
  CHECK(group[0].period == Seconds(1));
  CHECK(r.sender->quotas(to_member("wangfang"))[0].bucket == "feishu/main/user:wangfang");
  CHECK(r.sender->text_limit(to_group("oc_a")) == kTextLimitBytes);
}

TEST_CASE("a text that cannot be written for Feishu is a dead letter, not sent") {
  Rig r;
  SendResult bad = r.send(to_group("oc_a", std::string("\xff\xfe")));
  CHECK(bad.kind == SendResult::Kind::permanent);
  CHECK(r.feishu.records().calls_to("im/v1/messages").empty());
}
