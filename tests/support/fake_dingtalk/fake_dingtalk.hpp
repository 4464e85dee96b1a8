// An in-process fake DingTalk for tests, on 127.0.0.1 at an ephemeral port, served by its own
// thread: the OpenAPI (v1.0/oauth2/accessToken, v1.0/robot/groupMessages/send,
// v1.0/robot/oToMessages/batchSend), the oapi host's custom webhook robot (robot/send, signature
// checked) and the sessionWebhooks it hands out, and Stream mode (v1.0/gateway/connections/open and
// the WebSocket gateway, which pushes CALLBACK frames, expects their acks, delivers again what was
// not acked on the next connection, answers a ticket only once, and can drop a connection).
// Point an account's api_base_url and oapi_base_url at base_url().
//
//   fake_dingtalk::FakeDingtalk dingtalk;
//   ... service talks to dingtalk.base_url() ...
//   auto sent = dingtalk.wait_for_calls("v1.0/robot/oToMessages/batchSend", 1);
//
// Every method may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot::testing::fake_dingtalk {

inline constexpr std::chrono::milliseconds kWait{5000};

struct Settings {
  std::string client_id = "dingfakeappkey0001";
  std::string client_secret = "fake-app-secret-0123456789";
  std::string webhook_token = "fake-webhook-token";         // the one custom robot's access_token
  std::string webhook_secret = "SECfakewebhooksecret0123";   // and its 加签 secret
  std::int64_t expire_in = 7200;                             // accessToken's expireIn
};

// One HTTP call. `endpoint` is the path without its leading '/' and without the query.
struct ApiCall {
  std::string endpoint;
  std::map<std::string, std::string> query;  // percent-decoded
  std::string token;                         // x-acs-dingtalk-access-token
  std::string body;
  nlohmann::json json;  // the body parsed (discarded when it is not JSON)
  int http_status = 200;
  int errcode = 0;      // what the fake answered in a webhook's errcode
};

// One frame the client sent on a Stream connection.
struct ClientFrame {
  std::string message_id;  // headers.messageId
  nlohmann::json frame;
  std::string text;
};

struct Records {
  std::vector<ApiCall> calls;
  std::vector<ClientFrame> frames;
  int tickets_issued = 0;
  int tickets_refused = 0;  // upgrades with an unknown or already used ticket
  int connections = 0;      // WebSockets accepted
  int disconnects = 0;

  std::vector<ApiCall> calls_to(const std::string& endpoint) const;
  int acks_of(const std::string& message_id) const;
};

// What a faulted call answers instead of its normal answer.
struct Fault {
  int http_status = 200;
  std::string body;  // e.g. {"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}
};
Fault rate_limited();  // 130101, as the webhooks answer it

// A scene group's member as topapi/im/chat/scenegroup/member/get lists it.
struct SceneGroupMember {
  std::string userid, nick;
};

class FakeDingtalk {
 public:
  explicit FakeDingtalk(Settings settings = {});
  ~FakeDingtalk();
  FakeDingtalk(const FakeDingtalk&) = delete;
  FakeDingtalk& operator=(const FakeDingtalk&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // http://127.0.0.1:PORT, for both api.dingtalk.com and oapi.dingtalk.com
  const Settings& settings() const;

  Records records() const;
  bool wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout = kWait) const;
  std::vector<ApiCall> wait_for_calls(const std::string& endpoint, std::size_t n,
                                      std::chrono::milliseconds timeout = kWait) const;

  // A sessionWebhook URL on the fake (endpoint "robot/sendBySession"), as a callback carries it.
  std::string new_session_webhook();
  // Every token handed out so far is refused from now on (HTTP 401), as after an early invalidation.
  void expire_all_tokens();
  // The next `n` calls to `endpoint` answer `fault`.
  void fail_next(const std::string& endpoint, int n, Fault fault);
  // A scene group (by open_conversation_id) and its members, `page_size` a page through
  // topapi/im/chat/scenegroup/member/get (next_cursor, has_more, staff_id_nick_map as a JSON
  // string). Any other conversation answers 4000003 (not a scene group).
  void set_scene_group(const std::string& open_conversation_id, std::vector<SceneGroupMember> members, int page_size = 2);

  // Stream mode. push_robot_message sends a CALLBACK frame on the newest open connection and
  // returns its messageId (empty when none is open); until it is acked, every new connection gets
  // it again, as DingTalk redelivers.
  std::string push_robot_message(const nlohmann::json& data);
  bool push_ping();        // SYSTEM ping; the client must echo it
  bool send_disconnect();  // SYSTEM disconnect, as before DingTalk closes a connection
  bool drop_connection();  // closes the TCP connection without a close frame
  bool wait_for_connections(int n, std::chrono::milliseconds timeout = kWait) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gridbot::testing::fake_dingtalk
