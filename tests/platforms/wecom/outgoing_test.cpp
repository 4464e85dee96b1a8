// Outgoing bodies in raw UTF-8, the split of long texts, and what WeCom's answers mean.
#include <doctest/doctest.h>

#include "bot/platforms/wecom/api_answer.hpp"
#include "bot/platforms/wecom/outgoing.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot::wecom {
namespace {

TEST_CASE("message/send is written in raw UTF-8, never \\uXXXX") {
  auto body = render_app_message({1000002, {"wangfang", "lisi"}, Format::text, "工单 #1001 已受理：3号楼漏水"}).value();
  CHECK(body == R"({"agentid":1000002,"msgtype":"text","text":{"content":"工单 #1001 已受理：3号楼漏水"},)"
                R"("touser":"wangfang|lisi"})");
  CHECK(body.find("\\u") == std::string::npos);
  auto md = render_app_message({7, {"u"}, Format::markdown, "**督办** 请尽快处理"}).value();
  CHECK(md == R"({"agentid":7,"markdown":{"content":"**督办** 请尽快处理"},"msgtype":"markdown","touser":"u"})");
  // Quotes, backslashes and control characters are still escaped as JSON requires.
  CHECK(render_app_message({1, {"u"}, Format::text, "他说\"好\"\n"}).value().find(R"("他说\"好\"\n")") !=
        std::string::npos);
  CHECK(render_app_message({1, {"u"}, Format::text, "bad \xff byte"}).error() == Error::invalid_utf8);
}

TEST_CASE("webhook and AI-bot bodies") {
  CHECK(render_webhook_message(Format::text, "请大家注意", {"wangfang", "@all"}).value() ==
        R"({"msgtype":"text","text":{"content":"请大家注意","mentioned_list":["wangfang","@all"]}})");
  CHECK(render_webhook_message(Format::markdown, "# 通知").value() == R"({"markdown":{"content":"# 通知"},"msgtype":"markdown"})");
  CHECK(render_webhook_message(Format::markdown, "# 通知", {"u"}).error() == Error::mention_in_markdown);
  CHECK(dump_raw_utf8(aibot_markdown_body("已收到").value()) == R"({"markdown":{"content":"已收到"},"msgtype":"markdown"})");
  CHECK(dump_raw_utf8(aibot_stream_body("STREAM1", true, "已收到，工单 #1").value()) ==
        R"({"msgtype":"stream","stream":{"content":"已收到，工单 #1","finish":true,"id":"STREAM1"}})");
  CHECK(aibot_stream_body("S", false, "\xe4\xb8").error() == Error::invalid_utf8);  // a cut character
}

TEST_CASE("a text over the byte limit is split at character boundaries and numbered") {
  CHECK(split_for_limit("短消息", kAppTextLimit).value() == std::vector<std::string>{"短消息"});
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "网格";  // 6000 bytes
  auto parts = split_for_limit(text, kAppTextLimit).value();
  REQUIRE(parts.size() == 3);
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    CHECK(parts[i].size() <= kAppTextLimit);
    CHECK(understand::repair_utf8(parts[i]) == parts[i]);  // no character cut in half
    std::string label = "(" + std::to_string(i + 1) + "/3) ";
    REQUIRE(parts[i].starts_with(label));
    joined += parts[i].substr(label.size());
  }
  CHECK(joined == text);
  // Exactly at the limit: one part, unnumbered; one byte more: two.
  CHECK(split_for_limit(std::string(2048, 'a'), 2048).value().size() == 1);
  CHECK(split_for_limit(std::string(2049, 'a'), 2048).value().size() == 2);
  CHECK(split_for_limit("坏\xff", 2048).error() == Error::invalid_utf8);
}

TEST_CASE("a split prefers a line break in the second half of a part") {
  std::string text = std::string(30, 'a') + "\n" + std::string(20, 'b');
  auto parts = split_for_limit(text, 40).value();
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == "(1/2) " + std::string(30, 'a') + "\n");
  CHECK(parts[1] == "(2/2) " + std::string(20, 'b'));
}

TEST_CASE("many parts: the numbering's width is budgeted") {
  std::string text(2000, 'x');
  auto parts = split_for_limit(text, 32).value();  // 24 bytes each beside an 8-byte "(nn/nn) "
  CHECK(parts.size() == 84);  // 2000 / 24, rounded up
  for (const auto& p : parts) CHECK(p.size() <= 32);
  CHECK(parts.back().starts_with("(84/84) "));
}

TEST_CASE("WeCom's answers: ok, retry, token expired, permanent with a sentence") {
  auto ok = classify_api_answer(200, R"({"errcode":0,"errmsg":"ok","msgid":"M"})");
  CHECK(ok.kind == ApiAnswer::Kind::ok);
  auto partial = classify_api_answer(200, R"({"errcode":0,"errmsg":"ok","invaliduser":"ghost|nobody"})");
  CHECK(partial.kind == ApiAnswer::Kind::ok);
  CHECK(partial.invalid_users == std::vector<std::string>{"ghost", "nobody"});
  CHECK_FALSE(partial.advice.empty());

  for (int code : {-1, 45009, 45033}) {
    auto a = classify_api_answer(200, R"({"errcode":)" + std::to_string(code) + R"(,"errmsg":"x"})");
    CHECK(a.kind == ApiAnswer::Kind::retry);
    CHECK(a.errcode == code);
  }
  CHECK(classify_api_answer(200, R"({"errcode":45009,"errmsg":"api freq out of limit"})").retry_after == Seconds(60));
  for (int code : {40014, 42001})
    CHECK(classify_api_answer(200, R"({"errcode":)" + std::to_string(code) + "}").kind ==
          ApiAnswer::Kind::token_expired);
  for (int code : {48002, 60011, 60020, 81013, 40033, 40001}) {
    auto a = classify_api_answer(200, R"({"errcode":)" + std::to_string(code) + R"(,"errmsg":"no"})");
    CHECK(a.kind == ApiAnswer::Kind::permanent);
    CHECK(a.errmsg == "no");
    CHECK(a.advice.find(std::to_string(code)) != std::string::npos);  // the admin sees the code
  }
  CHECK(classify_api_answer(200, R"({"errcode":60020})").advice.find("企业可信IP") != std::string::npos);
  auto unknown = classify_api_answer(200, R"({"errcode":12345,"errmsg":"?"})");
  CHECK(unknown.kind == ApiAnswer::Kind::permanent);
  CHECK(unknown.advice.find("12345") != std::string::npos);

  CHECK(classify_api_answer(502, "<html>Bad Gateway</html>").kind == ApiAnswer::Kind::retry);
  CHECK(classify_api_answer(200, "<html>captive portal</html>").kind == ApiAnswer::Kind::retry);
  CHECK(classify_api_answer(200, R"({"errmsg":"no code"})").kind == ApiAnswer::Kind::retry);
  CHECK(classify_api_answer(404, "").kind == ApiAnswer::Kind::permanent);
}

}  // namespace
}  // namespace gridbot::wecom
