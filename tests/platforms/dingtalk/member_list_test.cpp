// A DingTalk scene group's member list against the fake DingTalk on 127.0.0.1: the request as the
// official TOP SDKs write it (open_conversation_id, cursor as a string, size), every page followed
// by next_cursor, names from staff_id_nick_map (a JSON string here, an object elsewhere), and the
// refusals: a token refused once is fetched again, 4000003 (not a scene group) is permanent, 5xx is
// a retry.
#include <doctest/doctest.h>

#include "bot/platforms/dingtalk/member_list.hpp"
#include "tests/net/run.hpp"
#include "tests/support/fake_dingtalk/fake_dingtalk.hpp"

namespace asio = boost::asio;
namespace fake = gridbot::testing::fake_dingtalk;
using namespace gridbot;
using namespace gridbot::dingtalk;
using platforms::RosterFetch;

namespace {

const std::string members_api = "topapi/im/chat/scenegroup/member/get";

struct RosterRig {
  fake::FakeDingtalk dingtalk;
  asio::io_context io;
  net::HttpClient http{io};
  ManualClock clock{Time(Seconds(1'794'967'200))};
  AccountConfig account;
  std::unique_ptr<TokenCache> tokens;
  std::unique_ptr<MemberList> list;

  RosterRig() {
    account.name = "main";
    account.client_id = account.robot_code = dingtalk.settings().client_id;
    account.client_secret = dingtalk.settings().client_secret;
    account.api_base_url = account.oapi_base_url = dingtalk.base_url();
    account.scene_group_rosters = true;
    tokens = std::make_unique<TokenCache>(io, http, account, clock);
    list = std::make_unique<MemberList>(account, http, *tokens);
  }

  RosterFetch fetch(std::string chat) { return gridbot::testing::run(io, list->fetch(std::move(chat))); }
};

std::vector<fake::SceneGroupMember> three() { return {{"wangfang", "王芳"}, {"s1", "王小明"}, {"s2", "李四"}}; }

}  // namespace

TEST_CASE("every page by next_cursor, names from staff_id_nick_map, the token in the query") {
  RosterRig r;
  r.dingtalk.set_scene_group("cidGROUP==", three(), 2);
  RosterFetch got = r.fetch("cidGROUP==");
  REQUIRE(got.kind == RosterFetch::Kind::ok);
  REQUIRE(got.members.size() == 3);
  CHECK(got.members[1].user_id == "s1");
  CHECK(got.members[1].name == "王小明");
  auto calls = r.dingtalk.records().calls_to(members_api);
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].json.at("open_conversation_id") == "cidGROUP==");
  CHECK(calls[0].json.at("cursor") == "0");
  CHECK(calls[0].json.at("size") == 100);
  CHECK(calls[1].json.at("cursor") == "2");
  CHECK(calls[0].query.at("access_token").starts_with("fake-token-"));
}

TEST_CASE("a refused token is fetched again once; not a scene group is permanent; 5xx is a retry") {
  RosterRig r;
  r.dingtalk.set_scene_group("cidGROUP==", three(), 5);
  CHECK(r.fetch("cidGROUP==").kind == RosterFetch::Kind::ok);
  r.dingtalk.expire_all_tokens();
  RosterFetch again = r.fetch("cidGROUP==");
  CHECK(again.kind == RosterFetch::Kind::ok);
  CHECK(r.dingtalk.records().calls_to("v1.0/oauth2/accessToken").size() == 2);

  RosterFetch ordinary = r.fetch("cidORDINARY==");
  CHECK(ordinary.kind == RosterFetch::Kind::permanent);
  CHECK(ordinary.error.find("4000003") != std::string::npos);

  r.dingtalk.fail_next(members_api, 1, {502, "bad gateway"});
  CHECK(r.fetch("cidGROUP==").kind == RosterFetch::Kind::retry);
}

TEST_CASE("staff_id_nick_map as an object reads the same; errcode -1 is a retry") {
  auto page = read_scene_group_page(
      200, R"({"errcode":0,"errmsg":"ok","success":true,"result":{"member_user_ids":["u1","u2"],"has_more":false,"staff_id_nick_map":{"u1":"王芳"}}})");
  auto* p = std::get_if<platforms::MemberPage>(&page);
  REQUIRE(p);
  REQUIRE(p->members.size() == 2);
  CHECK(p->members[0].name == "王芳");
  CHECK(p->members[1].name.empty());
  auto busy = read_scene_group_page(200, R"({"errcode":-1,"errmsg":"系统繁忙"})");
  REQUIRE(std::holds_alternative<platforms::SendResult>(busy));
  CHECK(std::get<platforms::SendResult>(busy).kind == platforms::SendResult::Kind::retry);
}
