// im.message.receive_v1: @_user_N placeholders through mentions[], only the bot's own mention
// removed, post content, the quote, and both dedupe ids.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/incoming.hpp"
#include "tests/platforms/feishu/vectors.hpp"

namespace gridbot::feishu {
namespace {

using namespace vectors;
using nlohmann::json;

EventEnvelope event_with(const std::function<void(json&)>& change = {}) {
  auto e = parse_event_payload(receive_event(), token).value();
  if (change) change(e.event["message"]);
  return e;
}

const BotIdentity kBot{"ou_bot", "网格助手"};

TEST_CASE("a group text: the bot's @ removed, the other's kept as @name and listed by id") {
  auto m = parse_message_receive(event_with(), kBot).value();
  CHECK(m.text == "3号楼电梯坏了 @王网格员 请看看");
  CHECK(m.bot_mentioned);
  CHECK(m.mentions == std::vector<std::string>{"wang01"});
  CHECK(m.chat_kind == ChatKind::group);
  CHECK(m.chat_id == "oc_group1");
  CHECK(m.sender == "li0001");
  CHECK(m.sender_open_id == "ou_li");
  CHECK(m.sender_type == "user");
  CHECK(m.event_id == "ev-5e3702a84e847582be8db7fb73283c02");
  CHECK(m.message_id == "om_msg1");
  CHECK(m.create_time == "1700000000000");
}

TEST_CASE("the bot is known by open_id, else by name, else by mentioned_type; another bot is not this one") {
  CHECK(parse_message_receive(event_with(), {"", "网格助手"}).value().bot_mentioned);
  auto other = parse_message_receive(event_with(), {"ou_someone_else", ""}).value();
  CHECK_FALSE(other.bot_mentioned);
  CHECK(other.text == "@网格助手 3号楼电梯坏了 @王网格员 请看看");
  CHECK(other.mentions == std::vector<std::string>{"ou_bot", "wang01"});  // no user_id: the open_id
  auto typed = event_with([](json& m) { m["mentions"][0]["mentioned_type"] = "bot"; });
  CHECK(parse_message_receive(typed, {}).value().bot_mentioned);
  CHECK_FALSE(parse_message_receive(event_with(), {}).value().bot_mentioned);
}

TEST_CASE("a mention at the end or inside a word takes its space with it; @_user_1 is not @_user_10") {
  auto e = event_with([](json& m) {
    m["content"] = json{{"text", "请处理 @_user_1"}}.dump();
  });
  CHECK(parse_message_receive(e, kBot).value().text == "请处理");
  e = event_with([](json& m) {
    m["content"] = json{{"text", "@_user_10 和 @_user_1 好"}}.dump();
    m["mentions"].push_back({{"key", "@_user_10"}, {"id", {{"open_id", "ou_ten"}}}, {"name", "十号"}});
  });
  auto m = parse_message_receive(e, kBot).value();
  CHECK(m.text == "@十号 和 好");
  CHECK(m.mentions == std::vector<std::string>{"wang01", "ou_ten"});
}

TEST_CASE("a post: the title and each paragraph a line, at elements resolved the same way") {
  auto e = event_with([](json& m) {
    m["message_type"] = "post";
    m["content"] = json{{"title", "报修"},
                        {"content", json::parse(R"([[{"tag":"at","user_id":"@_user_1","user_name":"网格助手"},
                          {"tag":"text","text":" 楼道灯坏了"}],[{"tag":"text","text":"请 "},
                          {"tag":"at","user_id":"@_user_2","user_name":"王网格员"},{"tag":"a","href":"https://x","text":"看图"},
                          {"tag":"img","image_key":"img_1"}]])")}}.dump();
  });
  auto m = parse_message_receive(e, kBot).value();
  CHECK(m.text == "报修\n楼道灯坏了\n请 @王网格员看图");
  CHECK(m.bot_mentioned);
  // A post wrapped in its locale reads the same.
  auto wrapped = event_with([](json& m) {
    m["message_type"] = "post";
    m["content"] = json{{"zh_cn", {{"title", ""}, {"content", json::parse(R"([[{"tag":"text","text":"停水了"}]])")}}}}.dump();
  });
  CHECK(parse_message_receive(wrapped, kBot).value().text == "停水了");
}

TEST_CASE("a content that is not JSON, and a message without its ids, are refused") {
  CHECK(parse_message_receive(event_with([](json& m) { m["content"] = "{\"text\":"; }), kBot).error() ==
        Error::malformed_json);
  for (const char* key : {"message_id", "chat_id", "chat_type"})
    CHECK(parse_message_receive(event_with([&](json& m) { m.erase(key); }), kBot).error() == Error::missing_field);
  auto image = event_with([](json& m) {
    m["message_type"] = "image";
    m["content"] = R"({"image_key":"img_1"})";
  });
  CHECK(parse_message_receive(image, kBot).value().text.empty());
}

TEST_CASE("to_inbound: a p2p has no chat, the quote is parent_id (else root_id), the reply handle the message_id") {
  auto e = event_with([](json& m) {
    m["chat_type"] = "p2p";
    m["parent_id"] = "om_parent";
    m["root_id"] = "om_root";
  });
  auto in = to_inbound(parse_message_receive(e, kBot).value(), "main", Time(Seconds(1700000001)));
  CHECK(in.platform == "feishu");
  CHECK(in.account == "main");
  CHECK(in.chat_id.empty());
  CHECK(in.message_id == "om_msg1");
  CHECK(in.quote == "om_parent");
  CHECK(in.reply_handle == "om_msg1");
  CHECK(in.bot_mentioned);
  CHECK(in.mentions == std::vector<std::string>{"wang01"});
  CHECK(in.received_at == Time(Seconds(1700000001)));
  e = event_with([](json& m) { m["root_id"] = "om_root"; });
  in = to_inbound(parse_message_receive(e, kBot).value(), "main", Time{});
  CHECK(in.quote == "om_root");
  CHECK(in.chat_id == "oc_group1");
  CHECK_FALSE(to_inbound(parse_message_receive(event_with(), kBot).value(), "", Time{}).quote.has_value());
}

}  // namespace
}  // namespace gridbot::feishu
