// What gridbot sends to DingTalk, byte for byte: msgParam a JSON string, raw UTF-8, at.atUserIds.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/outgoing.hpp"

namespace gridbot::dingtalk {
namespace {

using nlohmann::json;

TEST_CASE("groupMessages/send: sampleText with msgParam as a JSON string, 中文 as raw bytes") {
  auto body = group_message_body("dingrobot01", "cidGroup123==", {Format::text, "已受理：3号楼电梯", ""}).value();
  CHECK(body == R"({"msgKey":"sampleText","msgParam":"{\"content\":\"已受理：3号楼电梯\"}",)"
                R"("openConversationId":"cidGroup123==","robotCode":"dingrobot01"})");
  auto doc = json::parse(body);
  CHECK(doc["msgParam"].is_string());
  CHECK(json::parse(doc["msgParam"].get<std::string>())["content"] == "已受理：3号楼电梯");
}

TEST_CASE("sampleMarkdown carries the title and the text") {
  auto body = group_message_body("r", "c", {Format::markdown, "**工单 #12** 已办结", "工单办结"}).value();
  auto param = json::parse(json::parse(body)["msgParam"].get<std::string>());
  CHECK(json::parse(body)["msgKey"] == "sampleMarkdown");
  CHECK(param == json{{"title", "工单办结"}, {"text", "**工单 #12** 已办结"}});
}

TEST_CASE("oToMessages/batchSend names the staff by userIds") {
  auto body = batch_send_body("dingrobot01", {"wang01", "li0001"}, {Format::text, "新工单", ""}).value();
  CHECK(body == R"({"msgKey":"sampleText","msgParam":"{\"content\":\"新工单\"}","robotCode":"dingrobot01",)"
                R"("userIds":["wang01","li0001"]})");
}

TEST_CASE("the sessionWebhook and custom-robot body: text with at.atUserIds, markdown with its title") {
  CHECK(webhook_body({Format::text, "@wang01 请处理", ""}, {"wang01"}).value() ==
        R"({"at":{"atUserIds":["wang01"]},"msgtype":"text","text":{"content":"@wang01 请处理"}})");
  CHECK(webhook_body({Format::text, "收到", ""}).value() == R"({"msgtype":"text","text":{"content":"收到"}})");
  CHECK(webhook_body({Format::markdown, "# 通知", "通知"}).value() ==
        R"({"markdown":{"text":"# 通知","title":"通知"},"msgtype":"markdown"})");
}

TEST_CASE("invalid UTF-8 is refused, not sent mangled") {
  std::string bad = "\xe4\xb8";
  CHECK(group_message_body("r", "c", {Format::text, bad, ""}).error() == Error::invalid_utf8);
  CHECK(batch_send_body("r", {"u"}, {Format::markdown, "ok", bad}).error() == Error::invalid_utf8);
  CHECK(webhook_body({Format::text, "ok", ""}, {bad}).error() == Error::invalid_utf8);
}

}  // namespace
}  // namespace gridbot::dingtalk
