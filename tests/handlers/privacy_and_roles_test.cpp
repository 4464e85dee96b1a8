// Issue 7, the staff, privacy and time cases: roles inside a grid, numbers a member gives, commands
// written in a resident group, sensitive matters whatever their category, a report in a
// neighbouring grid's building, and quiet hours before the claim limit.
#include <doctest/doctest.h>

#include "handlers/sensitive_topics.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {
const std::string group1 = "xfl-1-group";
}

TEST_CASE("a steward may comment on and follow tickets of their building, not resolve or transfer them") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");  // building 3: 赵敏's
  w.say(group1, "liuna", "1号楼门禁坏了，刷卡没反应");               // building 1: not hers
  w.say("", "zhaomin", "回复 1001 我去看过了，物业下午来");
  CHECK(has(to_chat_(w.last, group1).at(0).text, "物业下午来"));
  w.say("", "zhaomin", "查 1001");
  CHECK(has(to_user_(w.last, "zhaomin").at(0).text, "办理记录"));
  for (const char* command : {"办结 1001 已疏通", "转办 1001 物业", "接单 1001", "挂起 1001 等配件"}) {
    CAPTURE(std::string(command));
    w.say("", "zhaomin", command);
    CHECK(only<SaveTicket>(w.last).empty());
    CHECK(has(to_user_(w.last, "zhaomin").at(0).text, "楼门管家"));
  }
  w.say("", "zhaomin", "回复 1002 我问问");
  CHECK(has(to_user_(w.last, "zhaomin").at(0).text, "没有处理权限"));
  CHECK(to_chat_(w.last, group1).empty());
  CHECK(w.ticket(1001).state == TicketState::accepted);
}

TEST_CASE("转办 goes only to members and departments within the sender's scope") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say("", "wangfang", "转办 1001 陈静");  // another grid's manager
  CHECK(w.ticket(1001).owner == "wangfang");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "管辖范围"));
  w.say("", "wangfang", "转办 1001 赵敏");  // a steward cannot carry it
  CHECK(w.ticket(1001).owner == "wangfang");
  w.say("", "wangfang", "转办 1001 李强");  // the grid head of the same grid
  CHECK(w.ticket(1001).owner == "liqiang");
  w.say("", "liqiang", "转办 1001 派出所");  // a department
  CHECK(w.ticket(1001).owner == "liuyang");
  w.say("", "zhoulan", "转办 1001 王芳");  // the community head, within her community
  CHECK(w.ticket(1001).owner == "wangfang");
}

TEST_CASE("a 回复 keeps the member's contact number and masks the resident's, whoever writes it; the help says so") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，我电话138 1234 5678");
  w.say("", "wangfang", "回复 1001 维修师傅电话 139-0000-1111，他会打您的 13812345678");
  auto relayed = to_chat_(w.last, group1).at(0).text;
  CHECK(has(relayed, "139-0000-1111"));
  CHECK(has(relayed, "138****5678"));
  CHECK_FALSE(has(relayed, "13812345678"));
  w.say("", "wangfang", "帮助");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "始终打码"));
}

TEST_CASE("staff writing a command in a resident group hear privately where commands go") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  for (const char* command : {"接单 1001", "接单", "结 1001 已修好", "我的工单"}) {
    CAPTURE(std::string(command));
    w.say(group1, "wangfang", command);
    CHECK(to_chat_(w.last, group1).empty());
    auto told = to_user_(w.last, "wangfang");
    REQUIRE(told.size() == 1);
    CHECK(has(told[0].text, "私信"));
    CHECK(only<SaveTicket>(w.last).empty());
  }
  for (const char* talk : {"大家好，今晚停水", "回复大家一下，明天有人来修"}) {
    CAPTURE(std::string(talk));
    w.say(group1, "wangfang", talk);
    CHECK(w.last.empty());
  }
}

TEST_CASE("a message naming a sensitive matter or carrying an ID number is private whatever its category") {
  for (const char* text : {"我老公经常家暴，能不能帮帮我", "想申请低保，需要什么材料", "楼下有个留守儿童天天没人管",
                           "我妈确诊了癌症，行动不便，想问楼道能不能装扶手", "办居住证，我身份证110101199003071234",
                           "孩子被打了，邻居虐待小孩", "想问问临时救助怎么申请", "想申請低保，需要什麼材料",
                           "身份证 110101 19900307 123X 丢了"}) {
    CAPTURE(std::string(text));
    World w;
    w.say(group1, "zhangwei", text);
    REQUIRE(w.tickets.tickets.size() == 1);
    CHECK(w.ticket(1001).sensitive);
    auto in_group = to_chat_(w.last, group1);
    REQUIRE(in_group.size() == 1);
    CHECK(has(in_group[0].text, "私信联系"));
    CHECK(to_user_(w.last, "zhangwei").size() == 1);
    // A staff reply never goes to the group.
    w.say("", w.ticket(1001).owner, "回复 1001 明天上午联系您");
    CHECK(to_chat_(w.last, group1).empty());
    CHECK(has(to_user_(w.last, "zhangwei").at(0).text, "明天上午联系您"));
  }
  for (const char* text : {"电梯有毛病，老是停", "3号楼2单元下水道堵了", "打扫卫生的阿姨没来"}) {
    CAPTURE(std::string(text));
    CHECK_FALSE(is_sensitive_matter(text));
  }
}

TEST_CASE("a report in a grid group about a neighbouring grid's building goes to that grid, and the group is told") {
  World w;
  w.say(group1, "zhangwei", "6号楼门口的路灯坏了，晚上很黑");  // building 6 belongs to 幸福里第二网格
  REQUIRE(w.tickets.tickets.size() == 1);
  CHECK(w.ticket(1001).grid == "xfl-2");
  CHECK(w.ticket(1001).owner == "chenjing");
  auto receipt = to_chat_(w.last, group1);
  REQUIRE(receipt.size() == 1);
  CHECK(has(receipt[0].text, "幸福里第二网格"));
  w.say(group1, "liuna", "1号楼楼道灯不亮了");
  CHECK(w.ticket(1002).grid == "xfl-1");
  CHECK_FALSE(has(to_chat_(w.last, group1).at(0).text, "已转"));
}

TEST_CASE("a report in quiet hours is not overdue by morning; an urgent one still breaks quiet hours") {
  World w;
  w.now = wednesday_10am + std::chrono::hours(13);  // 23:00
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  const Time seven_am = wednesday_10am + std::chrono::hours(21);
  CHECK(w.ticket(1001).claim_due_at == seven_am + w.policy.normal.claim);
  auto notice = to_user_(w.last, "wangfang");
  REQUIRE(notice.size() == 1);
  CHECK(notice[0].not_before == seven_am);
  Actions night = w.run_until(seven_am + std::chrono::minutes(30));
  CHECK(w.ticket(1001).escalation_level == 0);
  CHECK(to_user_(night, "wangfang").empty());  // not even a reminder before the notice is read
  w.run_until(seven_am + w.policy.normal.claim + std::chrono::minutes(1));
  CHECK(w.ticket(1001).escalation_level == 1);

  World v;
  v.now = wednesday_10am + std::chrono::hours(13);
  v.say(group1, "zhangwei", "3号楼着火了，楼道里全是烟，快来人");
  REQUIRE(v.ticket(1001).urgent);
  CHECK(v.ticket(1001).claim_due_at == v.now + v.policy.urgent.claim);
}
