// The foundation's scenario over DingTalk: the real binary, configured to talk to the fake
// DingTalk on 127.0.0.1, fed signed robot callbacks (HTTP mode) or CALLBACK frames (Stream mode)
// and read back through what the fake recorded — report in a group, receipt in the group, the
// member's DM, claim, reply, resolve, rating. And DingTalk's failures: a forged or stale callback,
// a redelivery, an access token refused mid-run, 130101, a dropped and a disconnected Stream.
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "tests/support/fake_dingtalk/callbacks.hpp"
#include "tests/support/fake_dingtalk/fake_dingtalk.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/sample_organization.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
namespace fake = gridbot::testing::fake_dingtalk;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t wednesday_10am = 1'794'967'200;  // Beijing; the service's test clock starts here
const std::string group_chat = "cidXFL1group+base64==";  // an openConversationId, with the characters they carry

// The sample organization with everyone on DingTalk (staffId = their id) and the first grid's
// group a DingTalk group.
std::string write_organization(const TempDir& dir) {
  json org = sample_organization(GRIDBOT_SOURCE_DIR);
  for (auto* list : {&org["residents"], &org["members"]})
    for (auto& person : *list) person["accounts"] = {{"dingtalk", person["id"]}};
  for (auto& g : org["groups"])
    if (g["id"] == "xfl-1-group") g.update({{"platform", "dingtalk"}, {"account", "main"}, {"chat_id", group_chat}});
  return write_organization_file(dir, org);
}

std::string write_config(const TempDir& dir, fake::FakeDingtalk& dingtalk, const std::string& mode, bool webhook) {
  const auto& s = dingtalk.settings();
  json account = {{"name", "main"},
                  {"client_id", s.client_id},
                  {"client_secret", s.client_secret},
                  {"mode", mode},
                  {"api_base_url", dingtalk.base_url()},
                  {"oapi_base_url", dingtalk.base_url()}};
  if (webhook)
    account["webhooks"] = {{"xfl-1-group", {{"access_token", s.webhook_token}, {"secret", s.webhook_secret}}}};
  json config = {{"platforms", {{"dingtalk", {{"accounts", json::array({account})}}}}}};
  std::ofstream(dir.file("gridbot.json")) << config.dump(2);
  return dir.file("gridbot.json");
}

// Residents and members as DingTalk delivers them, and what reached DingTalk from gridbot.
class DingtalkPeople {
 public:
  DingtalkPeople(fake::FakeDingtalk& dingtalk, std::uint16_t port, bool stream)
      : dingtalk_(dingtalk), port_(port), stream_(stream) {}

  // A robot message as §3.1 lists its fields; `group` false: a single chat with the robot.
  json message(const std::string& from, const std::string& text, bool group, std::string msgid = {}) {
    fake::RobotText m;
    m.msgid = msgid.empty() ? "msg" + std::to_string(++sequence_) : msgid;
    m.from = from;
    m.text = text;
    m.group = group;
    m.conversation_id = group ? group_chat : "cidDM" + from;
    m.conversation_title = group ? "幸福里1网格居民群" : "";
    m.robot_code = dingtalk_.settings().client_id;
    m.session_webhook = dingtalk_.new_session_webhook();
    m.now = now_;
    if (group) group_sessions_.insert(fake::session_of(m.session_webhook));
    return fake::robot_text_message(m);
  }

  // The signed HTTP-mode callback; `timestamp_ms` and `secret` given: a stale or forged one.
  HttpResult deliver(const json& m, std::int64_t timestamp_ms = 0, std::string secret = {}) {
    if (timestamp_ms == 0) timestamp_ms = now_ * 1000;
    if (secret.empty()) secret = dingtalk_.settings().client_secret;
    return http_request(port_, "POST", "/dingtalk/main/robot", m.dump(), fake::robot_callback_headers(secret, timestamp_ms));
  }

  // Returns the message's msgId; `msgid` given: DingTalk delivering that message again.
  std::string post(const std::string& from, const std::string& text, std::string msgid = {}) {
    return send(message(from, text, true, std::move(msgid)));
  }
  void dm(const std::string& from, const std::string& text) { send(message(from, text, false)); }

