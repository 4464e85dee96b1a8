// The HTTP callbacks end to end inside the process: signed, encrypted requests through the router
// to the pipeline, and everything forged, stale or garbled refused before anything is stored.
#include <doctest/doctest.h>

#include "bot/platforms/wecom/callback_routes.hpp"
#include "storage/organization_repository.hpp"
#include "tests/platforms/wecom/wecom_rig.hpp"
#include "tests/support/await.hpp"

namespace gridbot::wecom {
namespace {

using gridbot::testing::await;
using testing::sign;

struct Routes {
  testing::Rig rig;
  std::vector<AccountConfig> accounts{testing::main_account()};
  MessageIntake intake{rig.pipeline, rig.orgs, rig.clock, templates::Catalog::builtin(), platforms::TextCap{8192, "…"}};
  CallbackRoutes routes{accounts, intake};
  http::Router router;
  CallbackKeys aibot_keys = make_callback_keys(std::string(vectors::a_token), vectors::a_key, "").value();
  CallbackKeys app_keys = vectors::keys_a();

  Routes() { routes.add_routes(router); }

  http::Response call(http::Verb verb, const std::string& target, std::string body = {}) {
    http::Request request{verb, target, 11};
    request.body() = std::move(body);
    request.prepare_payload();
    return await(router.dispatch(request));
  }
  http::Response post_aibot(std::string_view plaintext, std::string account = "main") {
    auto signed_ = sign(aibot_keys, plaintext, rig.clock.now(), false);
    return call(http::Verb::post, "/wecom/" + account + "/aibot?" + signed_.query, signed_.body);
  }
  // The plaintext of a sealed JSON reply, checked as WeCom would check it.
  std::string open_json_reply(const http::Response& r) {
    auto doc = nlohmann::json::parse(r.body());
    CallbackQuery q{doc["msgsignature"], doc["timestamp"], doc["nonce"], {}};
    CHECK(msg_signature(aibot_keys.token, q.timestamp, q.nonce, doc["encrypt"].get<std::string>()) == q.msg_signature);
    return decrypt_message(aibot_keys.aes_key, doc["encrypt"].get<std::string>(), "").value();
  }
};

const std::string group_report =
    R"({"msgid":"MSG1","aibotid":"BOT","chatid":"wrCHAT","chattype":"group","from":{"userid":"zhangwei"},
        "response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC1","msgtype":"text",
        "text":{"content":"@网格助手 3号楼2单元下水道堵了，污水漫到楼道里"}})";

TEST_CASE("URL verification answers the official vector's plaintext bare, '+' kept") {
  Routes r;
  r.rig.clock.advance(vectors::at("1476416373") - r.rig.clock.now());  // back to 2016
  // A1 in the app's endpoint: the echostr holds '+' and '/', sent unescaped as some proxies do.
  auto ok = r.call(http::Verb::get,
                   "/wecom/main/app?msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb&timestamp=1476416373&nonce=47744683"
                   "&echostr=fsi1xnbH4yQh0%2BPJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==");
  CHECK(ok.result() == http::Status::ok);
  CHECK(ok.body() == "1288432023552776189");
  auto forged = r.call(http::Verb::get,
                       "/wecom/main/app?msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebec&timestamp=1476416373"
                       "&nonce=47744683&echostr=fsi1xnbH4yQh0%2BPJxcOdhhK6TDXkjMyhEPA7xB2TGz6b%2Bg7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==");
  CHECK(forged.result() == http::Status::forbidden);
  CHECK(forged.body().find("signature") != std::string::npos);
}

TEST_CASE("a group report is submitted once and answered empty after the commit; a redelivery changes nothing") {
  Routes r;
  auto first = r.post_aibot(group_report);
  CHECK(first.result() == http::Status::ok);
  CHECK(first.body().empty());
  CHECK(r.rig.inbox_rows() == 1);  // committed before the answer
  const int outbox = r.rig.outbox_rows();
  CHECK(outbox >= 1);  // the receipt in the group
  const int tickets = r.rig.count("SELECT COUNT(*) FROM tickets");
  CHECK(tickets == 1);

  auto again = r.post_aibot(group_report);  // WeCom delivers it again: same msgid, new nonce and signature
  CHECK(again.result() == http::Status::ok);
  CHECK(again.body().empty());
  CHECK(r.rig.inbox_rows() == 1);
  CHECK(r.rig.outbox_rows() == outbox);
  CHECK(r.rig.count("SELECT COUNT(*) FROM tickets") == tickets);
}

