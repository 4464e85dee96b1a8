// Notices (通知) by direct message: scope and jurisdiction, the confirmation step, acknowledgements
// counted from the ack intent and its variants (and not from what only looks like one), the rule
// between a pending rating and an open notice, the deadline's list and reminder, the report.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "handlers/notices/compose.hpp"
#include "handlers/notices/notice_commands.hpp"
#include "handlers/notices/notice_templates.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const std::string group1 = "xfl-1-group";
const std::string water = "明天9:00-17:00停水，请提前储水，收到请回复";

// The sample organization with tags on groups, for scopes by tag.
World tagged_world() {
  auto file = sample_organization_file();
  auto doc = nlohmann::json::parse(file.text);
  doc["groups"][0]["tags"] = {"沿河"};
  doc["groups"][3]["tags"] = {"沿河", "老旧小区"};
  file.text = doc.dump();
  return World(file);
}

std::vector<DeliverNotice> deliveries(const Actions& actions) { return only<DeliverNotice>(actions); }

// wangfang (manager of xfl-1) sends a notice asking for acknowledgement and confirms it.
void send_water_notice(World& w, const std::string& sender = "wangfang", const std::string& scope = "幸福里第一网格") {
  w.say("", sender, "通知 " + scope + " " + water);
  w.say("", sender, "确认");
  w.notices.mark_all_sent();
}

std::set<std::string> acknowledged(const World& w, std::int64_t notice = 1) {
  std::set<std::string> out;
  for (const auto& a : w.notices.acks)
    if (a.notice == notice) out.insert(a.person);
  return out;
}

}  // namespace

TEST_CASE("the command: a scope and a text; progress by number; talk about 通知 in passing is not one") {
  auto c = parse_notice_command("通知 幸福里社区、杨柳村 明天停水");
  REQUIRE(c);
  REQUIRE(std::holds_alternative<ComposeCommand>(*c));
  CHECK(std::get<ComposeCommand>(*c).scope == "幸福里社区、杨柳村");
  CHECK(std::get<ComposeCommand>(*c).text == "明天停水");
  for (const char* progress : {"通知 3 进度", "通知3进度", "通知 #3 进度"}) {
    auto p = parse_notice_command(progress);
    REQUIRE(p);
    REQUIRE(std::holds_alternative<ProgressCommand>(*p));
    CHECK(std::get<ProgressCommand>(*p).notice == 3);
  }
  CHECK(!parse_notice_command("通知大家明天开会"));
  CHECK(!parse_notice_command("接单 1001"));
  CHECK(std::holds_alternative<NoticeHelp>(*parse_notice_command("通知")));
}

TEST_CASE("a notice waits for confirmation, which shows how many groups and people it reaches") {
  World w;
  w.say("", "zhoulan", "通知 幸福里社区 " + water);
  CHECK(deliveries(w.last).empty());
  auto confirm = to_user_(w.last, "zhoulan");
  REQUIRE(confirm.size() == 1);
  // xfl-1: 3 members and 2 residents; xfl-2: 2 members and 2 residents; not the sender herself.
  CHECK(has(confirm[0].text, "2 个群"));
  CHECK(has(confirm[0].text, "覆盖 9 人"));
  CHECK(has(confirm[0].text, "回复「确认」"));
  REQUIRE(w.notices.notices.at(1).status == NoticeStatus::draft);

  w.say("", "zhoulan", "确认");
  auto sent = deliveries(w.last);
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].group_id == "xfl-1-group");
  CHECK(sent[1].group_id == "xfl-2-group");
  CHECK(sent[0].message.priority == Priority::notice);
  CHECK(has(sent[0].message.text, "停水"));
  CHECK(has(sent[0].message.text, "收到请回复「收到」"));
  CHECK(w.notices.notices.at(1).status == NoticeStatus::sent);
  CHECK(w.notices.notices.at(1).require_ack);
  CHECK(w.notices.notices.at(1).deadline == w.now + default_ack_window);
  CHECK(to_user_(w.last, "zhoulan").size() == 1);

  // A second 确认 has nothing left to confirm.
  w.say("", "zhoulan", "确认");
  CHECK(deliveries(w.last).empty());
}

