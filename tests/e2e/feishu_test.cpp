// The foundation's scenario over Feishu in webhook mode and over the long connection: the real binary, configured to talk to
// the fake Feishu on 127.0.0.1, fed encrypted and signed im.message.receive_v1 events and read
// back through what the fake recorded — report in a group, receipt in the group, the member's DM,
// claim, reply, resolve, rating. And Feishu's failures: the encrypted url_verification, a forged
// or plaintext event, a duplicate push (same message_id, new event_id), a token refused mid-run
// (99991663 in an HTTP 400 body), and a 429 with x-ogw-ratelimit-reset; on the long connection,
// pings, a fragmented event, a dropped connection, and 1000040350 (too many connections) as terminal.
#include <doctest/doctest.h>

#include <thread>

#include "tests/e2e/feishu_people.hpp"

using namespace gridbot::testing;
using namespace gridbot::testing::feishu_e2e;
using namespace std::chrono_literals;

namespace {

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
