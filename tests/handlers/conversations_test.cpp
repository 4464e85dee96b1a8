// Residents and staff writing the way people write (issue 7): ratings with reasons and everyday
// verdicts, a second rating after a revisit, status questions, "which one?", staff words from a
// resident, and the acknowledgement of a relayed reply.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "handlers/rating_words.hpp"
#include "handlers/ticket_choice.hpp"
#include "tests/handlers/conversation_steps.hpp"

using namespace gridbot;
using namespace gridbot::testing;

TEST_CASE("a rating before or after a reason is a rating, in either script") {
  struct Case {
    const char* text;
    Rating rating;
    const char* reason;
  };
  const Case cases[] = {
      {"不满意 灯还是不亮", Rating::unsatisfied, "灯还是不亮"},
      {"不满意，还是漏", Rating::unsatisfied, "还是漏"},
      {"灯还是不亮，不满意", Rating::unsatisfied, "灯还是不亮"},
      {"灯还是不亮不满意！", Rating::unsatisfied, "灯还是不亮"},
      {"满意 谢谢", Rating::satisfied, "谢谢"},
      {"满意，谢谢师傅！", Rating::satisfied, "谢谢师傅"},
      {"基本满意吧", Rating::basically_satisfied, ""},
      {"3 没修好", Rating::unsatisfied, "没修好"},
      {"3，没修好", Rating::unsatisfied, "没修好"},
      {"１", Rating::satisfied, ""},
      {"不滿意", Rating::unsatisfied, ""},
      {"滿意", Rating::satisfied, ""},
      {"不太满意，来了就走了", Rating::unsatisfied, "来了就走了"},
      {"我觉得不满意，还是堵", Rating::unsatisfied, "我觉得不满意，还是堵"},
      {"不是很满意", Rating::unsatisfied, ""},
      {"非常满意👍", Rating::satisfied, ""},
      {"差评", Rating::unsatisfied, ""},
      {"差评！根本没人来", Rating::unsatisfied, "根本没人来"},
      {"好评", Rating::satisfied, ""},
      {"一般", Rating::basically_satisfied, ""},
      {"一般吧", Rating::basically_satisfied, ""},
      {"还可以", Rating::basically_satisfied, ""},
      {"还行吧~", Rating::basically_satisfied, ""},
      {"没修好", Rating::unsatisfied, ""},
      {"没修好，还在漏水", Rating::unsatisfied, "还在漏水"},
      {"还是不行", Rating::unsatisfied, ""},
      {"還是不行", Rating::unsatisfied, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    auto answer = parse_rating_answer(c.text);
    REQUIRE(answer.has_value());
    CHECK(answer->rating == c.rating);
    CHECK(answer->reason == c.reason);
  }
  // Ordinary sentences that begin or end with such words are not ratings.
  for (const char* text : {"3号楼下水道堵了", "一般情况下几点来修？", "1号楼灯坏了", "希望大家满意度高一点也好说", "不好意思问一下", "还行的话我就不报了吗"}) {
    CAPTURE(std::string(text));
    CHECK_FALSE(parse_rating_answer(text).has_value());
  }
}

TEST_CASE("不满意 with a reason reopens to the grid head, who hears the reason at once, and 查 shows it") {
  World w;
  resolved_drain(w);
  w.now = wednesday_10am + std::chrono::hours(13);  // 23:00: quiet hours
  w.say(group1, "zhangwei", "不满意，还是漏");
  CHECK(w.ticket(1001).state == TicketState::accepted);
  CHECK(w.ticket(1001).owner == "liqiang");
  auto rated = events_of(w, "rated");
  REQUIRE(rated.size() == 1);
  CHECK(rated[0].detail == "unsatisfied 还是漏");
  auto head = to_user_(w.last, "liqiang");
  REQUIRE(head.size() == 1);
  CHECK(has(head[0].text, "回访"));
  CHECK(has(head[0].text, "还是漏"));
  CHECK(head[0].not_before == Time{});  // answers a resident: not held for quiet hours
  CHECK(w.tickets.events.size() > 0);
  w.say("", "liqiang", "查 1001");
  auto shown = to_user_(w.last, "liqiang").at(0).text;
  CHECK(has(shown, "评价 · 张伟：不满意（还是漏）"));
}

TEST_CASE("while a rating is pending, everyday verdicts rate instead of filing a ticket") {
  for (const char* verdict : {"差评", "一般吧", "好评", "还可以", "没修好", "还是不行", "灯还是不亮，不满意"}) {
    CAPTURE(std::string(verdict));
    World w;
    resolved_drain(w);
    w.say(group1, "zhangwei", verdict);
    CHECK(w.tickets.tickets.size() == 1);  // no new 邻里纠纷 or 水电气暖 ticket
    CHECK(events_of(w, "rated").size() == 1);
  }
  // Without a pending rating, the same words are not ratings.
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "zhangwei", "还可以");
  CHECK(events_of(w, "rated").empty());
}

