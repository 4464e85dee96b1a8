// The foundation's scenario over Feishu in webhook mode and over the long connection: the real binary, configured to talk to
// the fake Feishu on 127.0.0.1, fed encrypted and signed im.message.receive_v1 events and read
// back through what the fake recorded — report in a group, receipt in the group, the member's DM,
// claim, reply, resolve, rating. And Feishu's failures: the encrypted url_verification, a forged
// or plaintext event, a duplicate push (same message_id, new event_id), a token refused mid-run
// (99991663 in an HTTP 400 body), and a 429 with x-ogw-ratelimit-reset; on the long connection,
// pings, a fragmented event, a dropped connection, and 1000040350 (too many connections) as terminal.
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <thread>

#include "bot/platforms/feishu/crypto.hpp"
#include "tests/support/fake_feishu/fake_feishu.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
namespace fake = gridbot::testing::fake_feishu;
namespace feishu = gridbot::feishu;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t wednesday_10am = 1'794'967'200;  // Beijing; the service's test clock starts here
const std::string group_chat = "oc_fakegroup0001";

// The sample organization with everyone on Feishu (user_id = their id) and the first grid's group
// a Feishu group.
std::string write_organization(const TempDir& dir) {
  std::ifstream in(std::string(GRIDBOT_SOURCE_DIR) + "/organization/sample.json");
  std::stringstream text;
  text << in.rdbuf();
  json org = json::parse(text.str());
  for (auto* list : {&org["residents"], &org["members"]})
    for (auto& person : *list) person["accounts"] = {{"feishu", person["id"]}};
  for (auto& g : org["groups"])
    if (g["id"] == "xfl-1-group") g.update({{"platform", "feishu"}, {"account", "main"}, {"chat_id", group_chat}});
  std::ofstream(dir.file("organization.json")) << org.dump(2);
  return dir.file("organization.json");
}

std::string write_config(const TempDir& dir, fake::FakeFeishu& feishu, const std::string& mode) {
  const auto& s = feishu.settings();
  json account = {{"name", "main"},
                  {"app_id", s.app_id},
                  {"app_secret", s.app_secret},
                  {"verification_token", s.verification_token},
                  {"encrypt_key", s.encrypt_key},
                  {"mode", mode},
                  {"api_base_url", feishu.base_url()}};
  json config = {{"platforms", {{"feishu", {{"accounts", json::array({account})}}}}}};
  std::ofstream(dir.file("gridbot.json")) << config.dump(2);
  return dir.file("gridbot.json");
}

// Residents and members as Feishu delivers them, and what reached Feishu from gridbot.
class FeishuPeople {
 public:
  FeishuPeople(fake::FakeFeishu& feishu, std::uint16_t port, bool long_connection)
      : feishu_(feishu), port_(port), long_connection_(long_connection) {}

  // A v2.0 im.message.receive_v1 event (§2.1); in a group the bot is @-ed as @_user_1.
  json event(const std::string& from, const std::string& text, bool group, std::string message_id = {}) {
    if (message_id.empty()) message_id = "om_in" + std::to_string(++sequence_);
    if (group) group_messages_.insert(message_id);
    json message = {{"message_id", message_id},
                    {"chat_id", group ? group_chat : "oc_p2p_" + from},
                    {"chat_type", group ? "group" : "p2p"},
                    {"message_type", "text"},
                    {"create_time", std::to_string(now_ * 1000)},
                    {"content", json{{"text", group ? "@_user_1 " + text : text}}.dump()}};
    if (group)
      message["mentions"] = json::array({{{"key", "@_user_1"},
                                          {"id", {{"open_id", "ou_bot"}}},
                                          {"mentioned_type", "bot"},
                                          {"name", "网格助手"}}});
    return {{"schema", "2.0"},
            {"header",
             {{"event_id", "ev" + std::to_string(++events_)},
              {"event_type", "im.message.receive_v1"},
              {"create_time", std::to_string(now_ * 1000)},
              {"token", feishu_.settings().verification_token},
              {"app_id", feishu_.settings().app_id},
              {"tenant_key", "tenant1"}}},
            {"event",
             {{"sender", {{"sender_id", {{"user_id", from}, {"open_id", "ou_" + from}}}, {"sender_type", "user"}}},
              {"message", message}}}};
  }

