#include <doctest/doctest.h>

#include "bot/organization_loader.hpp"
#include "handlers/dispatch.hpp"
#include "tests/support/memory_tickets.hpp"

using namespace gridbot;
using testing::only;

namespace {

struct World {
  Organization org = sample_organization();
  testing::MemoryTickets tickets;
  Policy policy;
  Time now = Time(Seconds(1'794'967'200));  // Wednesday 2026-11-18 10:00 Beijing time

  Context context() { return Context{now, org, tickets, policy, templates::Catalog::builtin()}; }

  Actions post(const std::string& chat, const std::string& sender, const std::string& text, const std::string& id = "m1") {
    Inbound in{"local", id, chat, sender, text, std::nullopt, now};
    MessageReceived event{in, chat.empty() ? nullptr : org.group_by_chat("local", chat), org.person_by_account("local", sender)};
    Actions actions = handle(event, context());
    tickets.apply(actions);
    return actions;
  }
};

}  // namespace

TEST_CASE("a resident's request in a grid group becomes a ticket with receipt, assignment and deadline") {
  World w;
  Actions actions = w.post("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");

  auto saved = only<SaveTicket>(actions);
  REQUIRE(saved.size() == 1);
  const Ticket& t = saved[0].ticket;
  CHECK(t.number == 1001);
  CHECK(t.category == "drainage");
  CHECK(t.grid == "xfl-1");
  CHECK(t.community == "xingfuli");
  CHECK(t.building == "3");
  CHECK(t.unit == "2");
  CHECK(t.owner == "wangfang");
  CHECK(t.state == TicketState::accepted);
  CHECK(t.claim_due_at == w.now + w.policy.normal.claim);
  // 72 h of working time from Wednesday 10:00 skips the weekend: Monday 10:00.
  CHECK(t.resolve_due_at == w.now + std::chrono::hours(24 * 5));

  auto sends = only<SendMessage>(actions);
  REQUIRE(sends.size() == 3);
  const SendMessage& receipt = sends[0];
  CHECK(receipt.chat_id == "xfl-1-group");
  CHECK(receipt.mentions == std::vector<std::string>{"zhangwei"});
  CHECK(receipt.text.find('@') == std::string::npos);  // the adapter renders the mention its own way
  CHECK(receipt.text.find("#1001") != std::string::npos);
  CHECK(receipt.text.find("排水堵塞") != std::string::npos);
  CHECK(receipt.text.find("3号楼2单元") != std::string::npos);
  CHECK(receipt.text.find("王芳") != std::string::npos);
  CHECK(receipt.ticket == 1001);

  const SendMessage& assignment = sends[1];
  CHECK(assignment.chat_id.empty());
  CHECK(assignment.user_id == "wangfang");
  CHECK(assignment.text.find("下水道堵了") != std::string::npos);
  CHECK(assignment.text.find("接单 1001") != std::string::npos);

  const SendMessage& steward_copy = sends[2];
  CHECK(steward_copy.user_id == "zhaomin");  // 楼门管家 of building 3
  CHECK(steward_copy.text.find("3号楼") != std::string::npos);

  auto timers = only<ScheduleTimer>(actions);
  // One row per limit, first at its reminder: the reminder re-arms it for the deadline.
  REQUIRE(timers.size() == 2);
  CHECK(timers[0].kind == "claim_limit");
  CHECK(timers[0].due_at == w.now + std::chrono::minutes(96));  // 80% of 2 h
  CHECK(timers[0].payload == R"({"level":0,"step":"reminder"})");
  CHECK(timers[1].kind == "resolve_limit");
  CHECK(timers[1].due_at < t.resolve_due_at);
  CHECK(timers[1].payload == R"({"level":0,"step":"reminder"})");
  CHECK(only<LinkMessage>(actions).size() == 1);
  CHECK(w.tickets.ticket_of_message("local", "m1") == 1001);
}

TEST_CASE("greetings, acknowledgements, thanks and chit-chat create nothing") {
  World w;
  for (const char* text : {"收到", "大家早上好", "谢谢网格员", "收到收到", "今天天气真好啊", "哈哈哈"}) {
    CAPTURE(text);
    CHECK(w.post("xfl-1-group", "zhangwei", text).empty());
  }
  CHECK(w.tickets.tickets.empty());
}

TEST_CASE("ticket numbers increase and an urgent report gets the urgent time limits") {
  World w;
  w.post("xfl-1-group", "zhangwei", "3号楼下水道堵了", "m1");
  Actions actions = w.post("xfl-2-group", "wujun", "6号楼3单元电梯困人了！！里面有老人，快来人", "m2");
  auto saved = only<SaveTicket>(actions);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].ticket.number == 1002);
  CHECK(saved[0].ticket.urgent);
  CHECK(saved[0].ticket.owner == "chenjing");
  CHECK(saved[0].ticket.claim_due_at == w.now + w.policy.urgent.claim);
  CHECK(only<SendMessage>(actions)[0].priority == Priority::urgent);
}

TEST_CASE("staff chatting in a group is not a report, and a resident's direct message gets guidance") {
  World w;
  CHECK(w.post("xfl-1-group", "wangfang", "3号楼下水道堵了，我去看看").empty());
  Actions direct = w.post("", "zhangwei", "你好");
  auto sends = only<SendMessage>(direct);
  REQUIRE(sends.size() == 1);
  CHECK(sends[0].user_id == "zhangwei");
  CHECK_FALSE(sends[0].text.empty());
  CHECK(w.tickets.tickets.empty());
}

TEST_CASE("a stranger in a bound group is still heard, under their platform id") {
  World w;
  Actions actions = w.post("xfl-1-group", "visitor-9", "2号楼楼道灯不亮了好几天了");
  auto saved = only<SaveTicket>(actions);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].ticket.reporter_id == "visitor-9");
  CHECK(only<SendMessage>(actions)[0].mentions == std::vector<std::string>{"visitor-9"});
}

TEST_CASE("a resident's message uses the understanding the pipeline computed before the writer, if it carries one") {
  // The pipeline understands a message on the HTTP thread and hands that on; the handler must use
  // it rather than compute it again. A chat text carrying a request's understanding shows which.
  World w;
  const std::string text = "大家好";
  CHECK(only<SaveTicket>(w.post("xfl-1-group", "zhangwei", text, "m1")).empty());

  understand::Understanding precomputed;
  precomputed.intent = understand::Intent::request;
  precomputed.category = "drainage";
  precomputed.building = "3";
  Inbound in{"local", "m2", "xfl-1-group", "zhangwei", text, std::nullopt, w.now, precomputed};
  MessageReceived event{in, w.org.group_by_chat("local", "xfl-1-group"), w.org.person_by_account("local", "zhangwei")};
  auto saved = only<SaveTicket>(handle(event, w.context()));
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].ticket.category == "drainage");
  CHECK(saved[0].ticket.building == "3");
}
