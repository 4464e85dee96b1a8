// Issue 12's mixed organization, end to end: one gridbot process (the real binary) configured with
// both platforms.wecom and platforms.dingtalk, each pointing at its fake on 127.0.0.1. The grid's
// residents' group is a DingTalk group; its manager works in WeCom (and also has a DingTalk
// account), and the organization prefers WeCom for staff. A ticket reported in DingTalk must be
// announced to her by WeCom app message only, handled through WeCom app callbacks, and every
// answer must still reach the residents in the DingTalk group. A manager with only a DingTalk
// account is reached on DingTalk. And the same organization runs a WeCom group at the same time:
// its ticket is handled from DingTalk and answered in WeCom, each group hearing only its own.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "tests/support/fake_dingtalk/callbacks.hpp"
#include "tests/support/fake_dingtalk/fake_dingtalk.hpp"
#include "tests/support/fake_wecom/callbacks.hpp"
#include "tests/support/fake_wecom/fake_wecom.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/sample_organization.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t wednesday_10am = 1'794'967'200;  // Beijing; the service's test clock starts here
const std::string group_chat = "cidMIXEDgroup+xfl1==";  // the first grid's DingTalk openConversationId
const std::string wecom_group_chat = "wrMIXEDxfl2";       // the second grid's WeCom chatid
const std::string token = "gridbotMixedToken";
const std::string aes_key = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
constexpr std::int64_t agent_id = 1000002;

// Wang Fang's two accounts differ from each other and from her member id, so a test that passes
// proves gridbot mapped each platform's id back to the one member rather than reusing a string.
const std::string wangfang_wecom = "WangFang";
const std::string wangfang_dingtalk = "ding-wangfang-0415";
const std::string chenjing_dingtalk = "ding-chenjing-0716";

// The sample organization: everyone on DingTalk (staffId = their id), except that Wang Fang (the
// first grid's manager) also has a WeCom account, Chen Jing (the second grid's) only a DingTalk
// one, and staff are reached on WeCom first. The first grid's group is on DingTalk, the second
// grid's on WeCom, where its resident Wu Jun has an account too.
std::string write_organization(const TempDir& dir) {
  json org = sample_organization(GRIDBOT_SOURCE_DIR);
  for (auto* list : {&org["residents"], &org["members"]})
    for (auto& person : *list) person["accounts"] = {{"dingtalk", person["id"]}};
  for (auto& m : org["members"]) {
    if (m["id"] == "wangfang") m["accounts"] = {{"wecom", wangfang_wecom}, {"dingtalk", wangfang_dingtalk}};
    if (m["id"] == "chenjing") m["accounts"] = {{"dingtalk", chenjing_dingtalk}};
  }
  for (auto& r : org["residents"])
    if (r["id"] == "wujun") r["accounts"]["wecom"] = "wujun";
  for (auto& g : org["groups"]) {
    if (g["id"] == "xfl-1-group") g.update({{"platform", "dingtalk"}, {"account", "main"}, {"chat_id", group_chat}});
    if (g["id"] == "xfl-2-group") g.update({{"platform", "wecom"}, {"account", "main"}, {"chat_id", wecom_group_chat}});
  }
  org["platform_preference"] = {"wecom", "dingtalk"};
  return write_organization_file(dir, org);
}

// DingTalk in HTTP mode (no webhook robot: the group's proactive messages go by the robot API);
// WeCom with its self-built app (staff), an AI bot in callback mode and the second grid's webhook
// robot (its residents' group).
std::string write_config(const TempDir& dir, fake_dingtalk::FakeDingtalk& dingtalk, fake_wecom::FakeWecom& wecom) {
  const auto& d = dingtalk.settings();
  json ding_account = {{"name", "main"},           {"client_id", d.client_id},
                       {"client_secret", d.client_secret}, {"mode", "http"},
                       {"api_base_url", dingtalk.base_url()}, {"oapi_base_url", dingtalk.base_url()}};
  json wecom_account = {{"name", "main"},
                        {"corp_id", wecom.settings().corp_id},
                        {"api_base_url", wecom.base_url()},
                        {"app", {{"agent_id", agent_id}, {"secret", wecom.settings().corp_secret}, {"token", token},
                                 {"encoding_aes_key", aes_key}}},
                        {"aibot", {{"bot_id", wecom.settings().bot_id}, {"bot_name", "网格助手"}, {"mode", "callback"},
                                   {"token", token}, {"encoding_aes_key", aes_key}}},
                        {"webhook_keys", {{"xfl-2-group", "HOOK-XFL2"}}}};
  json config = {{"platforms", {{"dingtalk", {{"accounts", json::array({ding_account})}}},
                                {"wecom", {{"accounts", json::array({wecom_account})}}}}}};
  std::ofstream(dir.file("gridbot.json")) << config.dump(2);
  return dir.file("gridbot.json");
}