TEST_CASE("forged, misaddressed, stale, oversized and garbled callbacks get a 4xx and store nothing") {
  Routes r;
  auto good = sign(r.aibot_keys, group_report, r.rig.clock.now(), false);

  std::string bad_sig = good.query;
  bad_sig[14] = bad_sig[14] == 'a' ? 'b' : 'a';
  CHECK(r.call(http::Verb::post, "/wecom/main/aibot?" + bad_sig, good.body).result() == http::Status::forbidden);

  // Encrypted for the app (receiveid = corpid) but posted to the AI bot, which expects "".
  auto misaddressed = sign(CallbackKeys{r.aibot_keys.token, r.aibot_keys.aes_key, "ww-other"}, group_report,
                           r.rig.clock.now(), false);
  auto wrong_id = r.call(http::Verb::post, "/wecom/main/aibot?" + misaddressed.query, misaddressed.body);
  CHECK(wrong_id.result() == http::Status::forbidden);
  CHECK(wrong_id.body().find("receiveid") != std::string::npos);

  for (int skew : {-301, 301}) {
    auto stale = sign(r.aibot_keys, group_report, r.rig.clock.now() + Seconds(skew), false);
    auto answer = r.call(http::Verb::post, "/wecom/main/aibot?" + stale.query, stale.body);
    CHECK(answer.result() == http::Status::bad_request);
    CHECK(answer.body().find("300 s") != std::string::npos);
  }
  auto within = sign(r.aibot_keys, group_report, r.rig.clock.now() + Seconds(299), false);
  CHECK(r.call(http::Verb::post, "/wecom/main/aibot?" + within.query, within.body).result() == http::Status::ok);
  CHECK(r.rig.inbox_rows() == 1);  // only the one within the window

  std::string huge(kMaxCallbackBody + 1, ' ');
  CHECK(r.call(http::Verb::post, "/wecom/main/aibot?" + good.query, huge).result() == http::Status::payload_too_large);
  CHECK(r.call(http::Verb::post, "/wecom/main/aibot?" + good.query, "{\"nothing\":1}").result() ==
        http::Status::bad_request);
  // Signed correctly, but the ciphertext's padding is broken: refused after the signature, as bad input.
  auto doc = nlohmann::json::parse(good.body);
  std::string raw = base64_decode(doc["encrypt"].get<std::string>()).value();
  raw.back() = static_cast<char>(raw.back() ^ 0x55);
  const std::string tampered = base64_encode(raw);
  const std::string ts = std::to_string(r.rig.clock.now().time_since_epoch().count());
  const std::string q = "msg_signature=" + msg_signature(r.aibot_keys.token, ts, "77", tampered) + "&timestamp=" + ts + "&nonce=77";
  CHECK(r.call(http::Verb::post, "/wecom/main/aibot?" + q, nlohmann::json{{"encrypt", tampered}}.dump()).result() ==
        http::Status::bad_request);
  CHECK(r.rig.inbox_rows() == 1);

  CHECK(r.post_aibot(group_report, "nobody").result() == http::Status::not_found);
}

TEST_CASE("the AI bot's {\"Encrypt\"} spelling is accepted") {
  Routes r;
  auto s = sign(r.aibot_keys, group_report, r.rig.clock.now(), false);
  auto doc = nlohmann::json::parse(s.body);
  const std::string body = nlohmann::json{{"Encrypt", doc["encrypt"]}}.dump();
  CHECK(r.call(http::Verb::post, "/wecom/main/aibot?" + s.query, body).result() == http::Status::ok);
  CHECK(r.rig.inbox_rows() == 1);
}

