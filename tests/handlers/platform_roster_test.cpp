// Notices counted against a group's platform member list (飞书/钉钉/企业微信 群成员) when one is
// stored: members matched to organization people by account, the others named by the platform's
// name with phone-like numbers masked, the sender left out; people on the organization's roster
// but not in the platform's group are not asked. Without a stored list, the organization's roster.
#include <doctest/doctest.h>

#include "handlers/notices/progress.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using std::chrono::hours;

namespace {

const std::string group1 = "xfl-1-group";

// The group as its platform lists it: two organization people (a resident and the grid head),
// the sender, and three people the organization file does not know. Not listed: liuna and
// zhaomin, who are on the organization's roster of the grid.
PlatformRoster platform_list(Time at) {
  return {{{"zhangwei", "张伟"},
           {"wangfang", "王芳"},
           {"liqiang", "老李"},
           {"ou_x", "王小明"},
           {"ou_y", "李四"},
           {"ou_z", "张姐13812345678"}},
          at};
}

void send_notice(World& w) {
  w.say("", "wangfang", "通知 幸福里第一网格 今晚燃气检修，请于2小时内回复收到");
  w.say("", "wangfang", "确认");
  w.notices.mark_all_sent();
}

}  // namespace

TEST_CASE("with a platform list: non-responders by platform name, masked; the reminder @s their platform ids") {
  World w;
  w.rosters.lists[group1] = platform_list(w.now);
  send_notice(w);
  w.say(group1, "zhangwei", "收到");
  w.say(group1, "ou_y", "收到");  // a member the organization file does not list counts too
  const Time deadline = w.notices.notices.at(1).deadline;

  Actions at = w.run_until(deadline);
  auto to_member = to_user_(at, "wangfang");
  REQUIRE(to_member.size() == 1);
  const std::string& list = to_member[0].text;
  CHECK(has(list, "3 人未回复"));
  CHECK(has(list, "王小明"));
  CHECK(has(list, "李强"));  // an organization person keeps the organization's name
  CHECK(has(list, "张姐138****5678"));
  CHECK(!has(list, "13812345678"));
  for (const char* not_missing : {"张伟", "李四", "王芳", "刘娜", "赵敏"}) CHECK(!has(list, not_missing));
  auto reminder = to_chat_(at, group1);
  REQUIRE(reminder.size() == 1);
  CHECK(std::set<std::string>(reminder[0].mentions.begin(), reminder[0].mentions.end()) ==
        std::set<std::string>{"ou_x", "liqiang", "ou_z"});
}

TEST_CASE("the report says which roster each group was counted against") {
  World w;
  w.rosters.lists[group1] = platform_list(w.now);
  send_notice(w);
  w.say(group1, "ou_x", "收到");
  w.say("", "wangfang", "通知 1 进度");
  auto report = to_user_(w.last, "wangfang");
  REQUIRE(report.size() == 1);
  CHECK(has(report[0].text, "幸福里第一网格：1/5（20%）（名单：平台群成员 1 群）"));

  const auto progress = notice_progress(w.notices.notices.at(1), w.context());
  REQUIRE(progress.grids.size() == 1);
  REQUIRE(progress.grids[0].groups.size() == 1);
  CHECK(progress.grids[0].groups[0].source == RosterSource::platform);
  CHECK(progress.grids[0].groups[0].fetched_at == w.now);
  CHECK(progress.reached == 5);
}

TEST_CASE("without a stored list (local platform, nothing fetched, a fetch that failed): the organization's roster") {
  World w;
  send_notice(w);
  w.say(group1, "ou_x", "收到");  // not on the organization's roster: changes no count
  w.say("", "wangfang", "通知 1 进度");
  auto report = to_user_(w.last, "wangfang");
  REQUIRE(report.size() == 1);
  CHECK(has(report[0].text, "0/5（0%）（名单：组织名单 1 群）"));
  const auto roster = group_roster(*w.org.group(group1), w.org, &w.rosters);
  CHECK(roster.source == RosterSource::organization);
  w.rosters.lists[group1] = PlatformRoster{{}, w.now};  // an empty list is no list
  CHECK(group_roster(*w.org.group(group1), w.org, &w.rosters).source == RosterSource::organization);
}

TEST_CASE("one person listed twice (two accounts, a repeated page) counts once") {
  World w;
  PlatformRoster list = platform_list(w.now);
  list.members.push_back({"zhangwei", "张伟"});
  w.rosters.lists[group1] = list;
  const auto roster = group_roster(*w.org.group(group1), w.org, &w.rosters);
  CHECK(roster.people.size() == 6);
}