  void advance(std::int64_t seconds) {
    auto r = http_post(port_, "/local/api/clock", {{"advance_seconds", seconds}});
    REQUIRE(r.status == 200);
    now_ += seconds;
  }

  bool group_said(const std::string& needle, std::chrono::milliseconds wait = fake::kWait) {
    return dingtalk_.wait_until([&](const fake::Records& r) { return count_group(r, needle) > 0; }, wait);
  }
  bool member_got(const std::string& user, const std::string& needle) {
    return dingtalk_.wait_until([&](const fake::Records& r) { return count_member(r, user, needle) > 0; });
  }
  // What gridbot said in the group, by whichever way it went: a group message's sessionWebhook,
  // the webhook robot, or the robot API.
  int count_group(const fake::Records& r, const std::string& needle) const {
    int n = 0;
    for (const auto& c : r.calls)
      if (c.errcode == 0 && c.http_status == 200 && c.body.find(needle) != std::string::npos &&
          ((c.endpoint == "robot/sendBySession" && group_sessions_.contains(c.query.at("session"))) ||
           c.endpoint == "robot/send" ||
           (c.endpoint == "v1.0/robot/groupMessages/send" && c.json.value("openConversationId", "") == group_chat)))
        ++n;
    return n;
  }
  // What gridbot sent a member proactively (robot/oToMessages/batchSend); `user` "": any member.
  static int count_member(const fake::Records& r, const std::string& user, const std::string& needle) {
    int n = 0;
    for (const auto& c : r.calls_to("v1.0/robot/oToMessages/batchSend"))
      if (c.http_status == 200 && c.json.contains("userIds") && c.json["userIds"].dump().find(user) != std::string::npos &&
          c.body.find(needle) != std::string::npos)
        ++n;
    return n;
  }

 private:
  std::string send(const json& m) {
    if (stream_) {
      REQUIRE_FALSE(dingtalk_.push_robot_message(m).empty());
    } else {
      auto r = deliver(m);
      CHECK(r.status == 200);
    }
    return m["msgId"];
  }

  fake::FakeDingtalk& dingtalk_;
  std::uint16_t port_;
  bool stream_;
  std::int64_t now_ = wednesday_10am;
  int sequence_ = 0;
  std::set<std::string> group_sessions_;
};

struct Deployment {
  fake::FakeDingtalk dingtalk;
  TempDir dir;
  std::unique_ptr<ServiceProcess> service;
  std::unique_ptr<DingtalkPeople> people;

  Deployment(const std::string& mode, bool webhook) {
    std::vector<std::string> args{"--config", write_config(dir, dingtalk, mode, webhook), "--organization",
                                  write_organization(dir), "--test-clock=" + std::to_string(wednesday_10am)};
    service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), args);
    if (mode == "stream") REQUIRE(dingtalk.wait_for_connections(1));
    people = std::make_unique<DingtalkPeople>(dingtalk, service->port(), mode == "stream");
  }
};

