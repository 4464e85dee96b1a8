// The foundation's scenario over WeCom: the real binary, configured to talk to the fake WeCom on
// 127.0.0.1, fed signed, encrypted callbacks (or long-connection frames) and read back through
// what the fake recorded — report in a group, receipt in the group, the member's DM by app
// message, claim, reply, resolve, rating. And WeCom's failures: an access token expiring mid-run,
// 45009, a dropped long connection, disconnected_event.
#include <doctest/doctest.h>

#include <fstream>
#include <thread>

#include "tests/support/fake_wecom/callbacks.hpp"
#include "tests/support/fake_wecom/fake_wecom.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/sample_organization.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
namespace fake = gridbot::testing::fake_wecom;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t wednesday_10am = 1'794'967'200;  // Beijing; the service's test clock starts here
const std::string token = "gridbotE2EToken";
const std::string aes_key = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";

// The sample organization with everyone on WeCom only, and the first grid's group a WeCom group.
std::string write_organization(const TempDir& dir) {
  json org = sample_organization(GRIDBOT_SOURCE_DIR);
  for (auto* list : {&org["residents"], &org["members"]})
    for (auto& person : *list) person["accounts"] = {{"wecom", person["id"]}};
  for (auto& g : org["groups"])
    if (g["id"] == "xfl-1-group") g.update({{"platform", "wecom"}, {"account", "main"}, {"chat_id", "wrCHAT1"}});
  return write_organization_file(dir, org);
}

std::string write_config(const TempDir& dir, fake::FakeWecom& wecom, const std::string& mode) {
  json aibot = {{"bot_id", wecom.settings().bot_id}, {"bot_name", "网格助手"}, {"mode", mode}};
  if (mode == "websocket") aibot["secret"] = wecom.settings().bot_secret;
  else aibot.update({{"token", token}, {"encoding_aes_key", aes_key}});
  json account = {{"name", "main"},
                  {"corp_id", wecom.settings().corp_id},
                  {"api_base_url", wecom.base_url()},
                  {"ws_url", wecom.ws_url()},
                  {"app", {{"agent_id", 1000002}, {"secret", wecom.settings().corp_secret}, {"token", token},
                           {"encoding_aes_key", aes_key}}},
                  {"aibot", aibot},
                  {"webhook_keys", {{"xfl-1-group", "HOOK-XFL1"}}}};
  json config = {{"platforms", {{"wecom", {{"accounts", json::array({account})}}}}}};
  std::ofstream(dir.file("gridbot.json")) << config.dump(2);
  return dir.file("gridbot.json");
}

// Residents and members as WeCom delivers them, and what reached WeCom from gridbot.
class WecomPeople {
 public:
  WecomPeople(fake::FakeWecom& wecom, std::uint16_t port, bool websocket) : wecom_(wecom), port_(port), websocket_(websocket) {}

  // A resident @s the bot in the group; `msgid` given: WeCom delivering that message again.
  // Returns the message's msgid.
  std::string post(const std::string& from, const std::string& text, std::string msgid = {}) {
    fake::AibotText m;
    m.msgid = msgid.empty() ? "msg-" + std::to_string(++sequence_) : msgid;
    m.aibotid = wecom_.settings().bot_id;
    m.chatid = "wrCHAT1";
    m.from = from;
    m.text = text;
    if (websocket_) {
      REQUIRE_FALSE(wecom_.push_msg_callback(fake::aibot_text_message(m)).empty());
      return m.msgid;
    }
    m.response_url = wecom_.api().new_response_url(wecom_.base_url());
    auto c = fake::aibot_callback({token, aes_key, ""}, "/wecom/main/aibot", fake::aibot_text_json(m), now_, nonce());
    auto r = http_request(port_, "POST", c.target, c.body);
    CHECK(r.status == 200);
    return m.msgid;
  }
  // A member writes to the self-built app.
  void dm(const std::string& from, const std::string& text) {
    fake::AppText m;
    m.to_user = wecom_.settings().corp_id;
    m.from = from;
    m.create_time = now_;
    m.content = text;
    m.msgid = std::to_string(7'000'000 + ++sequence_);
    auto c = fake::app_callback({token, aes_key, wecom_.settings().corp_id}, "/wecom/main/app", fake::app_text_xml(m),
                                1000002, now_, nonce());
    auto r = http_request(port_, "POST", c.target, c.body);
    CHECK(r.status == 200);
  }
  void advance(std::int64_t seconds) {
    auto r = http_post(port_, "/local/api/clock", {{"advance_seconds", seconds}});
    REQUIRE(r.status == 200);
    now_ += seconds;
  }

