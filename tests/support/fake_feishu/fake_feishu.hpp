// An in-process fake Feishu for tests, on 127.0.0.1 at an ephemeral port, served by its own thread
// with gridbot's own HTTP server: the tenant token (auth/v3/tenant_access_token/internal, `expire`),
// im/v1/messages (receive_id_type chat_id / open_id / user_id) and im/v1/messages/{id}/reply, each
// checking the Bearer token and answering a bad one with 99991663 in an HTTP 400 body, as Feishu
// does. GET im/v1/chats/{chat_id}/members serves the members set_chat_members gave, a few a page
// (page_token / has_more, as the official SDK's typed client reads them). callback/ws/endpoint hands out the long-connection gateway (gateway.hpp). A message whose uuid was seen already is answered with the first one's message_id and not
// recorded as a new message (Feishu's dedupe). Point an account's api_base_url at base_url().
//
//   fake_feishu::FakeFeishu feishu;
//   ... service talks to feishu.base_url() ...
//   auto sent = feishu.wait_for_calls("im/v1/messages", 1);
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

namespace gridbot::testing::fake_feishu {

inline constexpr std::chrono::milliseconds kWait{5000};

struct Settings {
  std::string app_id = "cli_fakeapp0001";
  std::string app_secret = "fake-app-secret-0123456789";
  std::string verification_token = "fake-verification-token";
  std::string encrypt_key = "fake encrypt key";
  std::int64_t expire = 7200;  // the token answer's `expire`
};

// One HTTP call. `endpoint` is "auth/v3/tenant_access_token/internal", "im/v1/messages" or
// "im/v1/messages/reply" (the replied-to id in `replied_to`), "im/v1/chats/members" (the chat in
// `replied_to`), "callback/ws/endpoint".
struct ApiCall {
  std::string endpoint;
  std::map<std::string, std::string> query;
  std::string token;       // the Bearer token
  std::string replied_to;  // reply: the message id in the path
  nlohmann::json json;     // the body parsed (discarded when it is not JSON)
  std::string text;        // a message's content.text (or the post's text), for matching
  int http_status = 200;
  int code = 0;            // what the fake answered in the body's `code`
  bool duplicate = false;  // a uuid seen before: Feishu dropped it
};

// One frame the client sent on a long connection.
struct ClientFrame {
  std::string type;        // header type: ping, or event for an ack
  std::string message_id;  // an ack's message_id header
  int method = 0;
  std::string payload;     // an ack's {"code":200}
};

struct Records {
  std::vector<ApiCall> calls;
  std::vector<ClientFrame> frames;
  int connections = 0;  // WebSockets accepted
  int disconnects = 0;
  int acks_of(const std::string& message_id) const;
  int pings() const;
  std::vector<ApiCall> calls_to(const std::string& endpoint) const;
  // Messages Feishu accepted (code 0, not deduped by uuid), sent or replied.
  std::vector<ApiCall> delivered() const;
};

// What a faulted call answers instead of its normal answer.
struct Fault {
  int http_status = 200;
  std::string body;
  std::map<std::string, std::string> headers;
};
// A group member as im/v1/chats/{chat_id}/members lists it.
struct ChatMember {
  std::string open_id, user_id, name;
};

// HTTP 429, 99991400 and x-ogw-ratelimit-reset: `reset_seconds`.
Fault rate_limited(int reset_seconds);

class FakeFeishu {
 public:
  explicit FakeFeishu(Settings settings = {});
  ~FakeFeishu();
  FakeFeishu(const FakeFeishu&) = delete;
  FakeFeishu& operator=(const FakeFeishu&) = delete;

  std::string base_url() const;  // http://127.0.0.1:PORT, for open.feishu.cn
  const Settings& settings() const;

  Records records() const;
  bool wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout = kWait) const;
  std::vector<ApiCall> wait_for_calls(const std::string& endpoint, std::size_t n,
                                      std::chrono::milliseconds timeout = kWait) const;

  // Every token handed out so far is refused from now on (99991663), as after an early invalidation.
  void expire_all_tokens();
  // The next `n` calls to `endpoint` answer `fault`.
  void fail_next(const std::string& endpoint, int n, Fault fault);
  // The chat's members from now on, `page_size` a page (member_id_type picks open_id or user_id).
  // A chat never set answers 230002 (the bot is not in it) in an HTTP 400 body.
  void set_chat_members(const std::string& chat_id, std::vector<ChatMember> members, int page_size = 2);

  // The long connection. push_event sends the event JSON as `parts` data frames on the newest open
  // connection and returns its message_id ("" when none is open); until acked, every new
  // connection gets it again.
  std::string push_event(const nlohmann::json& event, int parts = 1);
  bool drop_connection();  // closes the newest connection's TCP without a close frame
  bool wait_for_connections(int n, std::chrono::milliseconds timeout = kWait) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gridbot::testing::fake_feishu
