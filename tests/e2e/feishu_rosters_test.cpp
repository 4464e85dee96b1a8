// Issue 13's last gap over Feishu, through the binary with --test-clock against the fake Feishu:
// a notice asking for 收到 in a Feishu group is counted against the group's own member list
// (im/v1/chats/:chat_id/members, every page), fetched after the copy is delivered and again
// shortly before the deadline. Members the organization file does not list appear among the
// non-responders by their Feishu name (phone numbers masked) and in the reminder's @-mentions; one
// of them who replies 收到 is counted. A fetch that fails falls back to the organization's roster,
// and a group's list is not fetched twice within ten minutes.
#include <doctest/doctest.h>

#include <thread>

#include "tests/e2e/feishu_people.hpp"

using namespace gridbot::testing;
using namespace gridbot::testing::feishu_e2e;
using namespace std::chrono_literals;

namespace {

const std::string members_api = "im/v1/chats/members";

// The group as Feishu lists it: two organization people, the sender, two strangers. liuna,
// zhaomin and zhoulan are on the organization's roster of the grid but not in this chat.
std::vector<fake::ChatMember> chat_members() {
  return {{"ou_zw", "zhangwei", "张伟"},   {"ou_lq", "liqiang", "老李"},     {"ou_wf", "wangfang", "王芳"},
          {"ou_s1", "stranger1", "王小明"}, {"ou_s2", "stranger2", "李四"}};
}

std::int64_t service_now(std::uint16_t port) {
  return json::parse(http_request(port, "GET", "/local/api/clock", "").body).at("now").get<std::int64_t>();
}

// Anything Feishu accepted from gridbot holding every one of `needles`.
bool sent_with(const fake::FakeFeishu& feishu, std::initializer_list<std::string> needles,
               std::chrono::milliseconds wait = fake::kWait) {
  return feishu.wait_until(
      [&](const fake::Records& r) {
        for (const auto& c : r.delivered()) {
          const std::string whole = c.text + c.json.dump();
          bool all = true;
          for (const auto& n : needles) all = all && whole.find(n) != std::string::npos;
          if (all) return true;
        }
        return false;
      },
      wait);
}

std::string deadline_list(const fake::Records& r, const std::string& number) {
  for (const auto& c : r.delivered())
    if (c.text.find("通知 #" + number + " 已到回复截止时间") != std::string::npos) return c.text;
  return {};
}

}  // namespace

TEST_CASE("Feishu: non-responders from the group's member list, by Feishu name; fallback; one fetch in ten minutes") {
  Deployment d("webhook", {}, true, {{"roster_member_id_type", "user_id"}});
  auto& p = *d.people;
  d.feishu.set_chat_members(group_chat, chat_members(), 2);
  // The first fetch fails three times (each attempt of one refresh): the organization's roster counts.
  d.feishu.fail_next(members_api, 3, {500, R"({"code":1000,"msg":"internal"})", {}});

  p.dm("wangfang", "通知 幸福里第一网格 今晚燃气检修，请于2小时内回复收到");
  p.dm("wangfang", "确认");
  const std::int64_t sent_at = service_now(d.service->port());
  CHECK(p.group_said("燃气检修"));
  REQUIRE(d.feishu.wait_for_calls(members_api, 3, 20s).size() == 3);
  p.dm("wangfang", "通知 1 进度");
  CHECK(sent_with(d.feishu, {"通知 #1 进度", "0/5（0%）（名单：组织名单 1 群）"}));

  // A second notice to the same group within ten minutes: its copy is delivered, nothing is fetched.
  p.dm("wangfang", "通知 幸福里第一网格 明天上午停电，请于2小时内回复收到");
  p.dm("wangfang", "确认");
  CHECK(p.group_said("停电"));
  std::this_thread::sleep_for(3s);
  CHECK(d.feishu.records().calls_to(members_api).size() == 3);

  // Ten minutes on, the list is fetched: three pages of two.
  p.advance(600);
  auto calls = d.feishu.wait_for_calls(members_api, 6, 10s);
  REQUIRE(calls.size() == 6);
  CHECK(calls[3].query.at("member_id_type") == "user_id");
  CHECK(calls[4].query.at("page_token") == "2");
  bool counted = false;
  for (int i = 0; i < 10 && !counted; ++i) {
    p.dm("wangfang", "通知 1 进度");
    counted = sent_with(d.feishu, {"通知 #1 进度", "0/4（0%）（名单：平台群成员 1 群）"}, 1000ms);
  }
  CHECK(counted);

  // A stranger and a resident reply 收到, once for each open notice (the newest first).
  for (int i = 0; i < 2; ++i) {
    p.post("stranger2", "收到");
    p.post("zhangwei", "收到");
  }
  p.dm("wangfang", "通知 1 进度");
  CHECK(sent_with(d.feishu, {"通知 #1 进度", "幸福里第一网格：2/4（50%）"}));

  // Someone joins; shortly before the deadline the list is fetched again and counts them.
  auto members = chat_members();
  members.push_back({"ou_s3", "stranger3", "赵姐13900001111"});
  d.feishu.set_chat_members(group_chat, members, 2);
  const std::int64_t deadline = sent_at + 2 * 3600;
  p.advance(deadline - 10 * 60 - service_now(d.service->port()));
  REQUIRE(d.feishu.wait_for_calls(members_api, 9, 10s).size() == 9);
  std::this_thread::sleep_for(500ms);  // its writer job commits

  // The deadline: the grid member hears who has not replied, the group gets one reminder @-ing them.
  p.advance(11 * 60);
  REQUIRE(d.feishu.wait_until([](const fake::Records& r) { return !deadline_list(r, "1").empty(); }));
  const std::string list = deadline_list(d.feishu.records(), "1");
  CHECK(list.find("3 人未回复") != std::string::npos);
  for (const char* name : {"王小明", "李强", "赵姐139****1111"}) CHECK(list.find(name) != std::string::npos);
  for (const char* name : {"李四", "张伟", "王芳", "刘娜", "赵敏", "13900001111"}) CHECK(list.find(name) == std::string::npos);
  CHECK(sent_with(d.feishu, {"【提醒】", "<at user_id=\"stranger1\">", "<at user_id=\"stranger3\">",
                             "<at user_id=\"liqiang\">"}));
  CHECK_FALSE(sent_with(d.feishu, {"【提醒】", "<at user_id=\"stranger2\">"}, 200ms));
  CHECK(d.service->stop() == 0);
}
