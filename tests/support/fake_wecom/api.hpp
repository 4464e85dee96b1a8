// The fake's HTTP API (PROTOCOLS.md §1.5, §1.6): gettoken, message/send, webhook/send, the AI bot's
// one-use response_url, batch/openuserid_to_userid, answered with WeCom's errcodes, plus what a test
// sets: the clock, early token expiry, injected faults. Pure request → answer, thread-safe; the
// server around it (fake_wecom.cpp) only moves bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "handlers/time.hpp"
#include "tests/support/fake_wecom/records.hpp"

namespace gridbot::testing::fake_wecom {

// WeCom's global errcodes the fake answers with (path/90313).
inline constexpr int kSystemBusy = -1;
inline constexpr int kInvalidSecret = 40001;
inline constexpr int kInvalidCorpId = 40013;
inline constexpr int kInvalidToken = 40014;
inline constexpr int kEscapedCharacters = 40033;  // \uXXXX in a body (§0 item 9)
inline constexpr int kMissingToken = 41001;
inline constexpr int kTokenExpired = 42001;
inline constexpr int kBadJson = 47001;
inline constexpr int kFrequencyLimit = 45009;
inline constexpr int kAllRecipientsInvalid = 81013;
inline constexpr int kInvalidWebhookKey = 93000;
// WeCom documents no errcode for a response_url used twice or unknown: this one is the fake's own,
// outside WeCom's ranges, so a test can tell it apart.
inline constexpr int kSpentResponseUrl = 990001;
// Nor one for a refused aibot_subscribe: the fake answers WeCom's "invalid secret".
inline constexpr int kSubscribeRefused = kInvalidSecret;

struct Settings {
  std::string corp_id = "wwfakecorp0001";
  std::string corp_secret = "fake-app-secret";
  std::string bot_id = "fakebot";          // aibot_subscribe's bot_id
  std::string bot_secret = "fake-bot-secret";
  Seconds token_lifetime{7200};            // expires_in of every token
  int webhook_per_minute = 20;             // per key, over any 60 s (§1.6)
};

// "Answer the next `count` calls of this endpoint so": an errcode in a 200 JSON body, or a bare
// HTTP status (502 from a proxy), after an optional delay. Endpoints are those of ApiCall, and the
// long connection's cmds (aibot_respond_msg, ping, …) for errcodes.
struct Fault {
  int errcode = kSystemBusy;
  int http_status = 200;
  std::chrono::milliseconds delay{0};
};

struct Answer {
  int http_status = 200;
  std::string body;  // JSON
  int errcode = 0;
  std::chrono::milliseconds delay{0};
};

class Api {
 public:
  explicit Api(Settings settings, Recorder& recorder) : settings_(std::move(settings)), recorder_(recorder) {}

  // One call: `target` is the request target (path and query), `body` the raw body. Recorded.
  Answer handle(std::string_view method, std::string_view target, std::string_view body);

  // The clock quotas and token lifetimes run on: real time unless a test sets it.
  void set_now(Time now);
  void advance(Seconds by);
  void use_real_time();
  Time now() const;

  // Calls with this token (or every token issued so far) get 42001 from now on.
  void expire_token(const std::string& token);
  void expire_all_tokens();
  std::vector<std::string> issued_tokens() const;

  void fail_next(const std::string& endpoint, int count, Fault fault);
  // Every call of the endpoint waits this long before its answer (0 to stop).
  void delay_all(const std::string& endpoint, std::chrono::milliseconds delay);
  // The fault to apply to this call of `endpoint`, consuming one, or none.
  std::optional<Fault> take_fault(const std::string& endpoint);

  // A response_url as an AI-bot callback carries it, on this fake: usable once.
  std::string new_response_url(const std::string& base_url);
  // batch/openuserid_to_userid answers `open_userid` with `userid`; others are invalid.
  void map_open_userid(const std::string& open_userid, const std::string& userid);
  // message/send lists this userid in invaliduser (and 81013 when nobody else is left).
  void refuse_user(const std::string& userid);

  const Settings& settings() const { return settings_; }

 private:
  struct Token {
    Time expires_at;
    bool revoked = false;
  };
  Answer gettoken(const std::map<std::string, std::string>& query);
  std::optional<Answer> check_token(const std::map<std::string, std::string>& query) const;
  Answer message_send(const nlohmann::json& body);
  Answer webhook_send(const std::map<std::string, std::string>& query);
  Answer aibot_response(const std::map<std::string, std::string>& query);
  Answer openuserid_to_userid(const nlohmann::json& body) const;
  Time now_locked() const;  // mutex_ held

  Settings settings_;
  Recorder& recorder_;
  mutable std::mutex mutex_;
  std::optional<Time> fixed_now_;
  std::map<std::string, Token> tokens_;
  std::vector<std::string> token_order_;
  std::map<std::string, std::deque<std::pair<int, Fault>>> faults_;
  std::map<std::string, std::chrono::milliseconds> delays_;
  std::map<std::string, std::deque<Time>> webhook_sent_;  // key → accepted sends in the last minute
  std::map<std::string, bool> response_codes_;            // code → already used
  std::map<std::string, std::string> open_userids_;
  std::set<std::string> refused_users_;
  std::uint64_t next_id_ = 1;
};

// True if a JSON text holds a \uXXXX escape: WeCom refuses those (40033).
bool has_unicode_escape(std::string_view json_text);

}  // namespace gridbot::testing::fake_wecom