// Residents in their groups and staff in their apps on either platform, and what reached each.
class MixedPeople {
 public:
  MixedPeople(fake_dingtalk::FakeDingtalk& dingtalk, fake_wecom::FakeWecom& wecom, std::uint16_t port)
      : dingtalk_(dingtalk), wecom_(wecom), port_(port) {}

  // A resident @s the robot in the DingTalk group, and a member writing to it in a single chat:
  // signed HTTP-mode callbacks.
  void post(const std::string& from, const std::string& text) { send_dingtalk(from, text, true); }
  void dingtalk_dm(const std::string& from, const std::string& text) { send_dingtalk(from, text, false); }

  // A resident @s the AI bot in the WeCom group: a signed, encrypted callback to /wecom/main/aibot.
  void wecom_post(const std::string& from, const std::string& text) {
    fake_wecom::AibotText m;
    m.msgid = "wecom-msg-" + std::to_string(++sequence_);
    m.aibotid = wecom_.settings().bot_id;
    m.chatid = wecom_group_chat;
    m.from = from;
    m.text = text;
    m.response_url = wecom_.api().new_response_url(wecom_.base_url());
    auto c = fake_wecom::aibot_callback({token, aes_key, ""}, "/wecom/main/aibot", fake_wecom::aibot_text_json(m),
                                        wednesday_10am, std::to_string(200000 + sequence_));
    auto r = http_request(port_, "POST", c.target, c.body);
    CHECK(r.status == 200);
  }
  // What gridbot said in the WeCom group: the message's response_url, or the group's webhook robot.
  bool wecom_group_said(const std::string& needle) {
    return wecom_.wait_until([&](const fake_wecom::Records& r) {
      for (const auto* endpoint : {"aibot/response", "webhook/send"})
        for (const auto& c : r.calls_to(endpoint))
          if (c.errcode == 0 && c.body.find(needle) != std::string::npos) return true;
      return false;
    });
  }

  // A member writes to the WeCom self-built app: signed, encrypted XML to /wecom/main/app.
  void app_message(const std::string& from, const std::string& text) {
    fake_wecom::AppText m;
    m.to_user = wecom_.settings().corp_id;
    m.from = from;
    m.create_time = wednesday_10am;
    m.content = text;
    m.msgid = std::to_string(8'000'000 + ++sequence_);
    m.agent_id = agent_id;
    auto c = fake_wecom::app_callback({token, aes_key, wecom_.settings().corp_id}, "/wecom/main/app",
                                      fake_wecom::app_text_xml(m), agent_id, wednesday_10am,
                                      std::to_string(200000 + sequence_));
    auto r = http_request(port_, "POST", c.target, c.body);
    CHECK(r.status == 200);
  }

  // What gridbot said in the DingTalk group: a report's sessionWebhook, or the robot API to the group.
  bool group_said(const std::string& needle) {
    return dingtalk_.wait_until([&](const fake_dingtalk::Records& r) { return count_group(r, needle) > 0; });
  }
  int count_group(const fake_dingtalk::Records& r, const std::string& needle) const {
    int n = 0;
    for (const auto& c : r.calls)
      if (c.errcode == 0 && c.http_status == 200 && c.body.find(needle) != std::string::npos &&
          ((c.endpoint == "robot/sendBySession" && group_sessions_.contains(c.query.at("session"))) ||
           (c.endpoint == "v1.0/robot/groupMessages/send" && c.json.value("openConversationId", "") == group_chat)))
        ++n;
    return n;
  }

