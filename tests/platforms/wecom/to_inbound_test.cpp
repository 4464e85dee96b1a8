// WeCom's messages as the pipeline takes them: a group @-message, a direct one, a quote, the
// handle to answer on, and media that is answered instead of dropped.
#include <doctest/doctest.h>

#include "bot/platforms/wecom/to_inbound.hpp"
#include "templates/catalog.hpp"

namespace gridbot::wecom {
namespace {

const platforms::TextCap cap{64, "…"};
const Time now{Seconds(1'800'000'000)};

IncomingMessage parsed(std::string_view json) {
  auto callback = parse_aibot_callback(json, "网格助手");
  REQUIRE(callback.has_value());
  REQUIRE(std::holds_alternative<IncomingMessage>(*callback));
  return std::get<IncomingMessage>(*callback);
}

TEST_CASE("a group @-message becomes an Inbound of its group with the response_url to answer on") {
  auto m = parsed(R"({"msgid":"MSG1","aibotid":"BOT","chatid":"wrCHAT","chattype":"group","from":{"userid":"zhangwei"},
    "response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC","msgtype":"text",
    "text":{"content":"@网格助手 3号楼电梯坏了 @李娜"},
    "quote":{"msgtype":"text","text":{"content":"昨天就停了"}}})");
  auto in = to_inbound(m, "main", "zhangwei", cap, now).value();
  CHECK(in.platform == "wecom");
  CHECK(in.account == "main");
  CHECK(in.message_id == "MSG1");
  CHECK(in.chat_id == "wrCHAT");
  CHECK(in.sender == "zhangwei");
  CHECK(in.text == "3号楼电梯坏了 @李娜");
  CHECK(in.bot_mentioned);
  CHECK(in.mentions == std::vector<std::string>{"李娜"});
  CHECK(in.quoted_text == "昨天就停了");
  CHECK(in.reply_handle == "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC");
  CHECK(in.received_at == now);
  CHECK_FALSE(in.quote);  // WeCom quotes content, never an id
}

TEST_CASE("a direct message has no chat; the converted sender and the long connection's req_id are used") {
  auto m = parsed(R"({"msgid":"MSG2","aibotid":"BOT","chattype":"single","from":{"userid":"woOPENID"},
    "msgtype":"text","text":{"content":"路灯不亮了"}})");
  m.reply.req_id = "REQ-CB-1";
  auto in = to_inbound(m, "main", "wangfang", cap, now).value();
  CHECK(in.chat_id.empty());
  CHECK(in.sender == "wangfang");  // not the open_userid WeCom gave
  CHECK(in.reply_handle == "REQ-CB-1");
  CHECK_FALSE(in.quoted_text);
}

TEST_CASE("texts are capped like every platform's") {
  std::string long_text(200, 'a');
  auto m = parsed(R"({"msgid":"MSG3","aibotid":"BOT","chattype":"single","from":{"userid":"u"},"msgtype":"text",
    "text":{"content":")" + long_text + R"("}})");
  auto in = to_inbound(m, "main", "u", cap, now).value();
  CHECK(in.text.size() <= cap.max_bytes);
  CHECK(in.text.ends_with("…"));
}

TEST_CASE("media and a bare mention are not read, and each has a sentence in the templates") {
  auto image = parsed(R"({"msgid":"MSG4","aibotid":"BOT","chattype":"single","from":{"userid":"u"},"msgtype":"image",
    "image":{"url":"https://example.invalid/img"}})");
  auto media = to_inbound(image, "main", "u", cap, now);
  REQUIRE_FALSE(media.has_value());
  CHECK(media.error() == NotRead::media);

  auto bare = parsed(R"({"msgid":"MSG5","aibotid":"BOT","chatid":"wrCHAT","chattype":"group","from":{"userid":"u"},
    "msgtype":"text","text":{"content":"@网格助手 "}})");
  auto empty = to_inbound(bare, "main", "u", cap, now);
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error() == NotRead::empty);

  const auto& text = templates::Catalog::builtin();
  CHECK(text.render(not_read_template(NotRead::media)).find("文字") != std::string::npos);
  CHECK(text.render(not_read_template(NotRead::empty)).find("@我") != std::string::npos);
  CHECK(text.render("wecom.welcome").find("网格员") != std::string::npos);
}

}  // namespace
}  // namespace gridbot::wecom
