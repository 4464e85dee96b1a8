// DingTalk's answers into the seam's SendResult kinds, and the OAuth token answer.
#include <doctest/doctest.h>

#include "bot/platforms/dingtalk/api_answer.hpp"

namespace gridbot::dingtalk {
namespace {

using Kind = platforms::SendResult::Kind;
const Time kNow{Seconds(1700000000)};

TEST_CASE("the token request and answer: accessToken and expireIn") {
  CHECK(access_token_request("dingkey", "s3cret") == R"({"appKey":"dingkey","appSecret":"s3cret"})");
  auto token = parse_access_token(200, R"({"accessToken":"fw8ef8we8f76e6f7s8df","expireIn":7200})").value();
  CHECK(token.token == "fw8ef8we8f76e6f7s8df");
  CHECK(token.expires_in == Seconds(7200));
  CHECK(parse_access_token(200, R"({"access_token":"x","expires_in":7200})").error().find("accessToken") !=
        std::string::npos);
  auto refused = parse_access_token(400, R"({"code":"invalidClientIdOrSecret","message":"无效的clientId或secret"})");
  CHECK(refused.error().find("invalidClientIdOrSecret") != std::string::npos);
  CHECK(refused.error().find("AppSecret") != std::string::npos);
  CHECK_FALSE(parse_access_token(502, "<html>").has_value());
}

TEST_CASE("sent: the new API's processQueryKey, a webhook's errcode 0") {
  auto r = classify_answer(200, R"({"processQueryKey":"pqk-1"})", kNow);
  CHECK(r.kind == Kind::ok);
  CHECK(r.platform_message_id == "pqk-1");
  CHECK(classify_answer(200, R"({"errcode":0,"errmsg":"ok"})", kNow).kind == Kind::ok);
}

TEST_CASE("HTTP 401 means the token: token_expired") {
  auto r = classify_answer(401, R"({"code":"InvalidAuthentication","message":"不合法的access_token"})", kNow);
  CHECK(r.kind == Kind::token_expired);
  CHECK(r.error.find("InvalidAuthentication") != std::string::npos);
  CHECK(classify_answer(401, "", kNow).kind == Kind::token_expired);
}

TEST_CASE("130101 blocks the robot for 10 minutes: rate_limited until then") {
  auto r = classify_answer(200, R"({"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"})", kNow);
  CHECK(r.kind == Kind::rate_limited);
  CHECK(r.errcode == 130101);
  CHECK(r.until == kNow + Seconds(600));
  CHECK(r.error.find("send too fast") != std::string::npos);
}

TEST_CASE("throttling, 5xx, -1 and a proxy's page are retried") {
  CHECK(classify_answer(403, R"({"code":"Throttling.Api","message":"api throttled"})", kNow).kind == Kind::retry);
  CHECK(classify_answer(429, "", kNow).kind == Kind::retry);
  CHECK(classify_answer(503, "<html>busy</html>", kNow).kind == Kind::retry);
  CHECK(classify_answer(200, R"({"errcode":-1,"errmsg":"系统繁忙"})", kNow).kind == Kind::retry);
  CHECK(classify_answer(200, "", kNow).kind == Kind::retry);
}

TEST_CASE("the permanent codes carry DingTalk's words and advice an admin can act on") {
  auto sign = classify_answer(200, R"({"errcode":310000,"errmsg":"sign not match"})", kNow);
  CHECK(sign.kind == Kind::permanent);
  CHECK(sign.errcode == 310000);
  CHECK(sign.error.find("SEC") != std::string::npos);
  auto robot = classify_answer(400, R"({"code":"invalidParameter.robotCode.notExist","message":"robot 不存在"})", kNow);
  CHECK(robot.kind == Kind::permanent);
  CHECK(robot.error.find("robotCode") != std::string::npos);
  CHECK(classify_answer(200, R"({"errcode":34016,"errmsg":"content too long"})", kNow).kind == Kind::permanent);
  CHECK(classify_answer(403, R"({"code":"Forbidden.AccessDenied","message":"no"})", kNow).error.find("permission") !=
        std::string::npos);
  CHECK(classify_answer(404, "not found", kNow).kind == Kind::permanent);
  CHECK(classify_answer(200, R"({"errcode":400102,"errmsg":"x"})", kNow).kind == Kind::permanent);
}

}  // namespace
}  // namespace gridbot::dingtalk