  // Encrypted and signed as Feishu sends it; `key` given: signed with another key (a forgery).
  HttpResult deliver(const json& plaintext, std::string key = {}) {
    const feishu::EncryptKey ours(feishu_.settings().encrypt_key);
    const feishu::Iv16 iv{};
    const std::string body = json{{"encrypt", feishu::encrypt(ours, plaintext.dump(), iv).value()}}.dump();
    const std::string ts = std::to_string(now_), nonce = "nonce" + std::to_string(++events_);
    const feishu::EncryptKey signer(key.empty() ? feishu_.settings().encrypt_key : key);
    return http_request(port_, "POST", "/feishu/main/events", body,
                        {{"X-Lark-Request-Timestamp", ts},
                         {"X-Lark-Request-Nonce", nonce},
                         {"X-Lark-Signature", feishu::event_signature(ts, nonce, signer, body)}});
  }

  // Returns the message's message_id; `message_id` given: Feishu pushing that message again as a
  // new event (a new event_id), as users report it does.
  // Each one a couple of seconds after the last, as people type: the service's clock is frozen in
  // tests, and Feishu's 5-a-second buckets only refill as it moves.
  std::string post(const std::string& from, const std::string& text, std::string message_id = {}) {
    advance(2);
    json e = event(from, text, true, std::move(message_id));
    send(e);
    return e["event"]["message"]["message_id"];
  }
  void dm(const std::string& from, const std::string& text) {
    advance(2);
    send(event(from, text, false));
  }

  void advance(std::int64_t seconds) {
    auto r = http_post(port_, "/local/api/clock", {{"advance_seconds", seconds}});
    REQUIRE(r.status == 200);
    now_ += seconds;
  }

  bool group_said(const std::string& needle, std::chrono::milliseconds wait = fake::kWait) {
    return feishu_.wait_until([&](const fake::Records& r) { return count_group(r, needle) > 0; }, wait);
  }
  bool member_got(const std::string& user, const std::string& needle) {
    return feishu_.wait_until([&](const fake::Records& r) { return count_member(r, user, needle) > 0; });
  }
  // What Feishu accepted for the group: a message to its chat_id, or a reply to a message in it.
  int count_group(const fake::Records& r, const std::string& needle) const {
    int n = 0;
    for (const auto& c : r.delivered())
      if (c.text.find(needle) != std::string::npos &&
          (group_messages_.contains(c.replied_to) ||
           (c.endpoint == "im/v1/messages" && c.json.value("receive_id", "") == group_chat)))
        ++n;
    return n;
  }
  // What gridbot sent a member proactively (im/v1/messages by user_id); `user` "": any member.
  static int count_member(const fake::Records& r, const std::string& user, const std::string& needle) {
    int n = 0;
    for (const auto& c : r.delivered())
      if (c.endpoint == "im/v1/messages" && c.query.at("receive_id_type") == "user_id" &&
          (user.empty() || c.json.value("receive_id", "") == user) && c.text.find(needle) != std::string::npos)
        ++n;
    return n;
  }

 private:
  void send(const json& e) {
    if (long_connection_) {
      REQUIRE_FALSE(feishu_.push_event(e).empty());
    } else {
      CHECK(deliver(e).status == 200);
    }
  }

  fake::FakeFeishu& feishu_;
  std::uint16_t port_;
  bool long_connection_;
  std::int64_t now_ = wednesday_10am;
  int sequence_ = 0;
  int events_ = 0;
  std::set<std::string> group_messages_;
};

struct Deployment {
  fake::FakeFeishu feishu;
  TempDir dir;
  std::unique_ptr<ServiceProcess> service;
  std::unique_ptr<FeishuPeople> people;

