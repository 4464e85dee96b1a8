// The Feishu e2e tests' deployment: the sample organization with everyone on Feishu (user_id =
// their id) and the first grid's group a Feishu group, the real binary configured against the fake
// Feishu, and people posting as Feishu delivers their messages (webhook or long connection).
#pragma once

#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

#include "bot/platforms/feishu/crypto.hpp"
#include "tests/support/fake_feishu/fake_feishu.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace gridbot::testing::feishu_e2e {

namespace fake = gridbot::testing::fake_feishu;
namespace feishu = gridbot::feishu;
using nlohmann::json;

inline constexpr std::int64_t wednesday_10am = 1'794'967'200;  // Beijing; the service's test clock starts here
inline const std::string group_chat = "oc_fakegroup0001";

// The sample organization with everyone on Feishu (user_id = their id) and the first grid's group
// a Feishu group.
inline std::string write_organization(const TempDir& dir) {
  std::ifstream in(std::string(GRIDBOT_SOURCE_DIR) + "/organization/sample.json");
  std::stringstream text;
  text << in.rdbuf();
  json org = json::parse(text.str());
  for (auto* list : {&org["residents"], &org["members"]})
    for (auto& person : *list) person["accounts"] = {{"feishu", person["id"]}};
  for (auto& g : org["groups"])
    if (g["id"] == "xfl-1-group") g.update({{"platform", "feishu"}, {"account", "main"}, {"chat_id", group_chat}});
  std::ofstream(dir.file("organization.json")) << org.dump(2);
  return dir.file("organization.json");
}

// `extra`: more keys for the account (roster_member_id_type).
inline std::string write_config(const TempDir& dir, fake::FakeFeishu& feishu, const std::string& mode,
                                const json& extra = json::object()) {
  const auto& s = feishu.settings();
  json account = {{"name", "main"},
                  {"app_id", s.app_id},
                  {"app_secret", s.app_secret},
                  {"verification_token", s.verification_token},
                  {"encrypt_key", s.encrypt_key},
                  {"mode", mode},
                  {"api_base_url", feishu.base_url()}};
  account.update(extra);
  json config = {{"platforms", {{"feishu", {{"accounts", json::array({account})}}}}}};
  std::ofstream(dir.file("gridbot.json")) << config.dump(2);
  return dir.file("gridbot.json");
}

// Residents and members as Feishu delivers them, and what reached Feishu from gridbot.
class FeishuPeople {
 public:
  FeishuPeople(fake::FakeFeishu& feishu, std::uint16_t port, bool long_connection)
      : feishu_(feishu), port_(port), long_connection_(long_connection) {}

  // A v2.0 im.message.receive_v1 event (§2.1); in a group the bot is @-ed as @_user_1.
  json event(const std::string& from, const std::string& text, bool group, std::string message_id = {}) {
    if (message_id.empty()) message_id = "om_in" + std::to_string(++sequence_);
    if (group) group_messages_.insert(message_id);
    json message = {{"message_id", message_id},
                    {"chat_id", group ? group_chat : "oc_p2p_" + from},
                    {"chat_type", group ? "group" : "p2p"},
                    {"message_type", "text"},
                    {"create_time", std::to_string(now_ * 1000)},
                    {"content", json{{"text", group ? "@_user_1 " + text : text}}.dump()}};
    if (group)
      message["mentions"] = json::array({{{"key", "@_user_1"},
                                          {"id", {{"open_id", "ou_bot"}}},
                                          {"mentioned_type", "bot"},
                                          {"name", "网格助手"}}});
    return {{"schema", "2.0"},
            {"header",
             {{"event_id", "ev" + std::to_string(++events_)},
              {"event_type", "im.message.receive_v1"},
              {"create_time", std::to_string(now_ * 1000)},
              {"token", feishu_.settings().verification_token},
              {"app_id", feishu_.settings().app_id},
              {"tenant_key", "tenant1"}}},
            {"event",
             {{"sender", {{"sender_id", {{"user_id", from}, {"open_id", "ou_" + from}}}, {"sender_type", "user"}}},
              {"message", message}}}};
  }

