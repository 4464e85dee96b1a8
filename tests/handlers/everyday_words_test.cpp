// A demanding user's pass over issue 7 (QA): the variants people type around the words the first
// tests used — more verdicts, "still broken", withdrawals and queries in other words, answers to
// "which one?" that name the thing, status questions and chases, staff commands typed in a hurry.
#include <doctest/doctest.h>

#include "handlers/rating_words.hpp"
#include "tests/handlers/conversation_steps.hpp"
#include "tests/support/sample_ticket.hpp"

using namespace gridbot;
using namespace gridbot::testing;

namespace {

const std::string drain = "3号楼2单元下水道堵了，污水漫到楼道了";

std::string said(const Actions& actions) { return all_text(only<SendMessage>(actions)); }

}  // namespace

TEST_CASE("more verdicts: short complaints, praise, dialect, openers and thumbs") {
  struct Case {
    const char* text;
    Rating rating;
    const char* reason;
  };
  const Case cases[] = {
      {"差", Rating::unsatisfied, ""},           {"太差了", Rating::unsatisfied, ""},
      {"很差劲", Rating::unsatisfied, ""},       {"不咋地", Rating::unsatisfied, ""},
      {"唔满意", Rating::unsatisfied, ""},       {"冇修好", Rating::unsatisfied, ""},
      {"不大满意", Rating::unsatisfied, ""},     {"👎", Rating::unsatisfied, ""},
      {"问题依旧", Rating::unsatisfied, ""},     {"修了跟没修一样", Rating::unsatisfied, ""},
      {"一般般", Rating::basically_satisfied, ""}, {"马马虎虎", Rating::basically_satisfied, ""},
      {"还凑合吧", Rating::basically_satisfied, ""}, {"差不多吧", Rating::basically_satisfied, ""},
      {"挺满意的", Rating::satisfied, ""},       {"👍", Rating::satisfied, ""},
      {"可以了", Rating::satisfied, ""},         {"好了，谢谢", Rating::satisfied, "谢谢"},
      {"修好了 谢谢", Rating::satisfied, "谢谢"}, {"评价：不满意", Rating::unsatisfied, ""},
      {"我选3", Rating::unsatisfied, ""},        {"给个好评", Rating::satisfied, ""},
      {"五星好评！", Rating::satisfied, ""},     {"#1001 不满意，还是堵", Rating::unsatisfied, "还是堵"},
      {"满意（1）", Rating::satisfied, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    auto answer = parse_rating_answer(c.text);
    REQUIRE(answer.has_value());
    CHECK(answer->rating == c.rating);
    CHECK(answer->reason == c.reason);
  }
  // "Still broken" is a rejection, kept as written.
  for (const char* text : {"还是漏水", "还在漏", "又堵了", "压根没人来", "根本没人来过，怎么就办结了"}) {
    CAPTURE(std::string(text));
    auto answer = parse_rating_answer(text);
    REQUIRE(answer.has_value());
    CHECK(answer->rating == Rating::unsatisfied);
    CHECK(answer->implicit);
  }
  for (const char* text : {"差点忘了说", "不可以", "好了吗", "修好了吗", "可以问一下吗", "还是要谢谢你们", "好的", "谢谢师傅"}) {
    CAPTURE(std::string(text));
    CHECK_FALSE(parse_rating_answer(text).has_value());
  }
}

TEST_CASE("while a rating is pending, 'still broken' reopens; news of another problem is still a report") {
  for (const char* text : {"还是漏水", "又堵了", "压根没人来", "差", "唔满意", "我选3"}) {
    CAPTURE(std::string(text));
    World w;
    resolved_drain(w);
    w.say(group1, "zhangwei", text);
    CHECK(w.tickets.tickets.size() == 1);
    CHECK(w.ticket(1001).state == TicketState::accepted);  // reopened to the grid head
    CHECK(w.ticket(1001).owner == "liqiang");
  }
  for (const char* text : {"又停水了，整栋楼都没水", "5号楼还是漏水"}) {
    CAPTURE(std::string(text));
    World w;
    resolved_drain(w);
    w.say(group1, "zhangwei", text);
    CHECK(w.ticket(1001).state == TicketState::resolved);
    CHECK(events_of(w, "rated").empty());
  }
}

TEST_CASE("withdrawals in other words never file a ticket; a number or a named subject picks the ticket") {
  for (const char* text : {"取消", "不用了", "不用了，谢谢", "算了", "帮我取消一下", "撤单", "取消1001", "1001不用了",
                           "#1001 不用了", "已经通了，不用来了", "不用麻烦了，已经好了", "我自己修好了", "取消吧"}) {
    CAPTURE(std::string(text));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", text);
    CHECK(w.tickets.tickets.size() == 1);
    CHECK(w.ticket(1001).state == TicketState::cancelled);
  }
  for (const char* text : {"电梯那个不用了", "取消1002", "撤销电梯那个"}) {
    CAPTURE(std::string(text));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
    w.say(group1, "zhangwei", text);
    CHECK(w.tickets.tickets.size() == 2);
    CHECK(w.ticket(1002).state == TicketState::cancelled);
    CHECK(w.ticket(1001).state == TicketState::accepted);
  }
  // A longer message that merely starts with such a word is still a report.
  World w;
  w.say(group1, "zhangwei", drain);
  w.say(group1, "zhangwei", "算了，还是报一下吧：1号楼楼道灯坏了好几天了");
  CHECK(w.ticket(1001).state == TicketState::accepted);
  CHECK(w.tickets.tickets.size() == 2);
}

TEST_CASE("answers to 'which one?' that name the thing, add politeness, or pick them all") {
  struct Case {
    const char* answer;
    std::vector<std::int64_t> cancelled;
  };
  const Case cases[] = {{"电梯那个", {1002}},   {"下水道的", {1001}}, {"就第一个吧", {1002}}, {"好的，第二个", {1001}},
                        {"撤第二个", {1001}},   {"第２个", {1001}},   {"都撤销", {1001, 1002}}, {"两个都取消", {1001, 1002}},
                        {"全部", {1001, 1002}}};
  for (const auto& c : cases) {
    CAPTURE(std::string(c.answer));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
    w.say(group1, "zhangwei", "撤销");
    w.say(group1, "zhangwei", c.answer);
    CHECK(w.tickets.tickets.size() == 2);  // never a new 电梯 ticket
    for (std::int64_t n : {1001, 1002}) {
      const bool expected = std::find(c.cancelled.begin(), c.cancelled.end(), n) != c.cancelled.end();
      CHECK((w.ticket(n).state == TicketState::cancelled) == expected);
    }
  }
  // "都三天了" answers nothing: a chase is not spread over every ticket by a stray 都.
  World v;
  v.say(group1, "zhangwei", drain);
  v.say(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
  v.say("", "zhangwei", "怎么还没人来？");
  v.say("", "zhangwei", "都三天了");
  CHECK(v.ticket(1001).urges + v.ticket(1002).urges == 0);
}

TEST_CASE("status questions and chases in other words: answered or counted, never filed") {
  for (const char* question : {"处理到哪了", "现在什么情况", "有消息吗", "今天能来吗", "师傅什么时候到", "咋样了"}) {
    CAPTURE(std::string(question));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", question);
    CHECK(w.tickets.tickets.size() == 1);
    CHECK(w.ticket(1001).urges == 0);
    CHECK(has(said(w.last), "#1001"));
  }
  for (const char* chase : {"有人管吗", "有没有人管啊", "没人理", "咋还没修", "都三天了还没修", "急死了"}) {
    CAPTURE(std::string(chase));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", chase);
    CHECK(w.tickets.tickets.size() == 1);
    CHECK(w.ticket(1001).urges == 1);
  }
  // An emergency that happens to ask "什么情况" is a report, not a question about the drain.
  World w;
  w.say(group1, "zhangwei", drain);
  w.say(group1, "zhangwei", "楼道里一股很浓的煤气味，什么情况");
  REQUIRE(w.tickets.tickets.size() == 2);
  CHECK(w.ticket(1002).urgent);
}

TEST_CASE("a resident's 查 and 我的工单 in other words answer and never file") {
  for (const char* query : {"查一查", "查工单", "查看工单", "我提交的工单", "查询一下我的工单", "看看我的工单", "我报过的"}) {
    CAPTURE(std::string(query));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", query);
    CHECK(w.tickets.tickets.size() == 1);
    CHECK(has(said(w.last), "您的工单"));
  }
  for (const char* query : {"查询工单1001", "查 1001 怎么样了", "查1001进展"}) {
    CAPTURE(std::string(query));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", query);
    CHECK(w.tickets.tickets.size() == 1);
    CHECK(events_of(w, "resident_replied").empty());
    CHECK(has(said(w.last), "当前：已受理"));
  }
}

TEST_CASE("staff commands typed in a hurry: full-width digits and spaces, traditional script, number first, aliases") {
  for (const char* claim : {"接单 １００１", "接单　1001", "接單 1001", "1001 接单", "#1001 接单", "收到 1001", "认领：1001"}) {
    CAPTURE(std::string(claim));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say("", "wangfang", claim);
    CHECK(w.ticket(1001).claimed_by == "wangfang");
  }
  for (const char* resolve : {"辦結 1001 已疏通，請評價", "办结　１００１　已疏通，請評價", "完成 1001 已疏通，請評價"}) {
    CAPTURE(std::string(resolve));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say("", "wangfang", "接单 1001");
    w.say("", "wangfang", resolve);
    CHECK(w.ticket(1001).state == TicketState::resolved);
    CHECK(w.ticket(1001).resolution == "已疏通，請評價");  // the note as the member typed it
  }
  World w;
  w.say(group1, "zhangwei", drain);
  w.say("", "wangfang", "回復１００１ 下午兩點到");
  CHECK(has(said(w.last), "【工单 #1001 回复】王芳：下午兩點到"));
  w.say("", "wangfang", "查詢 1001");
  CHECK(has(said(w.last), "内容：3号楼2单元下水道堵了"));
  w.say("", "wangfang", "吹哨 1001 公安、物业");
  CHECK(w.ticket(1001).summons.size() == 2);
  w.say("", "wangfang", "转交 1001 给物业");
  CHECK(w.ticket(1001).owner == "huangli");
}

TEST_CASE("household violence told with words between is sensitive and urgent; a phone call is not a blow") {
  for (const char* report : {"我老公又打我了 3号楼", "3号楼她男人昨天喝了酒把她打了", "他爸又在打孩子 3号楼301"}) {
    CAPTURE(std::string(report));
    World w;
    w.say(group1, "zhangwei", report);
    REQUIRE(w.tickets.tickets.size() == 1);
    CHECK(w.ticket(1001).sensitive);
    const auto group = to_chat_(w.last, group1);
    REQUIRE(group.size() == 1);
    CHECK(has(group[0].text, "私信"));
    CHECK_FALSE(has(group[0].text, "类别"));
  }
  World w;
  w.say(group1, "zhangwei", "我老公又打我了 3号楼");
  CHECK(w.ticket(1001).urgent);
  w.say(group1, "liuna", "我老公打我电话说1号楼停水了");
  CHECK_FALSE(w.ticket(1002).sensitive);
}

TEST_CASE("a bare rating with nothing waiting for one files no dispute; it is answered privately") {
  for (const char* verdict : {"差评", "不满意", "好评！"}) {
    CAPTURE(std::string(verdict));
    World w;
    w.say(group1, "zhangwei", verdict);
    CHECK(w.tickets.tickets.empty());
    CHECK(to_chat_(w.last, group1).empty());
    CHECK(has(said(w.last), "没有待评价的工单"));
  }
  // With a reason it is news, and taken in.
  World w;
  w.say(group1, "zhangwei", "不满意，3号楼下水道还是堵");
  CHECK(w.tickets.tickets.size() == 1);
}

TEST_CASE("an answer to a member's reply that opens by agreeing is relayed, not filed") {
  World w;
  w.say(group1, "zhangwei", drain);
  w.say("", "wangfang", "回复 1001 师傅明早到，会先打您电话");
  for (const char* answer : {"好的，我一三九一二三四五六七八随时在", "行 我明早在家", "嗯嗯 门口有狗 别怕"}) {
    CAPTURE(std::string(answer));
    w.say(group1, "zhangwei", answer);
    CHECK(w.tickets.tickets.size() == 1);
    CHECK(has(said(w.last), "已转告王芳"));
  }
  w.say(group1, "zhangwei", "收到，谢谢");  // nothing to pass on
  CHECK(to_user_(w.last, "wangfang").empty());
  // Without a member's reply lately, the same words are read as they stand.
  World v;
  v.say(group1, "zhangwei", drain);
  v.say(group1, "zhangwei", "好的 我明早在家");
  CHECK(to_user_(v.last, "wangfang").empty());
}

TEST_CASE("with two tickets waiting for a rating, the verdict goes to the one it names, or to both") {
  auto two_resolved = [](World& w) {
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
    w.say("", "wangfang", "办结 1001 已疏通");
    w.say("", "wangfang", "办结 1002 已修好电梯");
  };
  World w;
  two_resolved(w);
  w.say(group1, "zhangwei", "下水道那个满意");
  CHECK(w.ticket(1001).rating == Rating::satisfied);
  CHECK(w.ticket(1002).rating == Rating::none);
  World v;
  two_resolved(v);
  v.say(group1, "zhangwei", "两个都满意");
  CHECK(v.ticket(1001).rating == Rating::satisfied);
  CHECK(v.ticket(1002).rating == Rating::satisfied);
}

TEST_CASE("a question about something called off, or news of it, withdraws nothing") {
  for (const char* text : {"停水通知取消了吗", "明天停电取消了没", "今天的活动取消了？", "取消了吗", "不用了吗", "活动取消了"}) {
    CAPTURE(std::string(text));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", text);
    CHECK(w.ticket(1001).state == TicketState::accepted);
  }
}

TEST_CASE("while a rating is pending, an emergency or a problem in another building is not swallowed by it") {
  {
    World w;
    resolved_drain(w);
    w.say(group1, "zhangwei", "楼道着火了！！不满意也没用了快来");
    REQUIRE(w.tickets.tickets.size() == 2);
    CHECK(w.ticket(1002).urgent);
    CHECK(w.ticket(1001).state == TicketState::resolved);  // still waiting for its rating
  }
  {
    World w;
    resolved_drain(w);
    w.say(group1, "zhangwei", "1号楼灯不亮，不行啊");  // 不行 is about the light
    CHECK(w.tickets.tickets.size() == 2);
    CHECK(events_of(w, "rated").empty());
  }
  {
    World w;
    resolved_drain(w);
    w.say(group1, "zhangwei", "满意。另外1号楼门口井盖没了");  // both: a rating and a report
    CHECK(w.ticket(1001).rating == Rating::satisfied);
    CHECK(w.tickets.tickets.size() == 2);
  }
}

TEST_CASE("an emergency told with a chase or a withdrawal is taken in, not spent on the open ticket") {
  for (const char* text : {"快点来 电梯困人了", "取消，有人被困电梯了", "不用修了，楼道着火了快来人"}) {
    CAPTURE(std::string(text));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say(group1, "zhangwei", text);
    REQUIRE(w.tickets.tickets.size() == 2);
    CHECK(w.ticket(1002).urgent);
    CHECK(w.ticket(1001).urges == 0);
    CHECK(w.ticket(1001).state == TicketState::accepted);
  }
}

TEST_CASE("a chase at night about a non-urgent matter reaches the member after quiet hours") {
  World w;
  w.say(group1, "zhangwei", drain);
  w.now = wednesday_10am + std::chrono::hours(13);  // 23:00
  w.say(group1, "zhangwei", "催一下，怎么还没人来");
  CHECK(w.ticket(1001).urges == 1);
  const auto owner = to_user_(w.last, "wangfang");
  REQUIRE(owner.size() == 1);
  CHECK(owner[0].not_before == wednesday_10am + std::chrono::hours(21));  // Thursday 07:00
  CHECK_FALSE(to_chat_(w.last, group1).empty());                        // the resident hears now
}

TEST_CASE("a score on another scale ('3分') while a rating is pending is asked again, not filed or guessed") {
  World w;
  resolved_drain(w);
  w.say(group1, "zhangwei", "3分");
  CHECK(w.tickets.tickets.size() == 1);
  CHECK(events_of(w, "rated").empty());
  CHECK(has(said(w.last), "满意 / 基本满意 / 不满意"));
}

TEST_CASE("a word of assent before a staff command does not hide it") {
  for (const char* claim : {"好的，接单1001", "嗯 接单 1001", "好的 接單１００１"}) {
    CAPTURE(std::string(claim));
    World w;
    w.say(group1, "zhangwei", drain);
    w.say("", "wangfang", claim);
    CHECK(w.ticket(1001).claimed_by == "wangfang");
  }
}

TEST_CASE("a resident who follows many tickets is shown the newest ten, told there are more, and can still rate") {
  World w;
  w.say(group1, "zhangwei", drain);
  w.say("", "wangfang", "办结 1001 已疏通");
  REQUIRE(w.ticket(1001).state == TicketState::resolved);
  // Twelve neighbours' reports zhangwei "+1"ed since: newer than the ticket waiting for his rating.
  for (int i = 0; i < 12; ++i) {
    Ticket t = sample_ticket(1002 + i, "neighbour" + std::to_string(i));
    t.created_at = t.updated_at = w.now;
    w.tickets.apply({SaveTicket{t}, AddSubscriber{t.number, Subscriber{"zhangwei", "local", "zhangwei"}}});
  }
  w.say(group1, "zhangwei", "我的工单");
  const std::string list = said(w.last);
  CHECK(has(list, "您最近的10件工单"));
  CHECK(has(list, "#1013"));  // newest first
  CHECK(has(list, "#1004"));
  CHECK_FALSE(has(list, "#1003"));
  CHECK(has(list, "更早的工单未列出"));
  // His own resolved ticket is found for the rating however many he follows.
  w.say(group1, "zhangwei", "满意");
  CHECK(w.ticket(1001).state == TicketState::closed);
  CHECK(w.ticket(1001).rating == Rating::satisfied);
  // With a few, the list says how many and nothing about more.
  World few;
  few.say(group1, "zhangwei", drain);
  few.say(group1, "zhangwei", "我的工单");
  CHECK(has(said(few.last), "您的工单（1件）"));
  CHECK_FALSE(has(said(few.last), "更早的工单未列出"));
}