  // What gridbot sent a WeCom user by app message (message/send).
  bool wecom_member_got(const std::string& user, const std::string& needle) {
    return wecom_.wait_until([&](const fake_wecom::Records& r) { return count_wecom(r, user, needle) > 0; });
  }
  static int count_wecom(const fake_wecom::Records& r, const std::string& user, const std::string& needle) {
    int n = 0;
    for (const auto& c : r.calls_to("message/send"))
      if (c.errcode == 0 && c.json.value("touser", "") == user &&
          c.json.dump(-1, ' ', false, json::error_handler_t::replace).find(needle) != std::string::npos)
        ++n;
    return n;
  }

  // What gridbot sent a DingTalk user proactively (robot/oToMessages/batchSend); `needle` "": anything.
  bool dingtalk_member_got(const std::string& user, const std::string& needle) {
    return dingtalk_.wait_until([&](const fake_dingtalk::Records& r) { return count_dingtalk(r, user, needle) > 0; });
  }
  static int count_dingtalk(const fake_dingtalk::Records& r, const std::string& user, const std::string& needle) {
    int n = 0;
    for (const auto& c : r.calls_to("v1.0/robot/oToMessages/batchSend"))
      if (c.json.contains("userIds") && c.json["userIds"].is_array() &&
          std::ranges::find(c.json["userIds"], json(user)) != c.json["userIds"].end() &&
          c.body.find(needle) != std::string::npos)
        ++n;
    return n;
  }

  // Everything both fakes saw, for a failure's report.
  std::string transcript() const {
    std::string out;
    for (const auto& c : wecom_.records().calls) out += "wecom " + c.endpoint + " " + c.body + "\n";
    for (const auto& c : dingtalk_.records().calls) out += "dingtalk " + c.endpoint + " " + c.body + "\n";
    return out;
  }

 private:
  void send_dingtalk(const std::string& from, const std::string& text, bool group) {
    fake_dingtalk::RobotText m;
    m.msgid = "ding-msg-" + std::to_string(++sequence_);
    m.from = from;
    m.text = text;
    m.group = group;
    m.conversation_id = group ? group_chat : "cidDM" + from;
    m.conversation_title = group ? "幸福里第一网格居民群" : "";
    m.robot_code = dingtalk_.settings().client_id;
    m.session_webhook = dingtalk_.new_session_webhook();
    m.now = wednesday_10am;
    if (group) group_sessions_.insert(fake_dingtalk::session_of(m.session_webhook));
    auto r = http_request(port_, "POST", "/dingtalk/main/robot", fake_dingtalk::robot_text_message(m).dump(),
                          fake_dingtalk::robot_callback_headers(dingtalk_.settings().client_secret, wednesday_10am * 1000));
    CHECK(r.status == 200);
  }

  fake_dingtalk::FakeDingtalk& dingtalk_;
  fake_wecom::FakeWecom& wecom_;
  std::uint16_t port_;
  int sequence_ = 0;
  std::set<std::string> group_sessions_;
};

// One gridbot process with both platforms, and the two fakes it talks to.
struct Deployment {
  fake_dingtalk::FakeDingtalk dingtalk;
  fake_wecom::FakeWecom wecom;
  TempDir dir;
  ServiceProcess service{GRIDBOT_BINARY, dir.path().string(),
                         {"--config", write_config(dir, dingtalk, wecom), "--organization", write_organization(dir),
                          "--test-clock=" + std::to_string(wednesday_10am)}};
  MixedPeople people{dingtalk, wecom, service.port()};
};

}  // namespace

