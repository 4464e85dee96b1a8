// The real binary on a free loopback port, driven only through the local platform's API.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "tests/support/http_client.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/patience.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
using nlohmann::json;

namespace {

// The outbox sends shortly after a commit: wait for a message matching `pred`.
json wait_for_message(std::uint16_t port, const std::string& path, const std::function<bool(const json&)>& pred) {
  const auto deadline = std::chrono::steady_clock::now() + patience(std::chrono::seconds(10));
  while (std::chrono::steady_clock::now() < deadline) {
    auto messages = http_get(port, path).json()["messages"];
    for (const auto& m : messages)
      if (pred(m)) return m;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return json();
}

bool contains(const json& m, const std::string& needle) {
  return m.is_object() && m["text"].get<std::string>().find(needle) != std::string::npos;
}

json messages(std::uint16_t port, const std::string& path) { return http_get(port, path).json()["messages"]; }

}  // namespace

TEST_CASE("a resident's request becomes a routed ticket; redelivery, chit-chat and restart change nothing") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=1794967200"});
  const auto port = service.port();

  auto posted = http_post(port, "/local/api/groups/xfl-1-group/messages",
                          {{"sender", "zhangwei"}, {"text", "3号楼2单元下水道堵了，污水漫到楼道了"}, {"client_msg_id", "wx-1"}});
  REQUIRE(posted.status == 202);
  const auto message_id = posted.json()["message_id"].get<std::int64_t>();
  CHECK_FALSE(posted.json()["duplicate"].get<bool>());

  json receipt = wait_for_message(port, "/local/api/groups/xfl-1-group/messages", [](const json& m) { return m["from_bot"].get<bool>(); });
  REQUIRE(receipt.is_object());
  CHECK(contains(receipt, "@张伟"));
  CHECK(contains(receipt, "#1001"));
  CHECK(contains(receipt, "排水堵塞"));
  CHECK(contains(receipt, "王芳"));
  CHECK(contains(receipt, "3号楼2单元"));
  CHECK(receipt["mentions"] == json::array({"zhangwei"}));

  json notice = wait_for_message(port, "/local/api/users/wangfang/messages", [](const json& m) { return contains(m, "#1001"); });
  REQUIRE(notice.is_object());
  CHECK(contains(notice, "下水道堵了，污水漫到楼道了"));
  CHECK(contains(notice, "接单 1001"));

  SUBCASE("the same delivery again is recognised and changes nothing") {
    auto again = http_post(port, "/local/api/groups/xfl-1-group/messages",
                           {{"sender", "zhangwei"}, {"text", "3号楼2单元下水道堵了，污水漫到楼道了"}, {"client_msg_id", "wx-1"}});
    CHECK(again.status == 202);
    CHECK(again.json()["duplicate"].get<bool>());
    CHECK(again.json()["message_id"] == message_id);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(messages(port, "/local/api/groups/xfl-1-group/messages").size() == 2);
    CHECK(http_get(port, "/healthz").json()["tickets"] == 1);
    CHECK(messages(port, "/local/api/users/wangfang/messages").size() == 1);
  }

  SUBCASE("thanks and acknowledgements create nothing") {
    for (const char* text : {"收到", "谢谢网格员", "大家早上好"})
      CHECK(http_post(port, "/local/api/groups/xfl-1-group/messages", {{"sender", "liuna"}, {"text", text}}).status == 202);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(http_get(port, "/healthz").json()["tickets"] == 1);
    auto all = messages(port, "/local/api/groups/xfl-1-group/messages");
    int from_bot = 0;
    for (const auto& m : all) from_bot += m["from_bot"].get<bool>();
    CHECK(from_bot == 1);
  }

