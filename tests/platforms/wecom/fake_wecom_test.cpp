// The fake WeCom itself, driven by plain Beast clients: if it stopped behaving as WeCom does (token
// expiry, the webhook quota, \uXXXX refusal, one-use response_urls, the long connection's frames),
// the adapter tests built on it would pass against the wrong thing.
#include <doctest/doctest.h>

#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "bot/platforms/wecom/callback.hpp"
#include "bot/platforms/wecom/incoming.hpp"
#include "bot/platforms/wecom/long_connection_frames.hpp"
#include "tests/support/fake_wecom/callbacks.hpp"
#include "tests/support/fake_wecom/fake_wecom.hpp"
#include "tests/support/fake_wecom/node_crypto_server.hpp"
#include "tests/support/http_client.hpp"

namespace gridbot::testing::fake_wecom {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using nlohmann::json;

json get_json(const FakeWecom& fake, const std::string& target) { return http_get(fake.port(), target).json(); }

json post_raw(const FakeWecom& fake, const std::string& target, const std::string& body) {
  return http_request(fake.port(), "POST", target, body).json();
}

std::string fresh_token(FakeWecom& fake) {
  auto answer = get_json(fake, "/cgi-bin/gettoken?corpid=" + fake.settings().corp_id +
                                   "&corpsecret=" + fake.settings().corp_secret);
  REQUIRE(answer["errcode"] == 0);
  return answer["access_token"];
}

const std::string kAppText = R"({"touser":"zhangsan","msgtype":"text","agentid":1000002,"text":{"content":"工单 #1 已派给您"}})";

TEST_CASE("gettoken issues tokens with expires_in; an early-expired or outlived token gets 42001") {
  FakeWecom fake;
  fake.api().set_now(Time(Seconds(1700000000)));
  CHECK(get_json(fake, "/cgi-bin/gettoken?corpid=" + fake.settings().corp_id + "&corpsecret=wrong")["errcode"] == 40001);
  CHECK(get_json(fake, "/cgi-bin/gettoken?corpid=nobody&corpsecret=" + fake.settings().corp_secret)["errcode"] == 40013);
  auto answer = get_json(fake, "/cgi-bin/gettoken?corpid=" + fake.settings().corp_id +
                                   "&corpsecret=" + fake.settings().corp_secret);
  CHECK(answer["expires_in"] == 7200);
  const std::string token = answer["access_token"];
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + token, kAppText)["errcode"] == 0);
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=forged", kAppText)["errcode"] == 40014);
  CHECK(post_raw(fake, "/cgi-bin/message/send", kAppText)["errcode"] == 41001);

  fake.api().expire_token(token);
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + token, kAppText)["errcode"] == 42001);
  const std::string second = fresh_token(fake);
  CHECK(second != token);
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + second, kAppText)["errcode"] == 0);
  fake.api().advance(Seconds(7199));
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + second, kAppText)["errcode"] == 0);
  fake.api().advance(Seconds(1));
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + second, kAppText)["errcode"] == 42001);

  const auto sent = fake.records().calls_to("message/send");
  REQUIRE(sent.size() == 7);
  CHECK(sent[0].json["text"]["content"] == "工单 #1 已派给您");
  CHECK(sent[0].query.at("access_token") == token);
  CHECK(sent.back().errcode == 42001);
}

TEST_CASE("a \\uXXXX-escaped body gets 40033; the same text in raw UTF-8 is sent") {
  FakeWecom fake;
  const std::string token = fresh_token(fake);
  const std::string escaped = json::parse(kAppText).dump(-1, ' ', true);  // ensure_ascii: \u5de5…
  REQUIRE(escaped.find("\\u") != std::string::npos);
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + token, escaped)["errcode"] == 40033);
  CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=k1", R"({"msgtype":"text","text":{"content":"\u7535"}})")["errcode"] ==
        40033);
  // An escaped backslash followed by a u is not an escape.
  CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=k1", R"({"msgtype":"text","text":{"content":"C:\\users"}})")["errcode"] == 0);
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + token, kAppText)["errcode"] == 0);
  CHECK(post_raw(fake, "/cgi-bin/message/send?access_token=" + token, "{not json")["errcode"] == 47001);
}

