// The ticket lifecycle as pure rules: each step's Actions, without a database or a socket.
#include <doctest/doctest.h>

#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {
const std::string group1 = "xfl-1-group";
}

TEST_CASE("routing: category routes go to a department's liaison or a role; the rest to the grid's manager") {
  World w;
  w.say(group1, "zhangwei", "有人偷电动车，3号楼楼下的车被偷了两辆");
  CHECK(w.ticket(1001).category == "public_security");
  CHECK(w.ticket(1001).owner == "liuyang");  // the police station's liaison
  w.say(group1, "liuna", "楼上邻居天天半夜吵架摔东西，我们去说还骂人，请社区帮忙调解");
  CHECK(w.ticket(1002).category == "dispute");
  CHECK(w.ticket(1002).owner == "liqiang");  // disputes: the grid head
  w.say(group1, "liuna", "1号楼楼道灯不亮了好几天了");
  CHECK(w.ticket(1003).owner == "wangfang");
}

TEST_CASE("sensitive categories get a minimal receipt in the group and the details privately") {
  World w;
  w.say(group1, "liuna", "楼上邻居天天半夜吵架摔东西，我们去说还骂人，请社区帮忙调解");
  REQUIRE(w.ticket(1002 - 1).sensitive);
  auto in_group = to_chat_(w.last, group1);
  REQUIRE(in_group.size() == 1);
  CHECK(has(in_group[0].text, "私信联系"));
  CHECK_FALSE(has(in_group[0].text, "邻里纠纷"));
  auto private_receipt = to_user_(w.last, "liuna");
  REQUIRE(private_receipt.size() == 1);
  CHECK(has(private_receipt[0].text, "邻里纠纷"));
}

TEST_CASE("replies travel both ways: the resident quoting the receipt reaches the owner; the owner's reply reaches the group, masked") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  // The receipt becomes a platform message linked to the ticket once sent.
  w.tickets.links["local/receipt-1"] = 1001;
  w.say(group1, "zhangwei", "我家在501，下午都在家，电话13812345678", "receipt-1");
  auto to_owner = to_user_(w.last, "wangfang");
  REQUIRE(to_owner.size() == 1);
  CHECK(has(to_owner[0].text, "13812345678"));  // privately, staff see the number
  CHECK(w.tickets.events.back().kind == "resident_replied");
  CHECK(w.tickets.tickets.size() == 1);  // no new ticket

  // The member's contact number is theirs to give; the resident's own stays masked in the group.
  w.say("", "wangfang", "回复 1001 师傅下午三点上门，联系电话13912345678，您留的13812345678已登记");
  auto relayed = to_chat_(w.last, group1);
  REQUIRE(relayed.size() == 1);
  CHECK(relayed[0].mentions == std::vector<std::string>{"zhangwei"});  // a structured @, not one in the text
  CHECK(has(relayed[0].text, "13912345678"));
  CHECK(has(relayed[0].text, "138****5678"));
  CHECK_FALSE(has(relayed[0].text, "13812345678"));
  CHECK(relayed[0].mentions == std::vector<std::string>{"zhangwei"});
}

TEST_CASE("a follow-up urges the resident's open ticket; enough urges reach the rung above") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "zhangwei", "我上午报的下水道怎么还没人来？");
  CHECK(w.ticket(1001).urges == 1);
  CHECK(to_user_(w.last, "wangfang").size() == 1);
  CHECK(to_user_(w.last, "liqiang").empty());
  CHECK(to_chat_(w.last, group1).size() == 1);
  w.now += w.policy.urge_min_interval;  // a chase a minute later is not relayed (conversations_test)
  w.say(group1, "zhangwei", "都过去半天了还是没人来修，到底管不管");
  CHECK(w.ticket(1001).urges == 2);
  auto above = to_user_(w.last, "liqiang");
  REQUIRE(above.size() == 1);
  CHECK(has(above[0].text, "2次"));
  CHECK(w.tickets.tickets.size() == 1);
}

