// Feishu's answers into the seam's SendResult kinds (§2.2), and the tenant token answer.
#include <doctest/doctest.h>

#include "bot/platforms/feishu/api_answer.hpp"

namespace gridbot::feishu {
namespace {

using Kind = platforms::SendResult::Kind;
const Time kNow{Seconds(1700000000)};

TEST_CASE("the tenant token: the field is expire, not expires_in") {
  auto t = parse_tenant_token(200, R"({"code":0,"msg":"ok","tenant_access_token":"t-g104","expire":7200})").value();
  CHECK(t.token == "t-g104");
  CHECK(t.expires_in == Seconds(7200));
  CHECK_FALSE(parse_tenant_token(200, R"({"code":0,"tenant_access_token":"t-1","expires_in":7200})").has_value());
  auto refused = parse_tenant_token(400, R"({"code":10003,"msg":"invalid param"})").error();
  CHECK(refused.find("10003") != std::string::npos);
  CHECK(refused.find("App Secret") != std::string::npos);
  CHECK(parse_tenant_token(502, "<html>").error().find("base URL") != std::string::npos);
}

TEST_CASE("sent: code 0 carries data.message_id") {
  auto r = classify_answer(200, R"({"code":0,"msg":"success","data":{"message_id":"om_sent1"}})", std::nullopt, kNow);
  CHECK(r.kind == Kind::ok);
  CHECK(r.platform_message_id == "om_sent1");
}

TEST_CASE("a stale token arrives as a body code under 200 or 400, not as 401") {
  for (int code : {99991663, 99991664, 99991661})
    for (int status : {200, 400}) {
      auto r = classify_answer(status, R"({"code":)" + std::to_string(code) + R"(,"msg":"Invalid access token"})",
                               std::nullopt, kNow);
      CHECK(r.kind == Kind::token_expired);
      CHECK(r.errcode == code);
    }
}

TEST_CASE("the frequency limit waits for x-ogw-ratelimit-reset when Feishu gives it") {
  std::string body = R"({"code":99991400,"msg":"request trigger frequency limit"})";
  auto r = classify_answer(429, body, Seconds(3), kNow);
  CHECK(r.kind == Kind::rate_limited);
  CHECK(r.until == kNow + Seconds(3));
  CHECK(r.errcode == 99991400);
  CHECK(classify_answer(400, body, std::nullopt, kNow).kind == Kind::retry);
  CHECK(classify_answer(400, body, parse_ratelimit_reset("12"), kNow).until == kNow + Seconds(12));
  CHECK_FALSE(parse_ratelimit_reset("").has_value());
  CHECK_FALSE(parse_ratelimit_reset("1.5").has_value());
  CHECK_FALSE(parse_ratelimit_reset("-3").has_value());
  CHECK(classify_answer(429, "", std::nullopt, kNow).kind == Kind::retry);
}

TEST_CASE("11232/11233, 5xx and a proxy's page are retried") {
  CHECK(classify_answer(200, R"({"code":11232,"msg":"create message failed"})", std::nullopt, kNow).kind == Kind::retry);
  CHECK(classify_answer(200, R"({"code":11233,"msg":"too fast"})", std::nullopt, kNow).kind == Kind::retry);
  CHECK(classify_answer(503, "<html>", std::nullopt, kNow).kind == Kind::retry);
  CHECK(classify_answer(500, R"({"code":1234,"msg":"x"})", std::nullopt, kNow).kind == Kind::retry);
  CHECK(classify_answer(200, "", std::nullopt, kNow).kind == Kind::retry);
}

TEST_CASE("permanent codes carry Feishu's words and advice an admin can act on") {
  auto not_in_chat = classify_answer(400, R"({"code":230002,"msg":"Bot/User can NOT be out of the chat."})",
                                     std::nullopt, kNow);
  CHECK(not_in_chat.kind == Kind::permanent);
  CHECK(not_in_chat.error.find("add the bot to the group") != std::string::npos);
  CHECK(not_in_chat.error.find("can NOT be out of the chat") != std::string::npos);
  CHECK(classify_answer(400, R"({"code":99991672,"msg":"scope"})", std::nullopt, kNow).error.find("im:message") !=
        std::string::npos);
  CHECK(classify_answer(400, R"({"code":230001,"msg":"invalid param"})", std::nullopt, kNow).kind == Kind::permanent);
  CHECK(classify_answer(400, R"({"code":230099,"msg":"other"})", std::nullopt, kNow).errcode == 230099);
  CHECK(classify_answer(404, "not found", std::nullopt, kNow).kind == Kind::permanent);
}

}  // namespace
}  // namespace gridbot::feishu