TEST_CASE("events: enter_chat gets the welcome, cards and feedback are acknowledged, stream refreshes end") {
  Routes r;
  auto welcome = r.post_aibot(R"({"msgid":"EV1","create_time":1794967200,"aibotid":"BOT","chattype":"single",
      "from":{"userid":"zhangwei"},"msgtype":"event","event":{"eventtype":"enter_chat"}})");
  REQUIRE(welcome.result() == http::Status::ok);
  auto plain = nlohmann::json::parse(r.open_json_reply(welcome));
  CHECK(plain["msgtype"] == "text");
  CHECK(plain["text"]["content"] == templates::Catalog::builtin().render("wecom.welcome"));

  auto card = r.post_aibot(R"({"msgid":"EV2","create_time":1794967200,"aibotid":"BOT","chattype":"single",
      "from":{"userid":"zhangwei"},"msgtype":"event","event":{"eventtype":"template_card_event",
      "template_card_event":{"card_type":"button_interaction","event_key":"ok","task_id":"T1"}}})");
  CHECK(card.result() == http::Status::ok);
  CHECK(card.body().empty());
  auto feedback = r.post_aibot(R"({"msgid":"EV3","create_time":1794967200,"aibotid":"BOT","chattype":"single",
      "from":{"userid":"zhangwei"},"msgtype":"event","event":{"eventtype":"feedback_event"}})");
  CHECK(feedback.result() == http::Status::ok);

  auto refresh = r.post_aibot(R"({"msgid":"MSG9","aibotid":"BOT","chattype":"single","from":{"userid":"zhangwei"},
      "msgtype":"stream","stream":{"id":"S1"}})");
  REQUIRE(refresh.result() == http::Status::ok);
  auto stream = nlohmann::json::parse(r.open_json_reply(refresh));
  CHECK(stream["stream"]["id"] == "S1");
  CHECK(stream["stream"]["finish"] == true);
  CHECK(r.rig.inbox_rows() == 0);  // none of these is a message
}

TEST_CASE("a photo is answered at once from the templates and not stored") {
  Routes r;
  auto photo = r.post_aibot(R"({"msgid":"MSG7","aibotid":"BOT","chattype":"single","from":{"userid":"zhangwei"},
      "msgtype":"image","image":{"url":"https://example.invalid/p.jpg"}})");
  REQUIRE(photo.result() == http::Status::ok);
  auto reply = nlohmann::json::parse(r.open_json_reply(photo));
  CHECK(reply["stream"]["finish"] == true);
  CHECK(reply["stream"]["content"] == templates::Catalog::builtin().render("wecom.media_not_read"));
  CHECK(r.rig.inbox_rows() == 0);
}

TEST_CASE("the self-built app's XML callback: official vector A2's shape, corpid as receiveid, redelivery") {
  Routes r;
  const std::string dm =
      "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[wangfang]]></FromUserName>"
      "<CreateTime>1794967200</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我的工单]]></Content>"
      "<MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>";
  auto s = sign(r.app_keys, dm, r.rig.clock.now(), true);
  auto first = r.call(http::Verb::post, "/wecom/main/app?" + s.query, s.body);
  CHECK(first.result() == http::Status::ok);
  CHECK(r.rig.inbox_rows() == 1);
  auto again = sign(r.app_keys, dm, r.rig.clock.now(), true, "999");
  CHECK(r.call(http::Verb::post, "/wecom/main/app?" + again.query, again.body).result() == http::Status::ok);
  CHECK(r.rig.inbox_rows() == 1);

  // The AI bot's keys ("" as receiveid) do not open the app's endpoint.
  auto wrong = sign(r.aibot_keys, dm, r.rig.clock.now(), true);
  CHECK(r.call(http::Verb::post, "/wecom/main/app?" + wrong.query, wrong.body).result() == http::Status::forbidden);
}

TEST_CASE("with open_userid on, an AI bot's encrypted sender is converted before the pipeline sees it") {
  testing::Rig rig;
  std::vector<AccountConfig> accounts{testing::main_account()};
  accounts[0].open_userid = true;
  std::vector<std::string> asked;
  MessageIntake intake{rig.pipeline, rig.orgs, rig.clock, templates::Catalog::builtin(), platforms::TextCap{8192, "…"},
                       [&](const AccountConfig&, std::string open_userid) -> boost::asio::awaitable<std::string> {
                         asked.push_back(open_userid);
                         co_return open_userid == "woENCRYPTED" ? "zhangwei" : "";
                       }};
  CallbackRoutes routes{accounts, intake};
  http::Router router;
  routes.add_routes(router);
  const CallbackKeys keys = make_callback_keys(std::string(vectors::a_token), vectors::a_key, "").value();
  std::string report = group_report;
  report.replace(report.find("zhangwei"), 8, "woENCRYPTED");
  auto s = sign(keys, report, rig.clock.now(), false);
  http::Request request{http::Verb::post, "/wecom/main/aibot?" + s.query, 11};
  request.body() = s.body;
  CHECK(await(router.dispatch(request)).result() == http::Status::ok);
  CHECK(asked == std::vector<std::string>{"woENCRYPTED"});
  CHECK(rig.count("SELECT COUNT(*) FROM tickets WHERE reporter_id = 'zhangwei'") == 1);
}

}  // namespace
}  // namespace gridbot::wecom