TEST_CASE("a second report of the same problem in the same building is a +1, not a new ticket") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "zhaomin", "3号楼下水道又堵了，一楼都是污水");  // the steward is not a resident: ignored
  CHECK(w.last.empty());
  World v;
  v.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  Actions second;
  v.say(group1, "liuna", "3号楼的下水道堵住了，臭得不行");
  REQUIRE(v.tickets.tickets.size() == 1);
  const Ticket& t = v.ticket(1001);
  CHECK(t.duplicates == 1);
  const auto subscribers = v.tickets.subscribers(1001);
  REQUIRE(subscribers.size() == 1);
  CHECK(subscribers[0].person_id == "liuna");
  auto owner = to_user_(v.last, "wangfang");
  REQUIRE(owner.size() == 1);
  CHECK(has(owner[0].text, "2位"));
  auto told = to_chat_(v.last, group1);
  REQUIRE(told.size() == 1);
  CHECK(told[0].mentions.size() == 1);
  CHECK_FALSE(has(told[0].text, "@"));
  CHECK(has(told[0].text, "#1001"));
  // The reporter saying it again chases their own ticket.
  v.say(group1, "zhangwei", "3号楼下水道还是堵着，污水都漫出来了");
  CHECK(v.ticket(1001).urges == 1);
  CHECK(v.ticket(1001).duplicates == 1);
  // A different building is a different problem.
  v.say(group1, "liuna", "1号楼下水道也堵了");
  CHECK(v.tickets.tickets.size() == 2);
}

TEST_CASE("the owner is reminded at 80% of the claim limit") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  Actions fired = w.run_until(wednesday_10am + std::chrono::minutes(96));
  auto reminders = to_user_(fired, "wangfang");
  REQUIRE(reminders.size() == 1);
  CHECK(has(reminders[0].text, "接单 1001"));
  CHECK(w.ticket(1001).escalation_level == 0);
}

TEST_CASE("a member of another grid is refused with a reason, for every action") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  for (const char* command : {"接单 1001", "回复 1001 马上到", "办结 1001 已修好", "挂起 1001 等配件", "吹哨 1001 派出所"}) {
    CAPTURE(command);
    w.say("", "chenjing", command);
    CHECK(only<SaveTicket>(w.last).empty());
    auto answer = to_user_(w.last, "chenjing");
    REQUIRE(answer.size() == 1);
    CHECK(has(answer[0].text, "没有处理权限"));
  }
  CHECK(w.ticket(1001).state == TicketState::accepted);
}

TEST_CASE("resolve asks for a rating; 不满意 reopens to the grid head for a revisit") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say("", "wangfang", "接 1001");
  w.say("", "wangfang", "结 1001 已疏通管道");
  CHECK(w.ticket(1001).state == TicketState::resolved);
  auto prompt = to_chat_(w.last, group1);
  REQUIRE(prompt.size() == 1);
  CHECK(has(prompt[0].text, "满意"));
  CHECK(has(prompt[0].text, "已疏通管道"));
  w.say(group1, "zhangwei", "不满意");
  const Ticket& t = w.ticket(1001);
  CHECK(t.state == TicketState::accepted);
  CHECK(t.rating == Rating::none);  // waiting for a new rating after the revisit
  CHECK(w.tickets.events.at(w.tickets.events.size() - 2).detail == "unsatisfied");
  CHECK(t.owner == "liqiang");
  CHECK(t.claimed_by.empty());
  REQUIRE(to_user_(w.last, "liqiang").size() == 1);
  CHECK(has(to_user_(w.last, "liqiang")[0].text, "回访"));
}

TEST_CASE("a rating of 1 closes the ticket as satisfied; silence closes it as 未评价, not satisfied") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say("", "wangfang", "办结 1001 已疏通");
  w.say(group1, "zhangwei", "1");
  CHECK(w.ticket(1001).state == TicketState::closed);
  CHECK(w.ticket(1001).rating == Rating::satisfied);

  w.say(group1, "liuna", "1号楼门禁坏了，刷卡没反应");
  w.say("", "wangfang", "办结 1002 已更换读卡器");
  w.run_until(w.now + w.policy.rating_timeout);
  CHECK(w.ticket(1002).state == TicketState::closed);
  CHECK(w.ticket(1002).rating == Rating::unrated);
}

TEST_CASE("a resident withdraws their own ticket, and its timers stop") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "liuna", "撤销 #1001");
  CHECK(w.ticket(1001).state == TicketState::accepted);  // not hers
  w.say(group1, "zhangwei", "撤销，已经自己弄好了");
  CHECK(w.ticket(1001).state == TicketState::cancelled);
  CHECK(w.run_until(w.now + std::chrono::hours(24 * 30)).empty());
}