  // What gridbot said in the group, by whichever way it went: the message's response_url, the
  // long connection, or the group's webhook robot.
  bool group_said(const std::string& needle, std::chrono::milliseconds wait = fake::kWait) {
    return wecom_.wait_until([&](const fake::Records& r) { return count_group(r, needle) > 0; }, wait);
  }
  // What gridbot sent a member by app message (message/send).
  bool member_got(const std::string& user, const std::string& needle, std::chrono::milliseconds wait = fake::kWait) {
    return wecom_.wait_until([&](const fake::Records& r) {
      for (const auto& c : r.calls_to("message/send"))
        if (c.errcode == 0 && c.json.value("touser", "").find(user) != std::string::npos &&
            c.json.dump(-1, ' ', false, json::error_handler_t::replace).find(needle) != std::string::npos)
          return true;
      return false;
    }, wait);
  }
  // Every app message sent so far, for a failure's report.
  std::string app_messages() const {
    std::string out;
    for (const auto& c : wecom_.records().calls_to("message/send")) out += c.body + " → " + std::to_string(c.errcode) + "\n";
    return out;
  }
  static int count_group(const fake::Records& r, const std::string& needle) {
    int n = 0;
    for (const auto* endpoint : {"aibot/response", "webhook/send"})
      for (const auto& c : r.calls_to(endpoint))
        if (c.errcode == 0 && c.body.find(needle) != std::string::npos) ++n;
    for (const auto* cmd : {"aibot_respond_msg", "aibot_send_msg"})
      for (const auto& f : r.frames_of(cmd))
        if (f.text.find(needle) != std::string::npos) ++n;
    return n;
  }

 private:
  std::string nonce() { return std::to_string(100000 + sequence_); }
  fake::FakeWecom& wecom_;
  std::uint16_t port_;
  bool websocket_;
  std::int64_t now_ = wednesday_10am;
  int sequence_ = 0;
};

struct Deployment {
  fake::FakeWecom wecom;
  TempDir dir;
  std::unique_ptr<ServiceProcess> service;
  std::unique_ptr<WecomPeople> people;

  explicit Deployment(const std::string& mode) {
    std::vector<std::string> args{"--config", write_config(dir, wecom, mode), "--organization", write_organization(dir),
                                  "--test-clock=" + std::to_string(wednesday_10am)};
    service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), args);
    if (mode == "websocket") REQUIRE(wecom.wait_for_subscriptions(1));
    people = std::make_unique<WecomPeople>(wecom, service->port(), mode == "websocket");
  }
};

void the_foundations_scenario(WecomPeople& p) {
  p.post("zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  CHECK(p.group_said("#1001"));
  CHECK(p.member_got("wangfang", "【新工单 #1001】"));
  p.dm("wangfang", "接单 1001");
  CHECK(p.group_said("已由网格员王芳认领"));
  p.dm("wangfang", "回复 1001 师傅下午三点到");
  CHECK(p.group_said("师傅下午三点到"));
  p.dm("wangfang", "办结 1001 已疏通管道");
  CHECK(p.group_said("请评价处理结果"));
  p.post("zhangwei", "满意");
  CHECK(p.group_said("感谢您的评价"));
  CHECK(p.member_got("wangfang", "居民评价：满意"));
}

}  // namespace

