#include <doctest/doctest.h>

#include "bot/organization_loader.hpp"
#include "handlers/dispatch.hpp"
#include "tests/support/memory_tickets.hpp"

using namespace gridbot;
using testing::only;

namespace {

struct Desk {
  Organization org = sample_organization();
  testing::MemoryTickets tickets;
  Policy policy;
  Time now = Time(Seconds(1'794'967'200));  // Wednesday 10:00 Beijing
  int next_id = 1;

  Actions say(const std::string& chat, const std::string& sender, const std::string& text) {
    Inbound in{"local", "m" + std::to_string(next_id++), chat, sender, text, std::nullopt, now};
    MessageReceived event{in, chat.empty() ? nullptr : org.group_by_chat("local", chat), org.person_by_account("local", sender)};
    Actions actions = handle(event, Context{now, org, tickets, policy, templates::Catalog::builtin()});
    tickets.apply(actions);
    return actions;
  }
  std::string reply_text(const Actions& actions) {
    auto sends = only<SendMessage>(actions);
    REQUIRE_FALSE(sends.empty());
    return sends[0].text;
  }
};

}  // namespace

TEST_CASE("the grid member claims a ticket: it is theirs, the claim timer is cancelled, the resident is told") {
  Desk d;
  d.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  Actions actions = d.say("", "wangfang", "接单 1001");
  const Ticket& t = d.tickets.tickets.at(1001);
  CHECK(t.state == TicketState::claimed);
  CHECK(t.claimed_by == "wangfang");
  auto cancels = only<CancelTimers>(actions);
  REQUIRE(cancels.size() == 1);
  CHECK(cancels[0].kind == "claim_limit");
  auto sends = only<SendMessage>(actions);
  REQUIRE(sends.size() == 2);
  CHECK(sends[0].user_id == "wangfang");
  CHECK(sends[1].chat_id == "xfl-1-group");
  CHECK(sends[1].text.find("王芳") != std::string::npos);
  CHECK(d.tickets.events.back().kind == "claimed");
}

TEST_CASE("a member of another grid is refused, and nothing changes") {
  Desk d;
  d.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  Actions actions = d.say("", "chenjing", "接单 1001");
  CHECK(only<SaveTicket>(actions).empty());
  CHECK(d.reply_text(actions).find("幸福里第一网格") != std::string::npos);
  CHECK(d.tickets.tickets.at(1001).state == TicketState::accepted);
}

TEST_CASE("the community head may act on every grid of the community") {
  Desk d;
  d.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  d.say("", "zhoulan", "接单 1001");
  CHECK(d.tickets.tickets.at(1001).claimed_by == "zhoulan");
  Desk v;
  v.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  v.say("", "maimaiti", "接单 1001");  // head of another community
  CHECK(v.tickets.tickets.at(1001).claimed_by.empty());
}

TEST_CASE("a second claim is answered, not applied; unknown tickets and commands get a sentence") {
  Desk d;
  d.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  d.say("", "wangfang", "接单 1001");
  Actions again = d.say("", "liqiang", "接单 1001");
  CHECK(only<SaveTicket>(again).empty());
  CHECK(d.reply_text(again).find("王芳") != std::string::npos);
  CHECK(d.reply_text(d.say("", "wangfang", "接单 4242")).find("4242") != std::string::npos);
  CHECK_FALSE(d.reply_text(d.say("", "wangfang", "你好")).empty());
  CHECK_FALSE(d.reply_text(d.say("", "wangfang", "接单")).empty());
}

TEST_CASE("查 shows one ticket with its place and state") {
  Desk d;
  d.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  std::string text = d.reply_text(d.say("", "wangfang", "查 #1001"));
  CHECK(text.find("#1001") != std::string::npos);
  CHECK(text.find("3号楼2单元") != std::string::npos);
  CHECK(text.find("已受理") != std::string::npos);
}

TEST_CASE("a claim deadline that passes unclaimed climbs to the grid head; a claimed ticket is left alone") {
  Desk d;
  d.say("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了");
  const auto reminder = d.tickets.timers.at(0);
  REQUIRE(reminder.kind == "claim_limit");
  const Time due = d.tickets.tickets.at(1001).claim_due_at;
  // The limit's reminder step reminds the member and re-arms the same limit for the deadline.
  Context at_reminder{reminder.due_at, d.org, d.tickets, d.policy, templates::Catalog::builtin()};
  Actions reminded = handle(TimerDue{1, reminder.kind, reminder.ticket, reminder.due_at, reminder.payload}, at_reminder);
  CHECK(only<RecordEvent>(reminded).empty());
  REQUIRE(only<SendMessage>(reminded).size() == 1);
  CHECK(only<SendMessage>(reminded)[0].user_id == "wangfang");
  auto rearmed = only<ScheduleTimer>(reminded);
  REQUIRE(rearmed.size() == 1);
  const ScheduleTimer timer = rearmed[0];
  CHECK(timer.kind == "claim_limit");
  CHECK(timer.due_at == due);
  CHECK(timer.payload == R"({"level":0})");
  Context ctx{timer.due_at, d.org, d.tickets, d.policy, templates::Catalog::builtin()};
  Actions overdue = handle(TimerDue{1, timer.kind, timer.ticket, timer.due_at, timer.payload}, ctx);
  auto events = only<RecordEvent>(overdue);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == "claim_overdue");
  CHECK(events[1].kind == "escalated");
  auto saved = only<SaveTicket>(overdue);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].ticket.escalation_level == 1);
  CHECK(saved[0].ticket.escalated_to == "liqiang");
  CHECK(saved[0].ticket.owner == "wangfang");
  auto sends = only<SendMessage>(overdue);
  REQUIRE(sends.size() == 2);
  CHECK(sends[0].user_id == "liqiang");
  CHECK(sends[1].user_id == "wangfang");

  d.say("", "wangfang", "接单 1001");
  CHECK(handle(TimerDue{1, timer.kind, timer.ticket, timer.due_at, timer.payload}, ctx).empty());
}