TEST_CASE("取消 at the confirmation sends nothing") {
  World w;
  w.say("", "wangfang", "通知 全部 今晚8点小区消防演练");
  w.say("", "wangfang", "取消");
  CHECK(deliveries(w.last).empty());
  CHECK(w.notices.notices.at(1).status == NoticeStatus::cancelled);
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "已取消"));
}

TEST_CASE("scope: 全部 is all of one's own groups; streets, grids, lists and tags resolve; unknown items are named") {
  World w = tagged_world();
  w.say("", "gaojian", "通知 全部 防汛预警：今晚有暴雨");
  w.say("", "gaojian", "确认");
  CHECK(deliveries(w.last).size() == 4);

  w.say("", "zhoulan", "通知 全部 社区议事会周五召开");
  w.say("", "zhoulan", "确认");
  CHECK(deliveries(w.last).size() == 2);

  w.say("", "gaojian", "通知 幸福里第二网格、杨柳村二组群 明早检修电梯");
  w.say("", "gaojian", "确认");
  auto listed = deliveries(w.last);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].group_id == "xfl-2-group");
  CHECK(listed[1].group_id == "yl-2-group");

  w.say("", "gaojian", "通知 #沿河 河道水位上涨，请勿靠近");
  w.say("", "gaojian", "确认");
  auto tagged = deliveries(w.last);
  REQUIRE(tagged.size() == 2);
  CHECK(tagged[0].group_id == "xfl-1-group");
  CHECK(tagged[1].group_id == "yl-2-group");

  w.say("", "gaojian", "通知 火星社区 明天停水");
  CHECK(has(to_user_(w.last, "gaojian").at(0).text, "没有找到「火星社区」"));
  CHECK(only<SaveNotice>(w.last).empty());
}

TEST_CASE("permissions: a notice reaches only the sender's own groups; stewards, liaisons and residents send none") {
  World w;
  w.say("", "wangfang", "通知 杨柳村 明天停水");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "不在您负责的范围内"));
  CHECK(only<SaveNotice>(w.last).empty());

  // Named together with her own grid, the foreign group still stops the whole notice.
  w.say("", "wangfang", "通知 幸福里第一网格、幸福里第二网格 明天停水");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "幸福里第二网格居民群"));
  CHECK(only<SaveNotice>(w.last).empty());

  for (const char* who : {"zhaomin", "liuyang"}) {
    w.say("", who, "通知 幸福里第一网格 明天停水");
    CHECK(has(to_user_(w.last, who).at(0).text, "发通知需要"));
    CHECK(only<SaveNotice>(w.last).empty());
  }
  w.say("", "zhangwei", "通知 幸福里第一网格 明天停水");
  CHECK(only<SaveNotice>(w.last).empty());
  CHECK(deliveries(w.last).empty());
}

TEST_CASE("acknowledgements: the ack intent and its variants count, once per person, from residents and staff") {
  World w;
  send_water_notice(w, "zhoulan", "幸福里社区");
  w.say(group1, "zhangwei", "收到 3-2-501");
  w.say(group1, "liuna", "已閱");  // traditional script
  w.say(group1, "liqiang", "好的收到");  // staff count too
  w.say("xfl-2-group", "wujun", "收到！");
  w.say("xfl-2-group", "zhenghong", "1");
  CHECK(acknowledged(w) == std::set<std::string>{"zhangwei", "liuna", "liqiang", "wujun", "zhenghong"});
  REQUIRE(w.notices.acks.size() == 5);
  CHECK(w.notices.acks[0].group_id == group1);

  // Again: counted once, and the second 收到 is chat (no reply, no ticket).
  w.say(group1, "zhangwei", "收到");
  CHECK(w.notices.acks.size() == 5);
  CHECK(w.last.empty());
}