  // `before_start` runs before the service does: faults for its first calls.
  explicit Deployment(const std::string& mode, const std::function<void(fake::FakeFeishu&)>& before_start = {},
                      bool wait_for_connection = true) {
    if (before_start) before_start(feishu);
    std::vector<std::string> args{"--config", write_config(dir, feishu, mode), "--organization",
                                  write_organization(dir), "--test-clock=" + std::to_string(wednesday_10am)};
    service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), args);
    if (mode == "websocket" && wait_for_connection) REQUIRE(feishu.wait_for_connections(1));
    people = std::make_unique<FeishuPeople>(feishu, service->port(), mode == "websocket");
  }
};

void the_foundations_scenario(FeishuPeople& p) {
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

TEST_CASE("Feishu in webhook mode: challenge, the scenario, refusals, a duplicate push, token expiry, 429") {
  Deployment d("webhook");
  auto& p = *d.people;
  const auto& s = d.feishu.settings();

  // The console's url_verification, encrypted because an Encrypt Key is set: the challenge comes back.
  auto challenge = p.deliver({{"challenge", "ch-123"}, {"token", s.verification_token}, {"type", "url_verification"}});
  CHECK(challenge.status == 200);
  CHECK(json::parse(challenge.body).value("challenge", "") == "ch-123");
  CHECK(p.deliver({{"challenge", "ch-1"}, {"token", "not-the-token"}, {"type", "url_verification"}}).status == 403);

  // Refused before anything is stored: the scenario's first report still becomes #1001.
  auto forged = p.deliver(p.event("zhangwei", "伪造的消息：路灯坏了", true), "not the encrypt key");
  CHECK(forged.status == 403);
  CHECK(forged.body.find("X-Lark-Signature") != std::string::npos);
  auto plaintext = http_request(d.service->port(), "POST", "/feishu/main/events",
                                p.event("zhangwei", "明文的消息：路灯坏了", true).dump());
  CHECK(plaintext.status == 400);
  CHECK(http_request(d.service->port(), "POST", "/feishu/nosuch/events", "{}").status == 404);
  CHECK(http_request(d.service->port(), "POST", "/feishu/main/events", std::string(1200 * 1024, 'x')).status == 413);

  // A picture sent to the bot: not read, not stored, and the sender is told so in a reply.
  json picture = p.event("zhangwei", "", false);
  picture["event"]["message"]["message_type"] = "image";
  picture["event"]["message"]["content"] = json{{"image_key", "img_v2_fake"}}.dump();
  CHECK(p.deliver(picture).status == 200);
  CHECK(d.feishu.wait_until([](const fake::Records& r) {
    for (const auto& c : r.calls_to("im/v1/messages/reply"))
      if (c.text.find("只能读文字") != std::string::npos && c.code == 0) return true;
    return false;
  }));

  the_foundations_scenario(p);
  auto records = d.feishu.records();
  CHECK(records.calls_to("auth/v3/tenant_access_token/internal").size() == 1);  // one token served every send so far
  CHECK(records.calls_to("im/v1/messages/reply").size() >= 3);  // answers quote the message they answer
  for (const auto& c : records.delivered()) CHECK_FALSE(c.json.value("uuid", "").empty());  // resends are deduped

  // A duplicate push: the same message as a new event (new event_id). 200, and it is handled once.
  const std::string lamp = p.post("liuna", "5号楼门口的路灯不亮了");
  CHECK(p.member_got("", "【新工单 #1002】"));
  p.post("liuna", "5号楼门口的路灯不亮了", lamp);

  // The token is refused early (99991663 in an HTTP 400 body): one new token, and the message goes.
  d.feishu.expire_all_tokens();
  p.post("zhangwei", "2号楼楼道里堆满了杂物，消防通道被堵");
  CHECK(p.member_got("", "【新工单 #1003】"));
  CHECK(d.feishu.records().calls_to("auth/v3/tenant_access_token/internal").size() == 2);
  CHECK(FeishuPeople::count_member(d.feishu.records(), "", "【新工单 #1002】") == 1);
  CHECK(p.count_group(d.feishu.records(), "#1002") == 1);

  // 429 on the group's receipt: the group's bucket waits out x-ogw-ratelimit-reset, then it goes.
  d.feishu.fail_next("im/v1/messages/reply", 1, fake::rate_limited(300));
  p.post("wujun", "小区东门的垃圾桶满了好几天没人清");
  CHECK(p.member_got("", "【新工单 #1004】"));  // another bucket (the DM) is not held up
  CHECK_FALSE(p.group_said("#1004", 1500ms));
  p.advance(310);
  CHECK(p.group_said("#1004"));
  CHECK(p.count_group(d.feishu.records(), "#1004") == 1);
  CHECK(d.service->stop() == 0);
}

TEST_CASE("Feishu over the long connection: the scenario; pings; a fragmented event; a dropped connection loses nothing") {
  Deployment d("websocket");
  auto& p = *d.people;
  the_foundations_scenario(p);
  CHECK(d.feishu.records().calls_to("im/v1/messages/reply").size() >= 3);
  // Pings at the server's interval (1 s from the fake's ClientConfig), answered with pongs.
  CHECK(d.feishu.wait_until([](const fake::Records& r) { return r.pings() >= 2; }, 5s));
  // Every event of the scenario (five) was acked {"code":200}, once.
  CHECK(d.feishu.wait_until([](const fake::Records& r) {
    for (int i = 1; i <= 5; ++i)
      if (r.acks_of("fake-msg-" + std::to_string(i)) != 1) return false;
    return true;
  }));

  // An event split over three frames, sent last part first: reassembled, handled, acked once.
  p.advance(2);
  const std::string split = d.feishu.push_event(p.event("liuna", "5号楼门口的路灯不亮了", true), 3);
  REQUIRE_FALSE(split.empty());
  CHECK(p.member_got("", "【新工单 #1002】"));
  CHECK(d.feishu.wait_until([&](const fake::Records& r) { return r.acks_of(split) == 1; }));

  // An event pushed and the connection cut at once, before or after its commit: it comes again on
  // the next connection (a new endpoint call), and is handled once.
  p.advance(2);
  const std::string cut = d.feishu.push_event(p.event("zhangwei", "2号楼楼道里堆满了杂物", true));
  REQUIRE_FALSE(cut.empty());
  CHECK(d.feishu.drop_connection());
  REQUIRE(d.feishu.wait_for_connections(2, 10s));
  CHECK(d.feishu.wait_until([&](const fake::Records& r) { return r.acks_of(cut) >= 1; }, 10s));
  CHECK(p.member_got("", "【新工单 #1003】"));
  auto r = d.feishu.records();
  CHECK(FeishuPeople::count_member(r, "", "【新工单 #1003】") == 1);
  CHECK(r.calls_to("callback/ws/endpoint").size() == 2);
  CHECK(d.service->stop() == 0);
}

TEST_CASE("Feishu's 1000040350 (too many connections) is terminal: no more dials, the service stays up") {
  Deployment d(
      "websocket",
      [](fake::FakeFeishu& f) {
        f.fail_next("callback/ws/endpoint", 1,
                    {200, R"({"code":1000040350,"msg":"the number of connections exceeded the limit"})", {}});
      },
      false);
  REQUIRE(d.feishu.wait_for_calls("callback/ws/endpoint", 1).size() == 1);
  // The fake's ClientConfig would redial after about a second: give it three.
  std::this_thread::sleep_for(3s);
  auto r = d.feishu.records();
  CHECK(r.calls_to("callback/ws/endpoint").size() == 1);
  CHECK(r.connections == 0);
  CHECK(http_request(d.service->port(), "GET", "/healthz", "").status == 200);
  CHECK(d.service->stop() == 0);
}
