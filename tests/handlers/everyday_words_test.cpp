// A demanding user's pass over issue 7 (QA): the variants people type around the words the first
// tests used — more verdicts, "still broken", withdrawals and queries in other words, answers to
// "which one?" that name the thing, status questions and chases, staff commands typed in a hurry.
#include <doctest/doctest.h>

#include "handlers/rating_words.hpp"
#include "tests/handlers/conversation_steps.hpp"

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