TEST_CASE("the webhook quota is exactly 20 per key in any minute, then 45009 until the minute has passed") {
  FakeWecom fake;
  fake.api().set_now(Time(Seconds(1700000000)));
  const std::string body = R"({"msgtype":"text","text":{"content":"停水通知"}})";
  for (int i = 0; i < 20; ++i) {
    CAPTURE(i);
    CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=group-a", body)["errcode"] == 0);
    fake.api().advance(Seconds(1));
  }
  CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=group-a", body)["errcode"] == 45009);
  CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=group-b", body)["errcode"] == 0);  // per key
  fake.api().advance(Seconds(39));  // 59 s after the first: still inside its minute
  CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=group-a", body)["errcode"] == 45009);
  fake.api().advance(Seconds(1));  // the first send is a minute old: one slot frees
  CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=group-a", body)["errcode"] == 0);
  CHECK(post_raw(fake, "/cgi-bin/webhook/send?key=group-a", body)["errcode"] == 45009);
  CHECK(fake.records().calls_to("webhook/send").size() == 25);
}

TEST_CASE("a response_url works once; openuserid_to_userid maps what it was told") {
  FakeWecom fake;
  const std::string url = fake.api().new_response_url(fake.base_url());
  REQUIRE(url.starts_with(fake.base_url() + "/cgi-bin/aibot/response?response_code="));
  const std::string target = url.substr(fake.base_url().size());
  const std::string body = R"({"msgtype":"markdown","markdown":{"content":"已收到"}})";
  CHECK(post_raw(fake, target, body)["errcode"] == 0);
  CHECK(post_raw(fake, target, body)["errcode"] == kSpentResponseUrl);
  CHECK(post_raw(fake, "/cgi-bin/aibot/response?response_code=made-up", body)["errcode"] == kSpentResponseUrl);

  fake.api().map_open_userid("woAAAA", "zhangsan");
  auto answer = post_raw(fake, "/cgi-bin/batch/openuserid_to_userid?access_token=" + fresh_token(fake),
                         R"({"open_userid_list":["woAAAA","woBBBB"]})");
  CHECK(answer["errcode"] == 0);
  CHECK(answer["userid_list"] == json::parse(R"([{"open_userid":"woAAAA","userid":"zhangsan"}])"));
  CHECK(answer["invalid_open_userid_list"] == json::parse(R"(["woBBBB"])"));
}

TEST_CASE("injected faults: the next N calls get the errcode or a 502, then the endpoint recovers") {
  FakeWecom fake;
  const std::string token = fresh_token(fake);
  const std::string target = "/cgi-bin/message/send?access_token=" + token;
  fake.api().fail_next("message/send", 2, Fault{45033});
  fake.api().fail_next("message/send", 1, Fault{0, 502});
  CHECK(post_raw(fake, target, kAppText)["errcode"] == 45033);
  CHECK(post_raw(fake, target, kAppText)["errcode"] == 45033);
  CHECK(http_request(fake.port(), "POST", target, kAppText).status == 502);
  CHECK(post_raw(fake, target, kAppText)["errcode"] == 0);

  fake.api().refuse_user("lisi");
  auto partly = post_raw(fake, target, R"({"touser":"zhangsan|lisi","msgtype":"text","agentid":1,"text":{"content":"x"}})");
  CHECK(partly["errcode"] == 0);
  CHECK(partly["invaliduser"] == "lisi");
  CHECK(post_raw(fake, target, R"({"touser":"lisi","msgtype":"text","agentid":1,"text":{"content":"x"}})")["errcode"] ==
        81013);

  fake.api().delay_all("gettoken", std::chrono::milliseconds(300));
  const auto start = std::chrono::steady_clock::now();
  fresh_token(fake);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
}

// A WebSocket client as the adapter's would be, reading with a deadline.
struct WsClient {
  asio::io_context io;
  websocket::stream<asio::ip::tcp::socket> ws{io};
  beast::flat_buffer buffer;

  explicit WsClient(std::uint16_t port) {
    ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    ws.handshake("127.0.0.1", "/");
    ws.text(true);
  }
  void send(const std::string& text) { ws.write(asio::buffer(text)); }
  // The next frame, or nullopt if none came within `timeout` or the connection ended.
  std::optional<std::string> read(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    std::optional<std::string> out;
    bool done = false;
    ws.async_read(buffer, [&](beast::error_code ec, std::size_t) {
      done = true;
      if (!ec) out = beast::buffers_to_string(buffer.data());
      buffer.consume(buffer.size());
    });
    io.restart();
    io.run_for(timeout);
    if (!done) {
      beast::error_code ignored;
      ws.next_layer().cancel(ignored);
      io.restart();
      io.run();
    }
    return out;
  }
  json read_json() {
    auto text = read();
    REQUIRE(text.has_value());
    return json::parse(*text);
  }
};