TEST_CASE("a direct report is routed by the registered address, or the bot asks where, across turns") {
  World w;
  w.say("", "zhangwei", "楼道里的灯坏了好几天了");
  REQUIRE(w.tickets.tickets.size() == 1);
  CHECK(w.ticket(1001).grid == "xfl-1");
  CHECK(w.ticket(1001).building == "3");
  CHECK(to_user_(w.last, "zhangwei").size() == 1);  // a private receipt

  w.say("", "visitor-7", "路灯坏了，晚上特别黑");
  CHECK(w.tickets.tickets.size() == 1);
  REQUIRE(to_user_(w.last, "visitor-7").size() == 1);
  w.say("", "visitor-7", "火星 9号楼");
  CHECK(w.tickets.tickets.size() == 1);
  w.say("", "visitor-7", "幸福里 6号楼");
  REQUIRE(w.tickets.tickets.size() == 2);
  CHECK(w.ticket(1002).grid == "xfl-2");
  CHECK(w.ticket(1002).text == "路灯坏了，晚上特别黑");
  CHECK(w.tickets.conversations.empty());
}

TEST_CASE("a question the bot asked expires: a late answer is not filed as the old report") {
  World w;
  w.say("", "visitor-7", "路灯坏了，晚上特别黑");
  REQUIRE(w.tickets.conversations.size() == 1);
  w.now += w.policy.conversation_timeout + std::chrono::hours(1);
  w.say("", "visitor-7", "幸福里 6号楼");
  CHECK(w.tickets.tickets.empty());
  for (const auto& [user, state] : w.tickets.conversations) CHECK_FALSE(has(state, "路灯坏了"));
}

TEST_CASE("transfer hands the ticket to a member or a department; 我的工单 and 查 show the work") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "liuna", "1号楼门禁坏了，刷卡没反应");
  w.say("", "wangfang", "转办 1002 物业");
  CHECK(w.ticket(1002).owner == "huangli");
  REQUIRE(to_user_(w.last, "huangli").size() == 1);
  w.say("", "huangli", "接单 1002");
  CHECK(w.ticket(1002).claimed_by == "huangli");
  w.say("", "wangfang", "转办 1001 火星人");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "火星人"));

  w.say("", "wangfang", "我的工单");
  auto mine = to_user_(w.last, "wangfang");
  REQUIRE(mine.size() == 1);
  CHECK(has(mine[0].text, "#1001"));
  CHECK_FALSE(has(mine[0].text, "#1002"));
  w.say("", "wangfang", "查 1002");
  auto shown = to_user_(w.last, "wangfang").at(0).text;
  CHECK(has(shown, "办理记录"));
  CHECK(has(shown, "转办"));
  CHECK(has(shown, "黄丽"));
  w.say("", "wangfang", "查 1001");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "抄送 → 赵敏"));
}

TEST_CASE("only supervising roles may 督办, and the owner hears it") {
  World w;
  w.say("xfl-2-group", "wujun", "6号楼3单元楼道灯坏了好几天了");
  w.say("", "chenjing", "督办 1001 抓紧");
  CHECK(has(to_user_(w.last, "chenjing").at(0).text, "身份"));
  w.say("", "sunhao", "督办 1001 今天务必处理");
  REQUIRE(to_user_(w.last, "chenjing").size() == 1);
  CHECK(has(to_user_(w.last, "chenjing")[0].text, "今天务必处理"));
  CHECK(w.tickets.events.back().kind == "supervised");
}

TEST_CASE("commands without a ticket number use the quoted notification; nonsense gets help") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.tickets.links["local/notice-1"] = 1001;
  w.say("", "wangfang", "接单", "notice-1");
  CHECK(w.ticket(1001).claimed_by == "wangfang");
  w.say("", "wangfang", "师傅十分钟后到", "notice-1");  // just writing, quoting: a reply
  CHECK(has(to_chat_(w.last, group1).at(0).text, "师傅十分钟后到"));
  w.say("", "wangfang", "回复");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "工单号"));
  w.say("", "wangfang", "今天天气不错");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "可用指令"));
}
