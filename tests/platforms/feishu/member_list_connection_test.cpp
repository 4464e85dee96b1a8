// A Feishu group's member list against the fake Feishu on 127.0.0.1: every page followed with the
// request the official SDK's typed client sends (GET im/v1/chats/:chat_id/members with
// member_id_type, page_size, page_token), names kept, and Feishu's refusals classified as the
// senders classify them: a token refused once is fetched again, 5xx and 429 are retries (with
// x-ogw-ratelimit-reset), a bot not in the chat is permanent.
#include <doctest/doctest.h>

#include "bot/platforms/feishu/member_list.hpp"
#include "tests/net/run.hpp"
#include "tests/support/fake_feishu/fake_feishu.hpp"

namespace asio = boost::asio;
namespace fake = gridbot::testing::fake_feishu;
using namespace gridbot;
using namespace gridbot::feishu;
using platforms::RosterFetch;

namespace {

struct RosterRig {
  fake::FakeFeishu feishu;
  asio::io_context io;
  net::HttpClient http{io};
  ManualClock clock{Time(Seconds(1'794'967'200))};
  AccountConfig account;
  std::unique_ptr<TokenCache> tokens;
  std::unique_ptr<MemberList> list;

  explicit RosterRig(std::string member_id_type = "open_id") {
    account.name = "main";
    account.app_id = feishu.settings().app_id;
    account.app_secret = feishu.settings().app_secret;
    account.api_base_url = feishu.base_url();
    account.roster_member_id_type = std::move(member_id_type);
    tokens = std::make_unique<TokenCache>(io, http, account, clock);
    list = std::make_unique<MemberList>(account, http, *tokens, clock);
  }

  RosterFetch fetch(std::string chat) { return gridbot::testing::run(io, list->fetch(std::move(chat))); }
};

std::vector<fake::ChatMember> five() {
  return {{"ou_1", "u1", "王芳"}, {"ou_2", "u2", "李强"}, {"ou_3", "u3", "张大妈"}, {"ou_4", "u4", "赵师傅"},
          {"ou_5", "u5", "刘阿姨"}};
}

}  // namespace

TEST_CASE("every page is followed, with member_id_type, page_size 100 and the page_token Feishu gave") {
  RosterRig r;
  r.feishu.set_chat_members("oc_a", five(), 2);
  RosterFetch got = r.fetch("oc_a");
  REQUIRE(got.kind == RosterFetch::Kind::ok);
  REQUIRE(got.members.size() == 5);
  CHECK(got.members[0].user_id == "ou_1");
  CHECK(got.members[0].name == "王芳");
  CHECK(got.members[4].user_id == "ou_5");
  auto calls = r.feishu.records().calls_to("im/v1/chats/members");
  REQUIRE(calls.size() == 3);
  CHECK(calls[0].replied_to == "oc_a");
  CHECK(calls[0].query.at("member_id_type") == "open_id");
  CHECK(calls[0].query.at("page_size") == "100");
  CHECK_FALSE(calls[0].query.contains("page_token"));
  CHECK(calls[1].query.at("page_token") == "2");
  CHECK(calls[2].query.at("page_token") == "4");
  CHECK(calls[0].token.starts_with("t-fake-"));
}

TEST_CASE("user_id lists for apps whose events carry user_id") {
  RosterRig r("user_id");
  r.feishu.set_chat_members("oc_a", five(), 10);
  RosterFetch got = r.fetch("oc_a");
  REQUIRE(got.kind == RosterFetch::Kind::ok);
  CHECK(got.members[1].user_id == "u2");
  CHECK(r.feishu.records().calls_to("im/v1/chats/members")[0].query.at("member_id_type") == "user_id");
}

TEST_CASE("a token refused mid-way is fetched again once and the page asked again") {
  RosterRig r;
  r.feishu.set_chat_members("oc_a", five(), 2);
  r.feishu.fail_next("im/v1/chats/members", 1,
                     {400, R"({"code":99991663,"msg":"Invalid access token for authorization."})", {}});
  RosterFetch got = r.fetch("oc_a");
  REQUIRE(got.kind == RosterFetch::Kind::ok);
  CHECK(got.members.size() == 5);
  CHECK(r.feishu.records().calls_to("auth/v3/tenant_access_token/internal").size() == 2);
  CHECK(r.feishu.records().calls_to("im/v1/chats/members").size() == 4);
}

TEST_CASE("5xx and 429 are retries (with Feishu's reset), a bot not in the chat is permanent") {
  RosterRig r;
  r.feishu.set_chat_members("oc_a", five(), 2);
  r.feishu.fail_next("im/v1/chats/members", 1, {502, "<html>bad gateway</html>", {}});
  RosterFetch gateway = r.fetch("oc_a");
  CHECK(gateway.kind == RosterFetch::Kind::retry);
  CHECK(gateway.members.empty());

  r.feishu.fail_next("im/v1/chats/members", 1, fake::rate_limited(7));
  RosterFetch limited = r.fetch("oc_a");
  CHECK(limited.kind == RosterFetch::Kind::retry);
  CHECK(limited.retry_after == Seconds(7));

  RosterFetch outside = r.fetch("oc_unknown");
  CHECK(outside.kind == RosterFetch::Kind::permanent);
  CHECK(outside.error.find("230002") != std::string::npos);
}

TEST_CASE("a page's answer: items with member_id and name; has_more and page_token") {
  const Time now{Seconds(1'794'967'200)};
  auto page = read_members_page(
      200, R"({"code":0,"msg":"success","data":{"items":[{"member_id_type":"open_id","member_id":"ou_1","name":"王芳","tenant_key":"t"},{"member_id":""},7],"page_token":"x","has_more":true,"member_total":9}})",
      std::nullopt, now);
  auto* p = std::get_if<platforms::MemberPage>(&page);
  REQUIRE(p);
  REQUIRE(p->members.size() == 1);
  CHECK(p->members[0].name == "王芳");
  CHECK(p->has_more);
  CHECK(p->next == "x");
  CHECK(members_path("oc_a b", "open_id", "") == "/open-apis/im/v1/chats/oc_a%20b/members?member_id_type=open_id&page_size=100");
}