TEST_CASE("long connection: subscribe is checked, ping answered, a pushed callback parses, a reply is recorded and answered") {
  FakeWecom fake;
  WsClient client(fake.port());
  client.send(wecom::render_subscribe("sub_1", fake.settings().bot_id, "wrong-secret"));
  CHECK(client.read_json()["errcode"] == kSubscribeRefused);
  client.send(wecom::render_subscribe("sub_2", fake.settings().bot_id, fake.settings().bot_secret));
  CHECK(client.read_json() == json::parse(R"({"headers":{"req_id":"sub_2"},"errcode":0,"errmsg":"ok"})"));
  CHECK(fake.wait_for_subscriptions(1));

  client.send(wecom::render_ping("ping_1"));
  CHECK(client.read_json() == json::parse(R"({"headers":{"req_id":"ping_1"},"errcode":0,"errmsg":"ok"})"));

  const std::string req_id = fake.push_msg_callback(
      aibot_text_message({.msgid = "MSG1", .chatid = "wrCHAT", .from = "u1", .text = "电梯坏了"}));
  REQUIRE(!req_id.empty());
  auto frame = client.read();
  REQUIRE(frame);
  auto parsed = wecom::parse_frame(*frame, "网格助手");
  REQUIRE(parsed.has_value());
  auto& callback = std::get<wecom::CallbackFrame>(*parsed);
  CHECK(callback.req_id == req_id);
  auto& message = std::get<wecom::IncomingMessage>(callback.callback);
  CHECK(message.message_id == "MSG1");
  CHECK(message.chat_kind == wecom::ChatKind::group);
  CHECK(message.bot_mentioned);
  CHECK(message.text == "电梯坏了");

  client.send(wecom::render_respond_msg(req_id, json::parse(R"({"msgtype":"stream","stream":{"id":"S1","finish":true,"content":"已收到"}})")));
  CHECK(client.read_json() == json{{"headers", {{"req_id", req_id}}}, {"errcode", 0}, {"errmsg", "ok"}});
  auto responds = fake.wait_for_frames("aibot_respond_msg", 1);
  REQUIRE(responds.size() == 1);
  CHECK(responds[0].req_id == req_id);
  CHECK(responds[0].frame["body"]["stream"]["content"] == "已收到");

  fake.api().fail_next("aibot_send_msg", 1, Fault{846608});
  client.send(wecom::render_send_msg("send_1", "wrCHAT", json::parse(R"({"msgtype":"markdown","markdown":{"content":"x"}})")));
  CHECK(client.read_json()["errcode"] == 846608);

  fake.answer_pings(false);
  client.send(wecom::render_ping("ping_2"));
  CHECK_FALSE(client.read(std::chrono::milliseconds(300)).has_value());
  CHECK(fake.wait_for_frames("ping", 2).size() == 2);  // received and recorded, just not answered
}

TEST_CASE("long connection: a second subscribe kicks the first with disconnected_event; a drop cuts the socket") {
  FakeWecom fake;
  WsClient first(fake.port());
  first.send(wecom::render_subscribe("a", fake.settings().bot_id, fake.settings().bot_secret));
  CHECK(first.read_json()["errcode"] == 0);
  WsClient second(fake.port());
  second.send(wecom::render_subscribe("b", fake.settings().bot_id, fake.settings().bot_secret));
  CHECK(second.read_json()["errcode"] == 0);
  auto kicked = wecom::parse_frame(first.read().value_or(""), "");
  REQUIRE(kicked.has_value());
  CHECK(std::holds_alternative<wecom::DisconnectedFrame>(*kicked));
  CHECK_FALSE(first.read().has_value());  // and then closed
  CHECK(fake.wait_until([](const Records& r) { return r.disconnects >= 1; }));

  REQUIRE(fake.drop_connection());
  CHECK_FALSE(second.read().has_value());
  CHECK(fake.wait_until([](const Records& r) { return r.disconnects >= 2; }));
  CHECK(fake.push_msg_callback(json::object()).empty());  // nobody left to push to
}