TEST_CASE("after a revisit the ticket is rated again: the first rating stays in the trail, the timeout applies again") {
  World w;
  resolved_drain(w);
  w.say(group1, "zhangwei", "不满意 灯还是不亮");
  w.say("", "liqiang", "接单 1001");
  w.say("", "liqiang", "办结 1001 换了灯管");
  REQUIRE(w.ticket(1001).state == TicketState::resolved);
  CHECK(has(all_text(to_chat_(w.last, group1)), "满意"));  // a new prompt
  w.say(group1, "zhangwei", "满意");
  CHECK(w.ticket(1001).state == TicketState::closed);
  CHECK(w.ticket(1001).rating == Rating::satisfied);
  auto rated = events_of(w, "rated");
  REQUIRE(rated.size() == 2);
  CHECK(rated[0].detail == "unsatisfied 灯还是不亮");
  CHECK(rated[1].detail == "satisfied");

  // Unanswered the second time: 未评价 after the timeout, not stuck in 已办结.
  World v;
  resolved_drain(v);
  v.say(group1, "zhangwei", "3");
  v.say("", "liqiang", "接 1001");
  v.say("", "liqiang", "结 1001 重新疏通");
  v.run_until(v.now + v.policy.rating_timeout);
  CHECK(v.ticket(1001).state == TicketState::closed);
  CHECK(v.ticket(1001).rating == Rating::unrated);
}

TEST_CASE("the revisit belongs to the grid head: the rejected member cannot claim it back") {
  World w;
  resolved_drain(w);
  w.say(group1, "zhangwei", "不满意");
  w.say("", "wangfang", "接单 1001");
  CHECK(w.ticket(1001).claimed_by.empty());
  auto refused = to_user_(w.last, "wangfang");
  REQUIRE(refused.size() == 1);
  CHECK(has(refused[0].text, "李强"));
  w.say("", "liqiang", "接单 1001");
  CHECK(w.ticket(1001).claimed_by == "liqiang");
  CHECK(w.ticket(1001).state == TicketState::claimed);
}