void the_foundations_scenario(DingtalkPeople& p) {
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

TEST_CASE("DingTalk in HTTP mode: the scenario; forged, stale and redelivered callbacks; token expiry; 130101") {
  Deployment d("http", true);
  auto& p = *d.people;

  // Refused before anything is stored: the scenario's first report still becomes #1001.
  auto forged = p.deliver(p.message("zhangwei", "伪造的消息：路灯坏了", true), 0, "not-the-app-secret");
  CHECK(forged.status == 403);
  CHECK(forged.body.find("sign") != std::string::npos);
  auto stale = p.deliver(p.message("zhangwei", "过期的消息：路灯坏了", true), (wednesday_10am - 7200) * 1000);
  CHECK(stale.status == 400);
  auto garbled = http_request(d.service->port(), "POST", "/dingtalk/main/robot", "{}",
                              fake::robot_callback_headers(d.dingtalk.settings().client_secret, wednesday_10am * 1000));
  CHECK(garbled.status == 400);
  CHECK(http_request(d.service->port(), "POST", "/dingtalk/nosuch/robot", "{}").status == 404);
  CHECK(p.deliver(p.message("zhangwei", std::string(1200 * 1024, 'x'), true)).status == 413);
  // A picture: not read, not stored, and the sender is told so through the message's sessionWebhook.
  json picture = p.message("zhangwei", "", true);
  picture["msgtype"] = "picture";
  picture.erase("text");
  picture["content"] = {{"downloadCode", "dc1"}};
  CHECK(p.deliver(picture).status == 200);
  CHECK(d.dingtalk.wait_until([](const fake::Records& r) {
    for (const auto& c : r.calls_to("robot/sendBySession"))
      if (c.body.find("只能读文字") != std::string::npos) return true;
    return false;
  }));

  the_foundations_scenario(p);
  auto records = d.dingtalk.records();
  CHECK(records.calls_to("v1.0/oauth2/accessToken").size() == 1);  // one token served every send so far
  CHECK(records.calls_to("robot/send").size() >= 3);               // the group's notices went by its webhook robot
  for (const auto& c : records.calls_to("robot/send")) CHECK(c.errcode == 0);  // each one signed right

  // A redelivery: 200, and nothing new reaches anyone.
  const std::string lamp = p.post("liuna", "5号楼门口的路灯不亮了");
  CHECK(p.member_got("", "【新工单 #1002】"));
  p.post("liuna", "5号楼门口的路灯不亮了", lamp);

  // The token is refused early: HTTP 401, one new token, and the message goes.
  d.dingtalk.expire_all_tokens();
  p.post("zhangwei", "2号楼楼道里堆满了杂物，消防通道被堵");
  CHECK(p.member_got("", "【新工单 #1003】"));
  CHECK(d.dingtalk.records().calls_to("v1.0/oauth2/accessToken").size() == 2);
  CHECK(DingtalkPeople::count_member(d.dingtalk.records(), "", "【新工单 #1002】") == 1);

  // 130101 on the group's receipt: that robot waits out its 10 minutes, then the receipt goes.
  // The receipt answers the report, so it goes by the report's sessionWebhook.
  d.dingtalk.fail_next("robot/sendBySession", 1, fake::rate_limited());
  p.post("wujun", "小区东门的垃圾桶满了好几天没人清");
  CHECK(p.member_got("", "【新工单 #1004】"));  // another robot (the DM) is not held up
  CHECK_FALSE(p.group_said("#1004", 1500ms));
  p.advance(610);
  CHECK(p.group_said("#1004"));
  CHECK(d.service->stop() == 0);
}

TEST_CASE("DingTalk in Stream mode: the scenario; ping; a dropped and a disconnected connection lose nothing") {
  Deployment d("stream", false);
  auto& p = *d.people;
  the_foundations_scenario(p);
  CHECK(d.dingtalk.records().calls_to("v1.0/robot/groupMessages/send").size() >= 3);  // proactive group notices

  // SYSTEM ping: echoed.
  REQUIRE(d.dingtalk.push_ping());
  CHECK(d.dingtalk.wait_until([](const fake::Records& r) {
    for (const auto& f : r.frames)
      if (f.message_id.starts_with("fake-ping-") && f.frame.value("data", "").find("p1") != std::string::npos) return true;
    return false;
  }));

  // A message pushed and the connection cut at once, before or after its commit: it comes again
  // on the next connection (a new ticket), and is handled once.
  json lamp = p.message("liuna", "5号楼门口的路灯不亮了", true);
  const std::string frame_id = d.dingtalk.push_robot_message(lamp);
  REQUIRE_FALSE(frame_id.empty());
  CHECK(d.dingtalk.drop_connection());
  REQUIRE(d.dingtalk.wait_for_connections(2, 10s));
  CHECK(d.dingtalk.wait_until([&](const fake::Records& r) { return r.acks_of(frame_id) >= 1; }, 10s));
  CHECK(p.member_got("", "【新工单 #1002】"));

  // DingTalk asks for a disconnect: gridbot dials again with a new ticket.
  CHECK(d.dingtalk.send_disconnect());
  REQUIRE(d.dingtalk.wait_for_connections(3, 10s));
  p.post("zhangwei", "2号楼楼道里堆满了杂物");
  CHECK(p.member_got("", "【新工单 #1003】"));
  auto r = d.dingtalk.records();
  CHECK(DingtalkPeople::count_member(r, "", "【新工单 #1002】") == 1);
  CHECK(r.tickets_issued == 3);
  CHECK(r.tickets_refused == 0);
  CHECK(d.service->stop() == 0);
}