TEST_CASE("callback builders: what they seal opens with the codec and parses back") {
  const CallbackSigner aibot{"hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", ""};
  auto keys = wecom::make_callback_keys(aibot.token, aibot.encoding_aes_key, aibot.receiveid).value();
  const Time now(Seconds(1700000000));
  const auto plaintext = aibot_text_json({.msgid = "m-7", .chatid = "wrG1", .text = "楼道灯不亮了", .quote_text = "上次的工单",
                                          .response_url = "http://127.0.0.1:1/cgi-bin/aibot/response?response_code=x"});
  auto cb = aibot_callback(aibot, "/wecom/demo/aibot", plaintext, 1700000000, "n1");
  CHECK(cb.target.starts_with("/wecom/demo/aibot?msg_signature=" + cb.query.msg_signature + "&timestamp=1700000000&nonce=n1"));
  auto opened = wecom::open_aibot_callback(keys, cb.query, cb.body, now);
  REQUIRE(opened.has_value());
  CHECK(*opened == plaintext);
  auto message = std::get<wecom::IncomingMessage>(wecom::parse_aibot_callback(std::string_view(*opened), "网格助手").value());
  CHECK(message.text == "楼道灯不亮了");
  CHECK(message.bot_mentioned);
  REQUIRE(message.quote.has_value());
  CHECK(message.quote->text == "上次的工单");
  CHECK(message.reply.response_url.ends_with("response_code=x"));

  const CallbackSigner app{aibot.token, aibot.encoding_aes_key, "ww1436e0e65a779aee"};
  auto app_keys = wecom::make_callback_keys(app.token, app.encoding_aes_key, app.receiveid).value();
  const auto xml = app_text_xml({.to_user = app.receiveid, .content = "报修 ]]> 水管", .msgid = "42"});
  auto posted = app_callback(app, "/wecom/demo/app", xml, 1000002, 1700000000, "n2");
  auto app_opened = wecom::open_app_callback(app_keys, posted.query, posted.body, now);
  REQUIRE(app_opened.has_value());
  auto app_message = std::get<wecom::IncomingMessage>(wecom::parse_app_callback(*app_opened).value());
  CHECK(app_message.text == "报修 ]]> 水管");
  CHECK(app_message.message_id == "42");

  auto verify = url_verification(app, "/wecom/demo/app", "1288432023552776189", 1700000000, "n3");
  CHECK(verify.target.find("&echostr=") != std::string::npos);
  CHECK(verify.target.find('+') == std::string::npos);  // base64's + and / are %-encoded
  CHECK(wecom::verify_url(app_keys, verify.query, now).value() == "1288432023552776189");
  // A wrong token must not verify: the signature is real.
  auto wrong = wecom::make_callback_keys("other", app.encoding_aes_key, app.receiveid).value();
  CHECK_FALSE(wecom::verify_url(wrong, verify.query, now).has_value());
}

TEST_CASE("the event builder's shapes parse as the codec reads them") {
  auto card = wecom::parse_aibot_callback(
      aibot_event_message({.msgid = "ev-9", .chatid = "wrG", .eventtype = "template_card_event", .event_key = "claim",
                           .task_id = "T-1"}),
      "网格助手");
  REQUIRE(card.has_value());
  auto& event = std::get<wecom::IncomingEvent>(*card);
  CHECK(event.event_type == "template_card_event");
  CHECK(event.event_key == "claim");
  CHECK(event.task_id == "T-1");
  CHECK(event.chat_kind == wecom::ChatKind::group);
  auto enter = std::get<wecom::IncomingEvent>(wecom::parse_aibot_callback(aibot_event_message({}), "").value());
  CHECK(enter.event_type == "enter_chat");
  CHECK(enter.chat_kind == wecom::ChatKind::direct);
}

TEST_CASE("WeCom's official @wecom/crypto accepts the signed callbacks the builders make, and refuses a forged one") {
  if (auto why = node_crypto_server_missing(); !why.empty()) FAIL(why);
  const CallbackSigner signer{"benchToken9Xq2LmW", "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", ""};
  NodeCryptoServer node(signer.token, signer.encoding_aes_key);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  for (int i = 0; i < 40; ++i) {  // texts of many lengths: every pad value is crossed
    CAPTURE(i);
    auto cb = aibot_callback(signer, "/wecom/bench/aibot",
                             aibot_text_json({.msgid = "m" + std::to_string(i), .chatid = "wrG",
                                              .text = std::string(static_cast<std::size_t>(i), 'x') + "电梯坏了"}),
                             now, "nonce+/=" + std::to_string(i));  // a nonce that needs %-encoding
    CHECK(http_request(node.port(), "POST", cb.target, cb.body).status == 200);
  }
  auto cb = aibot_callback(signer, "/wecom/bench/aibot", aibot_text_json({}), now, "n");
  const auto at = cb.target.find("msg_signature=") + 14;
  cb.target[at] = cb.target[at] == '0' ? '1' : '0';
  CHECK(http_request(node.port(), "POST", cb.target, cb.body).status == 401);
}

}  // namespace
}  // namespace gridbot::testing::fake_wecom