TEST_CASE("WeCom in callback mode: report, receipt, DM, claim, reply, resolve, rating; token expiry and 45009") {
  Deployment d("callback");
  auto& p = *d.people;
  // URL verification, as WeCom checks the address an admin enters.
  auto check = fake::url_verification({token, aes_key, ""}, "/wecom/main/aibot", "4589215744536171278", wednesday_10am, "1");
  auto echoed = http_request(d.service->port(), "GET", check.target);
  CHECK(echoed.status == 200);
  CHECK(echoed.body == "4589215744536171278");

  the_foundations_scenario(p);
  // The receipt answered the report on its one-use response_url; the rest went by the group's robot.
  CHECK_FALSE(d.wecom.records().calls_to("aibot/response").empty());
  CHECK_FALSE(d.wecom.records().calls_to("webhook/send").empty());
  const int gettokens = static_cast<int>(d.wecom.records().calls_to("gettoken").size());
  CHECK(gettokens == 1);  // one token served every app message so far

  // The token is invalidated early: the next app message gets 42001, a new token, and goes.
  INFO(p.app_messages());
  d.wecom.api().expire_all_tokens();
  p.post("liuna", "5号楼门口的路灯不亮了");  // building 5 is in the second grid: its member is chenjing
  CHECK(p.member_got("chenjing", "【新工单 #1002】"));
  CHECK(d.wecom.records().calls_to("gettoken").size() == 2);

  // 45009: WeCom says slow down; the message waits out the block and then goes, not lost.
  d.wecom.api().fail_next("message/send", 1, fake::Fault{fake::kFrequencyLimit});
  p.post("zhangwei", "2号楼楼道里堆满了杂物，消防通道被堵");
  REQUIRE(d.wecom.wait_until([](const fake::Records& r) {
    for (const auto& c : r.calls_to("message/send"))
      if (c.errcode == fake::kFrequencyLimit) return true;
    return false;
  }));
  std::this_thread::sleep_for(1s);
  CHECK_FALSE(p.member_got("wangfang", "【新工单 #1003】", 0ms));  // held during WeCom's block
  p.advance(61);
  CHECK(p.member_got("wangfang", "【新工单 #1003】"));
  CHECK(d.service->stop() == 0);
}

TEST_CASE("WeCom on the long connection: the same scenario, a dropped socket, disconnected_event") {
  Deployment d("websocket");
  auto& p = *d.people;
  the_foundations_scenario(p);
  // Answers on the messages' req_ids and pushes on the connection; no robot, no response_url.
  CHECK_FALSE(d.wecom.records().frames_of("aibot_respond_msg").empty());
  CHECK(d.wecom.records().calls_to("webhook/send").empty());
  CHECK(d.wecom.records().calls_to("aibot/response").empty());

  // A cut connection: gridbot dials again; the message WeCom delivers again is handled once.
  CHECK(d.wecom.drop_connection());
  REQUIRE(d.wecom.wait_for_subscriptions(2, 10s));
  const std::string lamp = p.post("liuna", "5号楼门口的路灯不亮了");
  CHECK(p.member_got("chenjing", "【新工单 #1002】"));
  const auto before = d.wecom.records();
  p.post("liuna", "5号楼门口的路灯不亮了", lamp);  // the very message of #1002, delivered twice
  p.post("zhangwei", "2号楼楼道里堆满了杂物");
  CHECK(p.member_got("wangfang", "【新工单 #1003】"));
  CHECK(d.wecom.records().calls_to("message/send").size() == before.calls_to("message/send").size() + 1);

  // Another instance subscribed: this one stops and does not fight back.
  CHECK(d.wecom.send_disconnected_event());
  std::this_thread::sleep_for(2s);  // several backoff periods: no re-subscribe in that time
  CHECK(d.wecom.records().subscriptions == 2);
  CHECK(d.service->log().find("ALERT") != std::string::npos);
  CHECK(d.service->stop() == 0);
}