TEST_CASE("A mixed organization: reported in a DingTalk group, handled by a member in WeCom, answered in DingTalk") {
  Deployment d;
  auto& dingtalk = d.dingtalk;
  auto& wecom = d.wecom;
  auto& service = d.service;
  auto& p = d.people;

  // The report and its receipt, both in the DingTalk group.
  p.post("zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  CHECK(p.group_said("#1001"));
  // The staff notification: by WeCom app message to her WeCom userid, and not on DingTalk.
  INFO(p.transcript());
  REQUIRE(p.wecom_member_got(wangfang_wecom, "【新工单 #1001】"));
  CHECK(wecom.records().calls_to("message/send").front().json.value("agentid", 0) == agent_id);
  CHECK(MixedPeople::count_dingtalk(dingtalk.records(), wangfang_dingtalk, "") == 0);

  // She works the ticket from WeCom; each step reaches the residents in the DingTalk group.
  p.app_message(wangfang_wecom, "接单 1001");
  CHECK(p.group_said("已由网格员王芳认领"));
  p.app_message(wangfang_wecom, "回复 1001 师傅下午三点到");
  CHECK(p.group_said("师傅下午三点到"));
  p.app_message(wangfang_wecom, "办结 1001 已疏通管道");
  CHECK(p.group_said("请评价处理结果"));
  // The resident rates in DingTalk; the rating is thanked there and reaches her in WeCom.
  p.post("zhangwei", "满意");
  CHECK(p.group_said("感谢您的评价"));
  CHECK(p.wecom_member_got(wangfang_wecom, "居民评价：满意"));

  // A report from building 5 belongs to the second grid, whose manager has only DingTalk: she is
  // told on DingTalk, and nothing about it goes to WeCom.
  p.post("liuna", "5号楼门口的路灯不亮了");
  CHECK(p.dingtalk_member_got(chenjing_dingtalk, "【新工单 #1002】"));
  CHECK(p.group_said("#1002"));

  // Nothing for Wang Fang ever went to her DingTalk account, and nothing for Chen Jing to WeCom:
  // one member, one platform, the preferred one she has.
  const auto ding = dingtalk.records();
  const auto wc = wecom.records();
  CHECK(MixedPeople::count_dingtalk(ding, wangfang_dingtalk, "") == 0);
  CHECK(MixedPeople::count_dingtalk(ding, "wangfang", "") == 0);
  CHECK(MixedPeople::count_wecom(wc, wangfang_wecom, "#1002") == 0);
  for (const auto& c : wc.calls_to("message/send")) CHECK(c.json.value("touser", "") == wangfang_wecom);
  // Each of gridbot's answers to the group was said once, not once per platform.
  CHECK(p.count_group(ding, "师傅下午三点到") == 1);
  CHECK(wc.calls_to("webhook/send").empty());
  CHECK(service.stop() == 0);
}

TEST_CASE("Groups on both platforms at once: a WeCom group's ticket handled by a member on DingTalk") {
  Deployment d;
  auto& p = d.people;
  // A report in each group: the first grid's on DingTalk, the second grid's on WeCom.
  p.post("zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  p.wecom_post("wujun", "6号楼门口的路灯不亮了");
  INFO(p.transcript());
  CHECK(p.group_said("#1001"));
  CHECK(p.wecom_group_said("#1002"));
  CHECK(p.wecom_member_got(wangfang_wecom, "【新工单 #1001】"));
  // Chen Jing has only DingTalk: the WeCom group's ticket reaches her there.
  REQUIRE(p.dingtalk_member_got(chenjing_dingtalk, "【新工单 #1002】"));

  // She works it from a DingTalk single chat; the residents hear it in their WeCom group.
  p.dingtalk_dm(chenjing_dingtalk, "接单 1002");
  CHECK(p.wecom_group_said("已由网格员陈静认领"));
  p.dingtalk_dm(chenjing_dingtalk, "回复 1002 电工明天上午来换灯");
  CHECK(p.wecom_group_said("电工明天上午来换灯"));
  p.dingtalk_dm(chenjing_dingtalk, "办结 1002 已换新灯");
  CHECK(p.wecom_group_said("请评价处理结果"));
  p.wecom_post("wujun", "满意");
  CHECK(p.wecom_group_said("感谢您的评价"));
  CHECK(p.dingtalk_member_got(chenjing_dingtalk, "居民评价：满意"));

  // Each ticket's answers stayed in the group it was reported in.
  const auto ding = d.dingtalk.records();
  CHECK(p.count_group(ding, "#1002") == 0);
  CHECK(p.count_group(ding, "电工明天上午来换灯") == 0);
  for (const auto* endpoint : {"aibot/response", "webhook/send"})
    for (const auto& c : d.wecom.records().calls_to(endpoint)) CHECK(c.body.find("#1001") == std::string::npos);
  CHECK(d.service.stop() == 0);
}