TEST_CASE("asking for status is not chasing: state, owner and deadline, and no urge") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "liuna", "1号楼电梯坏了，困在半路下不来");
  w.say(group1, "liuna", "1号楼门禁坏了，刷卡没反应");
  for (const char* question : {"#1001 现在怎么样了", "下水道修好了吗？", "进度", "我报的下水道有进展吗"}) {
    CAPTURE(std::string(question));
    w.say(group1, "zhangwei", question);
    CHECK(w.ticket(1001).urges == 0);
    CHECK(w.tickets.tickets.size() == 3);
    auto answer = to_chat_(w.last, group1);
    REQUIRE(answer.size() == 1);
    CHECK(has(answer[0].text, "#1001"));
    CHECK(has(answer[0].text, "王芳"));
    CHECK(has(answer[0].text, "办结时限"));
    CHECK(to_user_(w.last, "wangfang").empty());
  }
  w.say(group1, "liuna", "我报的电梯修好了吗");
  CHECK(has(all_text(to_chat_(w.last, group1)), "#1002"));
  CHECK_FALSE(has(all_text(to_chat_(w.last, group1)), "#1003"));

  // An explicit chase counts, once per interval; a second one soon after is answered, not relayed.
  w.say(group1, "zhangwei", "催一下，怎么还没人来");
  CHECK(w.ticket(1001).urges == 1);
  w.now += std::chrono::minutes(5);
  w.say(group1, "zhangwei", "#1001 怎么还没人来？？");
  CHECK(w.ticket(1001).urges == 1);
  CHECK(to_user_(w.last, "wangfang").empty());
  CHECK(has(all_text(to_chat_(w.last, group1)), "30分钟"));
  w.now += std::chrono::minutes(30);
  w.say(group1, "zhangwei", "#1001 怎么还没人来？？");
  CHECK(w.ticket(1001).urges == 2);

  // Nobody chases a neighbour's ticket.
  w.say(group1, "liuna", "#1001 赶紧来修");
  CHECK(w.ticket(1001).urges == 2);
  CHECK(to_user_(w.last, "wangfang").empty());
}

TEST_CASE("撤销 or a chase with several open tickets asks which one, and the answer works after a restart") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
  REQUIRE(w.tickets.tickets.size() == 2);
  w.say(group1, "zhangwei", "撤销");
  CHECK(w.ticket(1001).state == TicketState::accepted);
  CHECK(w.ticket(1002).state == TicketState::accepted);
  auto asked = to_chat_(w.last, group1);
  REQUIRE(asked.size() == 1);
  CHECK(has(asked[0].text, "1. #1002"));
  CHECK(has(asked[0].text, "2. #1001"));
  REQUIRE(w.tickets.conversations.size() == 1);
  // The question is a stored row: a fresh World over the same tickets (a restart) reads it back.
  World after;
  after.tickets = w.tickets;
  after.now = w.now;
  after.say(group1, "zhangwei", "第二个");
  CHECK(after.ticket(1001).state == TicketState::cancelled);
  CHECK(after.ticket(1002).state == TicketState::accepted);
  CHECK(after.tickets.conversations.empty());

  World v;
  v.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  v.say(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
  v.say("", "zhangwei", "怎么还没人来？");
  CHECK(v.ticket(1001).urges + v.ticket(1002).urges == 0);
  REQUIRE(to_user_(v.last, "zhangwei").size() == 1);
  CHECK(has(to_user_(v.last, "zhangwei")[0].text, "催办哪一件"));
  v.say("", "zhangwei", "#1001");
  CHECK(v.ticket(1001).urges == 1);
  auto owner = to_user_(v.last, "wangfang");
  REQUIRE(owner.size() == 1);
  CHECK(has(owner[0].text, "怎么还没人来"));  // the chase as written, not "#1001"

  for (const char* answer : {"2", "第2个", "第二个", "#1001", "1001", "撤销1001"}) {
    CAPTURE(std::string(answer));
    CHECK(chosen_ticket(answer, {1002, 1001}) == 1001);
  }
  CHECK_FALSE(chosen_ticket("3", {1002, 1001}).has_value());
  CHECK_FALSE(chosen_ticket("好的", {1002, 1001}).has_value());
}

