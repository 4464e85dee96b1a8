// An in-process fake WeCom for tests: WeCom's HTTP API (api.hpp) and the AI bot's long connection
// (long_connection.hpp) on 127.0.0.1 at an ephemeral port, served by its own thread and io_context,
// so a test, or a service process it starts, talks to it as to qyapi.weixin.qq.com and
// openws.work.weixin.qq.com. Point an account's api_base_url at base_url() and its ws_url at ws_url().
//
//   fake_wecom::FakeWecom wecom;                       // listening once constructed
//   ... service talks to wecom.base_url() ...
//   auto sent = wecom.wait_for_calls("message/send", 1);
//   REQUIRE(sent.size() == 1);
//   CHECK(sent[0].json["text"]["content"] == "…");
//
// Every method may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/fake_wecom/api.hpp"
#include "tests/support/fake_wecom/records.hpp"

namespace gridbot::testing::fake_wecom {

inline constexpr std::chrono::milliseconds kWait{5000};

class FakeWecom {
 public:
  FakeWecom() : FakeWecom(Settings{}) {}
  explicit FakeWecom(Settings settings);
  ~FakeWecom();
  FakeWecom(const FakeWecom&) = delete;
  FakeWecom& operator=(const FakeWecom&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // http://127.0.0.1:PORT, in place of https://qyapi.weixin.qq.com
  std::string ws_url() const;    // ws://127.0.0.1:PORT/, in place of wss://openws.work.weixin.qq.com
  const Settings& settings() const;

  // The API's state and faults: clock, tokens, fail_next, delay_all, response urls, open_userids.
  Api& api();

  // What was seen so far, and waiting for more (true once `ready` holds, false after `timeout`).
  Records records() const;
  bool wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout = kWait) const;
  // The calls of one endpoint once there are at least `n` (fewer if the timeout passed first).
  std::vector<ApiCall> wait_for_calls(const std::string& endpoint, std::size_t n,
                                      std::chrono::milliseconds timeout = kWait) const;
  // The frames with this cmd the client sent, once there are at least `n`.
  std::vector<Frame> wait_for_frames(const std::string& cmd, std::size_t n,
                                     std::chrono::milliseconds timeout = kWait) const;
  bool wait_for_subscriptions(int n, std::chrono::milliseconds timeout = kWait) const;

  // The long connection. Each push goes to the subscribed connection (else the newest open one);
  // false when there is none. The pushes return the req_id the frame carries, on which the
  // client's aibot_respond_* must come back; empty when nothing was sent.
  std::string push_msg_callback(const nlohmann::json& body);
  std::string push_event_callback(const nlohmann::json& body);
  bool push_raw(const std::string& text);
  bool send_disconnected_event();  // then closes, as after another instance's subscribe
  bool drop_connection();          // TCP reset, no close frame
  void answer_pings(bool answer);  // false: pings go unanswered (a half-dead connection)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gridbot::testing::fake_wecom