  SUBCASE("the claim reminder fires on the test clock and the member can claim by DM") {
    auto clock = http_post(port, "/local/api/clock", {{"advance_seconds", 100 * 60}});
    CHECK(clock.status == 200);
    CHECK(clock.json()["fired"] == 1);
    CHECK(wait_for_message(port, "/local/api/users/wangfang/messages", [](const json& m) { return contains(m, "到认领时限"); })
              .is_object());
    CHECK(http_post(port, "/local/api/users/wangfang/messages", {{"text", "接单 1001"}}).status == 202);
    CHECK(wait_for_message(port, "/local/api/groups/xfl-1-group/messages", [](const json& m) { return contains(m, "已由网格员王芳认领"); })
              .is_object());
  }

  SUBCASE("tickets survive a restart, and numbering continues") {
    CHECK(service.stop() == 0);
    ServiceProcess restarted(GRIDBOT_BINARY, dir.path().string(), {"--test-clock=1794967200"});
    CHECK(http_get(restarted.port(), "/healthz").json()["tickets"] == 1);
    CHECK(http_post(restarted.port(), "/local/api/users/wangfang/messages", {{"text", "查 1001"}}).status == 202);
    CHECK(wait_for_message(restarted.port(), "/local/api/users/wangfang/messages",
                           [](const json& m) { return contains(m, "工单 #1001") && contains(m, "已受理"); })
              .is_object());
    http_post(restarted.port(), "/local/api/groups/xfl-2-group/messages", {{"sender", "wujun"}, {"text", "6号楼3单元楼道灯坏了好几天了，晚上黑漆漆的"}});
    CHECK(wait_for_message(restarted.port(), "/local/api/groups/xfl-2-group/messages", [](const json& m) { return contains(m, "#1002"); })
              .is_object());
    // The page's history is the platform's: still there after the restart.
    CHECK(messages(restarted.port(), "/local/api/groups/xfl-1-group/messages").size() == 2);
  }
}

TEST_CASE("the local API answers bad requests with the right code and a reason, and keeps nothing of them") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const auto port = service.port();
  auto reason = [](const HttpResult& r) { return r.json().value("error", std::string()); };

  auto unknown_group = http_post(port, "/local/api/groups/nope/messages", {{"sender", "zhangwei"}, {"text", "x"}});
  CHECK(unknown_group.status == 404);
  CHECK(reason(unknown_group).find("nope") != std::string::npos);
  CHECK(http_get(port, "/local/api/groups/nope/messages").status == 404);
  auto unknown_user = http_post(port, "/local/api/groups/xfl-1-group/messages", {{"sender", "ghost"}, {"text", "x"}});
  CHECK(unknown_user.status == 404);
  CHECK(reason(unknown_user).find("ghost") != std::string::npos);
  CHECK(http_post(port, "/local/api/users/ghost/messages", {{"text", "x"}}).status == 404);
  CHECK(http_get(port, "/local/api/users/ghost/messages").status == 404);

  auto malformed = http_request(port, "POST", "/local/api/groups/xfl-1-group/messages", "{\"sender\": ");
  CHECK(malformed.status == 400);
  CHECK_FALSE(reason(malformed).empty());
  CHECK(http_post(port, "/local/api/groups/xfl-1-group/messages", {{"sender", "zhangwei"}}).status == 400);
  CHECK(http_post(port, "/local/api/users/zhangwei/messages", json::object()).status == 400);
  CHECK(http_get(port, "/local/api/groups/xfl-1-group/messages?after=abc").status == 400);
  CHECK(http_post(port, "/local/api/groups/xfl-1-group/messages", {{"sender", "wujun"}, {"text", "x"}}).status == 403);
  CHECK(http_post(port, "/local/api/groups/xfl-1-group/messages", {{"sender", "zhangwei"}, {"text", "x"}, {"quote", 99}}).status ==
        400);

  auto huge = http_request(port, "POST", "/local/api/groups/xfl-1-group/messages",
                           json{{"sender", "zhangwei"}, {"text", std::string(1024 * 1024 + 10, 'a')}}.dump());
  CHECK(huge.status == 413);
  CHECK(http_post(port, "/local/api/clock", {{"advance_seconds", 60}}).status == 404);  // no --test-clock
  CHECK(http_get(port, "/nowhere").status == 404);
  CHECK(http_request(port, "DELETE", "/local/api/groups").status == 405);

  CHECK(messages(port, "/local/api/groups/xfl-1-group/messages").empty());
  CHECK(http_get(port, "/healthz").json()["tickets"] == 0);

  auto groups = http_get(port, "/local/api/groups").json()["groups"];
  REQUIRE(groups.size() == 4);
  CHECK(groups[0]["group_id"] == "xfl-1-group");
  CHECK(groups[0]["grid"] == "xfl-1");
  CHECK(groups[0]["grid_name"] == "幸福里第一网格");
  bool has_resident = false;
  for (const auto& u : groups[0]["members"]) has_resident |= u == "zhangwei";
  CHECK(has_resident);
  auto users = http_get(port, "/local/api/users").json()["users"];
  bool found = false;
  for (const auto& u : users)
    if (u["user_id"] == "wangfang") {
      found = true;
      CHECK(u["kind"] == "member");
      CHECK(u["roles"] == json::array({"manager"}));
      CHECK(u["grid"] == "xfl-1");
    }
  CHECK(found);
  auto page = http_get(port, "/local/");
  CHECK(page.status == 200);
  CHECK(page.body.find("<") != std::string::npos);
}