  // Encrypted and signed as Feishu sends it; `key` given: signed with another key (a forgery).
  HttpResult deliver(const json& plaintext, std::string key = {}) {
    const feishu::EncryptKey ours(feishu_.settings().encrypt_key);
    const feishu::Iv16 iv{};
    const std::string body = json{{"encrypt", feishu::encrypt(ours, plaintext.dump(), iv).value()}}.dump();
    const std::string ts = std::to_string(now_), nonce = "nonce" + std::to_string(++events_);
    const feishu::EncryptKey signer(key.empty() ? feishu_.settings().encrypt_key : key);
    return http_request(port_, "POST", "/feishu/main/events", body,
                        {{"X-Lark-Request-Timestamp", ts},
                         {"X-Lark-Request-Nonce", nonce},
                         {"X-Lark-Signature", feishu::event_signature(ts, nonce, signer, body)}});
  }

  // Returns the message's message_id; `message_id` given: Feishu pushing that message again as a
  // new event (a new event_id), as users report it does.
  // Each one a couple of seconds after the last, as people type: the service's clock is frozen in
  // tests, and Feishu's 5-a-second buckets only refill as it moves.
  std::string post(const std::string& from, const std::string& text, std::string message_id = {}) {
    advance(2);
    json e = event(from, text, true, std::move(message_id));
    send(e);
    return e["event"]["message"]["message_id"];
  }
  void dm(const std::string& from, const std::string& text) {
    advance(2);
    send(event(from, text, false));
  }

  void advance(std::int64_t seconds) {
    auto r = http_post(port_, "/local/api/clock", {{"advance_seconds", seconds}});
    REQUIRE(r.status == 200);
    now_ += seconds;
  }

  bool group_said(const std::string& needle, std::chrono::milliseconds wait = fake::kWait) {
    return feishu_.wait_until([&](const fake::Records& r) { return count_group(r, needle) > 0; }, wait);
  }
  bool member_got(const std::string& user, const std::string& needle) {
    return feishu_.wait_until([&](const fake::Records& r) { return count_member(r, user, needle) > 0; });
  }
  // What Feishu accepted for the group: a message to its chat_id, or a reply to a message in it.
  int count_group(const fake::Records& r, const std::string& needle) const {
    int n = 0;
    for (const auto& c : r.delivered())
      if (c.text.find(needle) != std::string::npos &&
          (group_messages_.contains(c.replied_to) ||
           (c.endpoint == "im/v1/messages" && c.json.value("receive_id", "") == group_chat)))
        ++n;
    return n;
  }
  // What gridbot sent a member proactively (im/v1/messages by user_id); `user` "": any member.
  static int count_member(const fake::Records& r, const std::string& user, const std::string& needle) {
    int n = 0;
    for (const auto& c : r.delivered())
      if (c.endpoint == "im/v1/messages" && c.query.at("receive_id_type") == "user_id" &&
          (user.empty() || c.json.value("receive_id", "") == user) && c.text.find(needle) != std::string::npos)
        ++n;
    return n;
  }

 private:
  void send(const json& e) {
    if (long_connection_) {
      REQUIRE_FALSE(feishu_.push_event(e).empty());
    } else {
      CHECK(deliver(e).status == 200);
    }
  }

  fake::FakeFeishu& feishu_;
  std::uint16_t port_;
  bool long_connection_;
  std::int64_t now_ = wednesday_10am;
  int sequence_ = 0;
  int events_ = 0;
  std::set<std::string> group_messages_;
};

struct Deployment {
  fake::FakeFeishu feishu;
  TempDir dir;
  std::unique_ptr<ServiceProcess> service;
  std::unique_ptr<FeishuPeople> people;

  // `before_start` runs before the service does: faults for its first calls.
  explicit Deployment(const std::string& mode, const std::function<void(fake::FakeFeishu&)>& before_start = {},
                      bool wait_for_connection = true, const json& account_extra = json::object()) {
    if (before_start) before_start(feishu);
    std::vector<std::string> args{"--config", write_config(dir, feishu, mode, account_extra), "--organization",
                                  write_organization(dir), "--test-clock=" + std::to_string(wednesday_10am)};
    service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), args);
    if (mode == "websocket" && wait_for_connection) REQUIRE(feishu.wait_for_connections(1));
    people = std::make_unique<FeishuPeople>(feishu, service->port(), mode == "websocket");
  }
};


}  // namespace gridbot::testing::feishu_e2e
