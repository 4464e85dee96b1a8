// WeCom group member lists against the fake WeCom API: a customer group (客户群) by
// externalcontact/groupchat/get with need_name, members and external contacts by their group
// nickname or name; an app-created chat by appchat/get, user ids only; a stale token fetched again
// once; a group that is not a customer group is permanent; and the account setting that says which
// group uses which call, every mistake named by file and key.
#include <doctest/doctest.h>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/config.hpp"
#include "bot/platforms/wecom/member_list.hpp"
#include "tests/net/run.hpp"
#include "tests/platforms/wecom/fake_wecom_api.hpp"

namespace {

using namespace gridbot;
using gridbot::testing::FakeWecomApi;
using gridbot::testing::run;
using platforms::RosterFetch;
using nlohmann::json;

struct Rig {
  FakeWecomApi fake;
  boost::asio::io_context io;
  net::HttpClient http{io};
  ManualClock clock{Time(Seconds(1'700'000'000))};
  wecom::TokenCache tokens{http, clock, fake.base_url(), FakeWecomApi::kCorpId, FakeWecomApi::kSecret};
  wecom::MemberList list{http, fake.base_url(), tokens};

  RosterFetch fetch(wecom::RosterSource source) { return run(io, list.fetch(std::move(source))); }
};

json customer_members() {
  return json::array({{{"userid", "wangfang"}, {"type", 1}, {"join_time", 1}, {"join_scene", 1}, {"group_nickname", "网格员王芳"}, {"name", "王芳"}},
                      {{"userid", "wmEXTERNAL1"}, {"type", 2}, {"unionid", "ozUNION"}, {"group_nickname", ""}, {"name", "王小明"}},
                      {{"userid", "wmEXTERNAL2"}, {"type", 2}, {"group_nickname", "3号楼李阿姨"}, {"name", "李"}}});
}

}  // namespace

TEST_CASE("a customer group: every member with the name the group shows; the request asks for names") {
  Rig r;
  r.fake.customer_group("wrCUSTOMER", customer_members());
  RosterFetch got = r.fetch({wecom::RosterSource::Kind::customer_group, "wrCUSTOMER"});
  REQUIRE(got.kind == RosterFetch::Kind::ok);
  REQUIRE(got.members.size() == 3);
  CHECK(got.members[0].name == "网格员王芳");
  CHECK(got.members[1].user_id == "wmEXTERNAL1");
  CHECK(got.members[1].name == "王小明");
  CHECK(got.members[2].name == "3号楼李阿姨");
  const auto calls = r.fake.calls_to("/cgi-bin/externalcontact/groupchat/get");
  REQUIRE(calls.size() == 1);
  CHECK(json::parse(calls[0].body) == json{{"chat_id", "wrCUSTOMER"}, {"need_name", 1}});
}

TEST_CASE("an app chat: its userlist; a stale token is fetched again once; a wrong group is permanent") {
  Rig r;
  r.fake.app_chat("CHAT1", {"wangfang", "liqiang"});
  RosterFetch got = r.fetch({wecom::RosterSource::Kind::app_chat, "CHAT1"});
  REQUIRE(got.kind == RosterFetch::Kind::ok);
  REQUIRE(got.members.size() == 2);
  CHECK(got.members[1].user_id == "liqiang");
  CHECK(got.members[1].name.empty());
  CHECK(r.fake.calls_to("/cgi-bin/appchat/get").at(0).query.at("chatid") == "CHAT1");

  r.fake.expire_token();
  CHECK(r.fetch({wecom::RosterSource::Kind::app_chat, "CHAT1"}).kind == RosterFetch::Kind::ok);
  CHECK(r.fake.gettoken_calls() == 2);

  RosterFetch outside = r.fetch({wecom::RosterSource::Kind::customer_group, "wrNOTCUSTOMER"});
  CHECK(outside.kind == RosterFetch::Kind::permanent);
  CHECK(outside.error.find("90501") != std::string::npos);
}

TEST_CASE("platforms.wecom rosters: which group uses which call; mistakes named by file and key") {
  json account = {{"name", "main"}, {"corp_id", "ww"}, {"app", {{"agent_id", 1000002}, {"secret", "s"}}},
                  {"rosters", {{"xfl-1-group", {{"customer_group", "wrCUSTOMER"}}}, {"xfl-2-group", {{"app_chat", "CHAT1"}}}}}};
  auto parsed = wecom::parse_accounts(json::array({account}), "gridbot.json");
  REQUIRE(parsed[0].rosters.size() == 2);
  CHECK(parsed[0].rosters.at("xfl-1-group").kind == wecom::RosterSource::Kind::customer_group);
  CHECK(parsed[0].rosters.at("xfl-2-group").chat_id == "CHAT1");

  auto error_of = [](const json& a) -> std::string {
    try {
      wecom::parse_accounts(json::array({a}), "gridbot.json");
    } catch (const ConfigError& e) {
      return e.what();
    }
    return {};
  };
  json wrong = account;
  wrong["rosters"]["xfl-1-group"] = {{"group", "wr"}};
  CHECK(error_of(wrong).find("gridbot.json: platforms.wecom[0].rosters.xfl-1-group") != std::string::npos);
  json no_app = {{"name", "main"}, {"webhook_keys", {{"g", "k"}}}, {"rosters", {{"g", {{"app_chat", "C"}}}}}};
  CHECK(error_of(no_app).find("rosters: needs an app") != std::string::npos);
}
