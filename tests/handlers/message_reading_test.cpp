// The word tests of a message's text, read once (handlers/message_reading.hpp): the pipeline reads
// them on the HTTP thread and the handlers, on the writer thread, act on what they are given.
#include <doctest/doctest.h>

#include "handlers/message_reading.hpp"
#include "handlers/resident_followups.hpp"
#include "handlers/resident_status.hpp"
#include "handlers/sensitive_topics.hpp"
#include "tests/handlers/conversation_steps.hpp"

using namespace gridbot;
using namespace gridbot::testing;

TEST_CASE("a message's reading says what each word test says of it, variants included") {
  struct Case {
    const char* text;
    bool rating, score, query, command, cancel, chase, asking, agrees, bare;
  };
  const Case cases[] = {
      // text                         rating score query command cancel chase asking agrees bare
      {"不满意 灯还是不亮", true, false, false, false, false, false, false, false, false},
      {"不滿意！", true, false, false, false, false, false, false, false, true},
      {"差评", true, false, false, false, false, false, false, false, true},
      {"5分", false, true, false, false, false, false, false, false, false},
      {"我的工单", false, false, true, true, false, false, false, false, false},
      {"查 1003", false, false, true, true, false, false, false, false, false},
      {"取消1002", false, false, false, false, true, false, false, false, false},
      {"撤銷", false, false, false, false, true, false, false, false, false},
      {"催一下，怎么还没人来", true, false, false, false, false, true, false, false, false},
      {"下水道修好了吗？", false, false, false, false, false, false, true, false, false},
      {"好的，我明早在家", false, false, false, false, false, false, false, true, false},
      {"3号楼2单元下水道堵了，污水漫到楼道了", false, false, false, false, false, false, false, false, false},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    const MessageReading r = read_message(c.text);
    CHECK(r.rating.has_value() == c.rating);
    CHECK(r.score == c.score);
    CHECK(r.resident_query == c.query);
    CHECK(r.command.has_value() == c.command);
    CHECK(r.cancel == c.cancel);
    CHECK(r.chase == c.chase);
    CHECK(r.asking == c.asking);
    CHECK(r.agrees_and_adds == c.agrees);
    CHECK(r.bare_rating == c.bare);
    // The same answers as the tests themselves, so reading ahead changes no decision.
    CHECK(r.rating.has_value() == parse_rating_answer(c.text).has_value());
    CHECK(r.cancel == is_cancel_request(c.text));
    CHECK(r.chase == is_explicit_chase(c.text));
    CHECK(r.asking == is_status_question(c.text));
    CHECK(r.resident_query == parse_resident_query(c.text).has_value());
    CHECK(r.sensitive_matter == is_sensitive_matter(c.text));
  }
  CHECK(read_message("我老公又打我了，救命").sensitive_matter);
  CHECK(read_message("查 1003").query_number == 1003);
}

TEST_CASE("the handlers act on the reading they are given, and read the text themselves without one") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  REQUIRE(w.ticket(1001).state == TicketState::accepted);
  auto send = [&](const std::string& text, std::optional<MessageReading> read) {
    Inbound in{"local", "m-read-" + text, group1, "zhangwei", text, std::nullopt, w.now};
    in.read = std::move(read);
    MessageReceived event{in, w.org.group_by_chat("local", group1), w.org.person_by_account("local", "zhangwei")};
    w.last = handle(event, w.context());
    w.tickets.apply(w.last);
  };
  // Read by the handler: a chat line withdraws nothing.
  send("好的", std::nullopt);
  CHECK(w.ticket(1001).state == TicketState::accepted);
  // Given a reading that says "withdrawal", the handler does not test the words again.
  MessageReading withdrawal;
  withdrawal.cancel = true;
  send("好的", withdrawal);
  CHECK(w.ticket(1001).state == TicketState::cancelled);
}