TEST_CASE("not acknowledgements: a denial, a question, a report; 收到 with no open notice stays chat") {
  World w;
  w.say(group1, "zhangwei", "收到");
  CHECK(w.last.empty());
  CHECK(w.notices.acks.empty());

  send_water_notice(w);
  w.say(group1, "zhangwei", "我家没收到水");
  w.say(group1, "liuna", "收到了吗");
  w.say(group1, "liuna", "1号楼停水了");
  CHECK(w.notices.acks.empty());
  // The reports are tickets, not acknowledgements: "我家没收到水" says the water did not come (the
  // understanding module no longer files it under ack); the question is chat.
  CHECK(w.tickets.tickets.size() == 2);

  // After the deadline the notice is closed: 收到 is chat again.
  w.run_until(w.now + default_ack_window);
  w.say(group1, "zhangwei", "收到");
  CHECK(w.notices.acks.empty());
}

TEST_CASE("a bare 1 with a rating pending and a notice open: the most recent prompt wins, a quote decides") {
  SUBCASE("notice after the rating request: 1 acknowledges, the ticket still waits") {
    World w;
    w.say(group1, "zhangwei", "3号楼2单元下水道堵了");
    w.say("", "wangfang", "接单 1001");
    w.say("", "wangfang", "办结 1001 已疏通");
    w.now += minutes(5);
    send_water_notice(w);
    w.say(group1, "zhangwei", "1");
    CHECK(acknowledged(w) == std::set<std::string>{"zhangwei"});
    CHECK(w.ticket(1001).rating == Rating::none);
  }
  SUBCASE("rating request after the notice: 1 rates, and is not also an acknowledgement") {
    World w;
    w.say(group1, "zhangwei", "3号楼2单元下水道堵了");
    w.say("", "wangfang", "接单 1001");
    send_water_notice(w);
    w.now += minutes(5);
    w.say("", "wangfang", "办结 1001 已疏通");
    w.say(group1, "zhangwei", "1");
    CHECK(w.ticket(1001).rating == Rating::satisfied);
    CHECK(w.notices.acks.empty());
  }
  SUBCASE("quoting the notice acknowledges it, however recent the rating request") {
    World w;
    w.say(group1, "zhangwei", "3号楼2单元下水道堵了");
    w.say("", "wangfang", "接单 1001");
    send_water_notice(w);
    w.now += minutes(5);
    w.say("", "wangfang", "办结 1001 已疏通");
    w.say(group1, "zhangwei", "1", "n1-" + group1);
    CHECK(acknowledged(w) == std::set<std::string>{"zhangwei"});
    CHECK(w.ticket(1001).rating == Rating::none);
  }
}

TEST_CASE("at the deadline the grid member gets the non-responders and the group one reminder @-mentioning them") {
  World w;
  w.say("", "wangfang", "通知 幸福里第一网格 今晚燃气检修，请于2小时内回复收到");
  w.say("", "wangfang", "确认");
  w.notices.mark_all_sent();
  const Time deadline = w.notices.notices.at(1).deadline;
  CHECK(deadline == w.now + hours(2));
  w.say(group1, "zhangwei", "收到");
  w.say(group1, "liqiang", "收到");

  Actions before = w.run_until(deadline - minutes(1));
  CHECK(before.empty());
  Actions at = w.run_until(deadline);
  auto to_member = to_user_(at, "wangfang");
  REQUIRE(to_member.size() == 1);
  CHECK(has(to_member[0].text, "3 人未回复"));
  for (const char* name : {"刘娜", "赵敏", "周兰"}) CHECK(has(to_member[0].text, name));
  CHECK(!has(to_member[0].text, "张伟"));
  CHECK(!has(to_member[0].text, "王芳"));  // the sender is not asked to acknowledge her own notice
  auto reminder = to_chat_(at, group1);
  REQUIRE(reminder.size() == 1);
  CHECK(std::set<std::string>(reminder[0].mentions.begin(), reminder[0].mentions.end()) ==
        std::set<std::string>{"liuna", "zhaomin", "zhoulan"});
  CHECK(reminder[0].priority == Priority::notice);
  CHECK(has(reminder[0].text, "燃气检修"));
}