TEST_CASE("a bad organization file stops start-up with the file and the field") {
  TempDir dir;
  std::ofstream(dir.file("org.json")) << R"({"streets": []})";
  CHECK_THROWS_WITH(ServiceProcess(GRIDBOT_BINARY, dir.path().string(), {"--organization", dir.file("org.json")}),
                    doctest::Contains("org.json: organization.streets"));
}

TEST_CASE("hostile input gets a 4xx or is handled, and the service keeps running") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string());
  const auto port = service.port();
  const std::string path = "/local/api/groups/xfl-1-group/messages";
  // Raw invalid UTF-8 inside the JSON string: not valid JSON text.
  CHECK(http_request(port, "POST", path, "{\"sender\":\"zhangwei\",\"text\":\"\xff\xfe\x80 3号楼\"}").status == 400);
  for (const char* body : {"", "null", "42", "\"text\"", "{\"sender\": [], \"text\": {}}", "{\"sender\": \"zhangwei\", \"text\": null}",
                           "{\"sender\": \"zhangwei\", \"text\": \"x\", \"quote\": -5}", "{\"sender\": \"zhangwei\", \"text\": \"x\", \"quote\": 1.5}",
                           "{\"sender\": \"zhangwei\", \"text\": \"x\", \"client_msg_id\": 7}"}) {
    CAPTURE(body);
    CHECK(http_request(port, "POST", path, body).status == 400);
  }
  // Valid but strange: handled, answered 202.
  const std::string long_text = std::string(100 * 1024, 'a') + "3号楼下水道堵了" + std::string(1000, 'b');
  for (const std::string& text : {long_text, std::string("😀😀😀🔥🔥"), std::string("\\u0000 \\ud800"), std::string("@所有人 @网格员小王 ")}) {
    CHECK(http_post(port, path, {{"sender", "zhangwei"}, {"text", text}}).status == 202);
  }
  // JSON escapes: a NUL character is text like any other; a lone surrogate is not valid JSON.
  CHECK(http_request(port, "POST", path, R"({"sender": "zhangwei", "text": "3号楼\u0000下水道堵了"})").status == 202);
  CHECK(http_request(port, "POST", path, R"({"sender": "zhangwei", "text": "\ud800 3号楼"})").status == 400);
  CHECK(http_request(port, "GET", "/local/api/groups/%FF%FE/messages").status == 404);
  CHECK(http_request(port, "GET", "/local/api/users/zhangwei/messages?after=99999999999999999999").status == 400);
  CHECK(http_get(port, "/healthz").status == 200);
  CHECK(http_get(port, "/local/api/groups/xfl-1-group/messages").status == 200);
  CHECK(service.stop() == 0);
}