TEST_CASE("staff words from a resident ask about their tickets and never file one") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "liuna", "1号楼门禁坏了，刷卡没反应");
  for (const char* query : {"查 1001", "查1001", "查询 #1001", "查 1001 进度", "查詢１００１"}) {
    CAPTURE(std::string(query));
    w.say(group1, "zhangwei", query);
    CHECK(w.tickets.tickets.size() == 2);
    CHECK(has(all_text(only<SendMessage>(w.last)), "#1001"));
    CHECK(has(all_text(only<SendMessage>(w.last)), "王芳"));
  }
  for (const char* query : {"我的工单", "查询", "查一下", "我的工单？"}) {
    CAPTURE(std::string(query));
    w.say("", "zhangwei", query);
    CHECK(w.tickets.tickets.size() == 2);
    auto answer = to_user_(w.last, "zhangwei");
    REQUIRE(answer.size() == 1);
    CHECK(has(answer[0].text, "#1001"));
    CHECK_FALSE(has(answer[0].text, "#1002"));
  }
  // Not hers: answered as if it did not exist, and no ticket at room 1002.
  w.say(group1, "zhangwei", "查 1002");
  CHECK(w.tickets.tickets.size() == 2);
  CHECK_FALSE(has(all_text(only<SendMessage>(w.last)), "门禁"));
  w.say(group1, "liuna", "查 1003");
  CHECK(w.tickets.tickets.size() == 2);
  // Other staff verbs with a number are explained, privately; 回复 on one's own ticket is a reply.
  for (const char* command : {"接单 1001", "办结 1001 好了", "转办 1001 物业", "督办1001"}) {
    CAPTURE(std::string(command));
    w.say(group1, "zhangwei", command);
    CHECK(w.tickets.tickets.size() == 2);
    CHECK(only<SaveTicket>(w.last).empty());
    CHECK(to_chat_(w.last, group1).empty());
    CHECK(has(to_user_(w.last, "zhangwei").at(0).text, "工作人员"));
  }
  w.say(group1, "zhangwei", "回复 1001 我下午在家");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "我下午在家"));
}

TEST_CASE("a resident's quoted reply relayed to the owner is acknowledged") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.tickets.links["local/receipt-1"] = 1001;
  w.say(group1, "zhangwei", "我家在501，下午都在家", "receipt-1");
  REQUIRE(to_user_(w.last, "wangfang").size() == 1);
  auto ack = to_chat_(w.last, group1);
  REQUIRE(ack.size() == 1);
  CHECK(has(ack[0].text, "已转告王芳"));
  w.say("", "zhangwei", "补充一下，是2单元门口", "receipt-1");
  CHECK(has(to_user_(w.last, "zhangwei").at(0).text, "已转告"));
}

TEST_CASE("withdrawals and chases in the words people use") {
  for (const char* withdrawal : {"撤销", "撤銷", "撤销，已经自己弄好了", "帮我撤销一下", "不用修了，已经好了", "撤回吧", "  撤销！"}) {
    CAPTURE(std::string(withdrawal));
    World w;
    w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
    w.say(group1, "zhangwei", withdrawal);
    CHECK(w.ticket(1001).state == TicketState::cancelled);
  }
  for (const char* chase : {"催一下", "怎么还没人来", "到底管不管", "都等半天了还没人来修", "麻烦快点来修", "催催"}) {
    CAPTURE(std::string(chase));
    World w;
    w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
    w.say(group1, "zhangwei", chase);
    CHECK(w.ticket(1001).urges == 1);
    CHECK(w.tickets.tickets.size() == 1);
  }
}

TEST_CASE("urge_min_interval_minutes comes from the policy; a bad value names the file and the key") {
  OrganizationFile file = sample_organization_file();
  auto doc = nlohmann::json::parse(file.text);
  doc["policy"]["urge_min_interval_minutes"] = 5;
  file.text = doc.dump();
  World w(file);
  CHECK(w.policy.urge_min_interval == std::chrono::minutes(5));
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "zhangwei", "催一下");
  w.now += std::chrono::minutes(6);
  w.say(group1, "zhangwei", "催一下");
  CHECK(w.ticket(1001).urges == 2);

  doc["policy"]["urge_min_interval_minutes"] = 0;
  file.text = doc.dump();
  try {
    World bad(file);
    FAIL("a zero interval was accepted");
  } catch (const std::exception& e) {
    CHECK(has(e.what(), "urge_min_interval_minutes"));
    CHECK(has(e.what(), file.source));
  }
}