TEST_CASE("通知 N 进度: delivered, failed with the reason, reached, acknowledged per grid; only for those it concerns") {
  World w;
  w.say("", "zhoulan", "通知 幸福里社区 " + water);
  w.say("", "zhoulan", "确认");
  w.notices.mark_sent(1, "xfl-1-group", "msg-a");
  w.notices.mark_dead(1, "xfl-2-group", 93000);
  w.say(group1, "zhangwei", "收到");
  w.say(group1, "liuna", "收到");

  w.say("", "zhoulan", "通知 1 进度");
  auto report = to_user_(w.last, "zhoulan");
  REQUIRE(report.size() == 1);
  CHECK(has(report[0].text, "目标 2 个群，已送达 1，失败 1"));
  CHECK(has(report[0].text, "覆盖 5 人"));
  CHECK(has(report[0].text, "幸福里第一网格：2/5（40%）"));
  CHECK(has(report[0].text, "幸福里第二网格居民群——未能发出（平台错误码 93000）"));

  w.say("", "aliya", "通知 1 进度");  // yl-1's manager
  CHECK(has(to_user_(w.last, "aliya").at(0).text, "不是您发的"));
  w.say("", "gaojian", "通知 1 进度");  // the street holds every group of it
  CHECK(has(to_user_(w.last, "gaojian").at(0).text, "目标 2 个群"));
  w.say("", "gaojian", "通知 9 进度");
  CHECK(has(to_user_(w.last, "gaojian").at(0).text, "没有找到通知 #9"));
}

TEST_CASE("a scheduled notice goes out at its time; its deadline counts from then") {
  World w;
  NoticeRequest request;
  request.scope.grids = {"xfl-1"};
  request.text = "周六上午社区义诊";
  request.require_ack = true;
  request.send_at = w.now + hours(3);
  request.deadline = w.now + hours(5);
  auto composed = compose_notice(request, *w.org.member("wangfang"), "local", "wangfang", w.context());
  REQUIRE(std::holds_alternative<Notice>(composed));
  Actions queued = release_notice(std::get<Notice>(composed), w.context());
  w.tickets.apply(queued);
  w.notices.apply(queued);
  CHECK(deliveries(queued).empty());
  CHECK(w.notices.notices.at(1).status == NoticeStatus::scheduled);

  CHECK(deliveries(w.run_until(w.now + hours(3) - minutes(1))).empty());
  Actions out = w.run_until(w.now + minutes(1));
  REQUIRE(deliveries(out).size() == 1);
  CHECK(w.notices.notices.at(1).status == NoticeStatus::sent);
  CHECK(has(to_user_(out, "wangfang").at(0).text, "已开始发往 1 个群"));
  w.notices.mark_all_sent();
  w.say(group1, "liuna", "收到");
  CHECK(acknowledged(w) == std::set<std::string>{"liuna"});
}

TEST_CASE("staff commands in groups are answered as before; other staff talk in groups still makes nothing") {
  World w;
  w.say(group1, "wangfang", "接单 1001");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "私信"));
  w.say(group1, "wangfang", "大家注意安全");
  CHECK(w.last.empty());
}

