// What the fake WeCom saw, readable from the test's thread while the fake's own thread adds to it:
// every API call with the answer it got, every long-connection frame the client sent, and the
// connection's life (connects, subscribes, drops). Tests wait on it with a timeout instead of
// sleeping and polling.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot::testing::fake_wecom {

// One HTTP call to the API. `endpoint` is the path after /cgi-bin/: "gettoken", "message/send",
// "webhook/send", "aibot/response", "batch/openuserid_to_userid".
struct ApiCall {
  std::string method;
  std::string endpoint;
  std::map<std::string, std::string> query;  // percent-decoded
  std::string body;                          // raw, as sent
  nlohmann::json json;                       // the body parsed (discarded when it is not JSON)
  int http_status = 200;
  int errcode = 0;                           // what the fake answered (0 for a non-JSON answer)
};

// One frame the client sent on the long connection, as parsed JSON ("cmd" empty when unreadable).
struct Frame {
  std::string cmd;
  std::string req_id;
  nlohmann::json frame;
  std::string text;  // the frame as received
};

struct Records {
  std::vector<ApiCall> calls;
  std::vector<Frame> frames;
  int connections = 0;    // WebSocket upgrades accepted
  int subscriptions = 0;  // aibot_subscribe answered with errcode 0
  int disconnects = 0;    // connections that ended, for whatever reason

  std::vector<ApiCall> calls_to(const std::string& endpoint) const;
  std::vector<Frame> frames_of(const std::string& cmd) const;
};

// The records behind a mutex, with a condition variable signalled on every change.
class Recorder {
 public:
  using Clock = std::chrono::steady_clock;

  // `change` runs under the lock; waiters are woken afterwards.
  void update(const std::function<void(Records&)>& change);
  Records snapshot() const;
  // True once `ready(records)` holds, false if it still does not after `timeout`.
  bool wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  Records records_;
};

}  // namespace gridbot::testing::fake_wecom
