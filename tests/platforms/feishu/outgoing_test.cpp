// What gridbot sends to Feishu, byte for byte: content a JSON string, <at> in text, post for markdown.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/outgoing.hpp"

namespace gridbot::feishu {
namespace {

using nlohmann::json;

TEST_CASE("the send and reply paths") {
  CHECK(send_message_path(ReceiveIdType::chat_id) == "/open-apis/im/v1/messages?receive_id_type=chat_id");
  CHECK(send_message_path(ReceiveIdType::open_id) == "/open-apis/im/v1/messages?receive_id_type=open_id");
  CHECK(send_message_path(ReceiveIdType::user_id) == "/open-apis/im/v1/messages?receive_id_type=user_id");
  CHECK(reply_path("om_msg1") == "/open-apis/im/v1/messages/om_msg1/reply");
  CHECK(receive_id_type_of("oc_group1") == ReceiveIdType::chat_id);
  CHECK(receive_id_type_of("ou_li") == ReceiveIdType::open_id);
  CHECK(receive_id_type_of("li0001") == ReceiveIdType::user_id);
}

TEST_CASE("a text to a chat: content is a JSON string, 中文 raw, mentions as <at user_id>, uuid for dedupe") {
  auto body = send_message_body("oc_group1", {Format::text, "已受理：3号楼电梯", {"ou_wang"}, ""}, "outbox-42").value();
  CHECK(body == R"({"content":"{\"text\":\"<at user_id=\\\"ou_wang\\\"></at> 已受理：3号楼电梯\"}","msg_type":"text",)"
                R"("receive_id":"oc_group1","uuid":"outbox-42"})");
  CHECK(json::parse(json::parse(body)["content"].get<std::string>())["text"] ==
        "<at user_id=\"ou_wang\"></at> 已受理：3号楼电梯");
  CHECK(send_message_body("ou_li", {Format::text, "好", {}, ""}, "").value() ==
        R"({"content":"{\"text\":\"好\"}","msg_type":"text","receive_id":"ou_li"})");
}

TEST_CASE("markdown goes as a post with an md element, mentions as at elements before it") {
  auto body = reply_body({Format::markdown, "**工单 #12** 已办结", {"ou_wang"}, "办结"}, "outbox-7").value();
  auto doc = json::parse(body);
  CHECK(doc["msg_type"] == "post");
  CHECK(doc["uuid"] == "outbox-7");
  CHECK_FALSE(doc.contains("receive_id"));
  CHECK(json::parse(doc["content"].get<std::string>()) ==
        json::parse(R"({"zh_cn":{"title":"办结","content":[[{"tag":"at","user_id":"ou_wang"}],)"
                    R"([{"tag":"md","text":"**工单 #12** 已办结"}]]}})"));
}

TEST_CASE("invalid UTF-8 and ids that would break the <at> tag are refused") {
  CHECK(send_message_body("oc", {Format::text, "\xff", {}, ""}, "").error() == Error::invalid_utf8);
  CHECK(reply_body({Format::markdown, "ok", {}, "\xe4"}, "").error() == Error::invalid_utf8);
  CHECK(send_message_body("oc", {Format::text, "hi", {"ou\" onclick=\""}, ""}, "").error() == Error::invalid_id);
  CHECK(send_message_body("oc", {Format::text, "hi", {""}, ""}, "").error() == Error::invalid_id);
}

TEST_CASE("the tenant token request") {
  CHECK(tenant_token_request("cli_a1", "s3cret") == R"({"app_id":"cli_a1","app_secret":"s3cret"})");
}

}  // namespace
}  // namespace gridbot::feishu