TEST_CASE("languages: a group's setting decides which versions its copy carries; templates have ug and kk") {
  auto file = sample_organization_file();
  auto doc = nlohmann::json::parse(file.text);
  doc["groups"][2]["languages"] = {"ug", "kk"};  // yl-1-group
  file.text = doc.dump();
  World w(file);
  NoticeRequest request;
  request.scope.communities = {"yangliu"};
  request.text = "明天停水";
  request.versions = {{"ug", "ئەتە سۇ توختىتىلىدۇ"}, {"kk", "Ертең су болмайды"}};
  auto composed = compose_notice(request, *w.org.member("maimaiti"), "local", "maimaiti", w.context());
  REQUIRE(std::holds_alternative<Notice>(composed));
  auto copies = deliveries(release_notice(std::get<Notice>(composed), w.context()));
  REQUIRE(copies.size() == 2);
  CHECK(copies[0].group_id == "yl-1-group");
  CHECK(has(copies[0].message.text, "明天停水"));
  CHECK(has(copies[0].message.text, "ئەتە سۇ توختىتىلىدۇ"));
  CHECK(has(copies[0].message.text, "Ертең су болмайды"));
  CHECK(has(copies[1].message.text, "明天停水"));
  CHECK(!has(copies[1].message.text, "ئەتە"));  // yl-2 reads Chinese only

  request.versions = {{"fr", "demain"}};
  CHECK(std::holds_alternative<ComposeRefusal>(compose_notice(request, *w.org.member("maimaiti"), "local", "maimaiti", w.context())));

  auto rendered = render_notice_template("water_outage", {{"reason", "管道检修"}, {"area", "3号楼"}, {"start", "9:00"}, {"end", "17:00"}, {"contact", "12345"}},
                                         templates::Catalog::builtin());
  REQUIRE(std::holds_alternative<RenderedNotice>(rendered));
  CHECK(has(std::get<RenderedNotice>(rendered).text, "因管道检修，3号楼将于9:00至17:00停水"));
  CHECK(has(std::get<RenderedNotice>(rendered).versions.at("ug"), "管道检修"));
  CHECK(std::get<RenderedNotice>(rendered).versions.contains("kk"));
  auto missing = render_notice_template("water_outage", {{"reason", "管道检修"}}, templates::Catalog::builtin());
  REQUIRE(std::holds_alternative<TemplateProblem>(missing));
  CHECK(has(std::get<TemplateProblem>(missing).reason, "'area'"));
}

TEST_CASE("a bare number answering a later 'which ticket?' chooses; before that question it acknowledges") {
  World w;
  w.say(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  w.say(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
  send_water_notice(w);
  w.now += minutes(5);
  w.say(group1, "zhangwei", "撤销");
  w.say(group1, "zhangwei", "2");
  CHECK(w.ticket(1001).state == TicketState::cancelled);
  CHECK(w.notices.acks.empty());
  w.say(group1, "zhangwei", "1");  // nothing asked of him any more: the notice's
  CHECK(acknowledged(w) == std::set<std::string>{"zhangwei"});
}

TEST_CASE("by direct message: 定时 schedules, 截止 sets the deadline, both in local time; neither is left in the text") {
  World w;  // Wednesday 10:00 in Beijing
  w.say("", "wangfang", "通知 幸福里第一网格 定时18:00 今晚停电检修，收到请回复，截止20:00");
  CHECK(has(to_user_(w.last, "wangfang").at(0).text, "将于11月18日 18:00发往 1 个群"));
  w.say("", "wangfang", "确认");
  const Notice& n = w.notices.notices.at(1);
  CHECK(n.status == NoticeStatus::scheduled);
  CHECK(n.send_at == w.now + hours(8));
  CHECK(n.deadline == w.now + hours(10));
  CHECK(n.text == "今晚停电检修，收到请回复");
  CHECK(deliveries(w.last).empty());
  Actions out = w.run_until(w.now + hours(8));
  REQUIRE(deliveries(out).size() == 1);
  CHECK(!has(deliveries(out)[0].message.text, "定时"));

  // A time already past today is tomorrow's.
  w.say("", "wangfang", "通知 幸福里第一网格 定时09:00 明早消杀，请关好门窗");
  w.say("", "wangfang", "确认");
  CHECK(w.notices.notices.at(2).send_at == w.now + hours(15));
}
