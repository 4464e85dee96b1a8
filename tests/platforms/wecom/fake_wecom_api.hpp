// A small fake of the WeCom HTTP APIs the sending side calls, on a loopback server, with
// programmable errcodes: gettoken, message/send, webhook/send, the AI bot's response_url,
// batch/openuserid_to_userid, and the group member lists externalcontact/groupchat/get (POST) and
// appchat/get (GET). It records every call (path, query, body). Tokens are TOKEN-1,
// TOKEN-2, … in the order gettoken hands them out; only the newest is accepted.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/net/loopback_http_server.hpp"

namespace gridbot::testing {

class FakeWecomApi {
 public:
  static constexpr const char* kCorpId = "ww-corp";
  static constexpr const char* kSecret = "app-secret";
  // WeCom documents no errcode for a used or expired response_url (PROTOCOLS §1.5): any refusal.
  static constexpr int kUsedResponseUrl = 95001;

  struct Call {
    std::string path;
    std::map<std::string, std::string> query;
    std::string body;
  };

  FakeWecomApi() : server_([this](const LoopbackHttpServer::Request& request) { return answer(request); }) {}

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

  // The next answers of message/send (or webhook/send); after them, 0.
  void answer_sends(std::vector<int> errcodes) { queue(send_errcodes_, errcodes); }
  void answer_webhooks(std::vector<int> errcodes) { queue(webhook_errcodes_, errcodes); }
  // A customer group's member_list entries ({userid, type, name, group_nickname, …}) and an app
  // chat's userlist. Unknown ids answer 90501 (customer group) and 86003 (app chat): the fake's
  // choice of code, neither checked on an official page.
  void customer_group(const std::string& chat_id, nlohmann::json member_list) {
    std::lock_guard lock(mutex_);
    customer_groups_[chat_id] = std::move(member_list);
  }
  void app_chat(const std::string& chatid, std::vector<std::string> userids) {
    std::lock_guard lock(mutex_);
    app_chats_[chatid] = std::move(userids);
  }
  // From now on the newest token is refused with 42001 until gettoken hands out another.
  void expire_token() {
    std::lock_guard lock(mutex_);
    token_expired_ = true;
  }
  void delay_gettoken(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    gettoken_delay_ = by;
  }
  int gettoken_calls() const { return static_cast<int>(calls_to("/cgi-bin/gettoken").size()); }
  std::vector<Call> calls_to(const std::string& path) const {
    std::lock_guard lock(mutex_);
    std::vector<Call> out;
    for (const auto& call : calls_)
      if (call.path == path) out.push_back(call);
    return out;
  }

 private:
  using Response = LoopbackHttpServer::Response;

  void queue(std::deque<int>& to, const std::vector<int>& errcodes) {
    std::lock_guard lock(mutex_);
    to.insert(to.end(), errcodes.begin(), errcodes.end());
  }
  static int next(std::deque<int>& from) {
    if (from.empty()) return 0;
    const int errcode = from.front();
    from.pop_front();
    return errcode;
  }
  static Response json_answer(const nlohmann::json& body) {
    Response response{boost::beast::http::status::ok, 11};
    response.set(boost::beast::http::field::content_type, "application/json");
    response.body() = body.dump();
    return response;
  }
  static nlohmann::json error(int errcode) { return {{"errcode", errcode}, {"errmsg", errcode ? "fake refusal" : "ok"}}; }

  Response answer(const LoopbackHttpServer::Request& request) {
    Call call;
    const std::string target(request.target());
    const auto question = target.find('?');
    call.path = target.substr(0, question);
    if (question != std::string::npos) {
      std::string rest = target.substr(question + 1);
      while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        call.query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
        rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
      }
    }
    call.body = request.body();
    std::unique_lock lock(mutex_);
    calls_.push_back(call);
    if (call.path == "/cgi-bin/gettoken") {
      if (call.query["corpid"] != kCorpId || call.query["corpsecret"] != kSecret) return json_answer(error(40001));
      const auto delay = gettoken_delay_;
      token_ = "TOKEN-" + std::to_string(++tokens_issued_);
      token_expired_ = false;
      const std::string token = token_;
      lock.unlock();
      std::this_thread::sleep_for(delay);  // holds this connection only; the client's others wait in line
      return json_answer({{"errcode", 0}, {"errmsg", "ok"}, {"access_token", token}, {"expires_in", 7200}});
    }
    if (call.path == "/cgi-bin/message/send" || call.path == "/cgi-bin/batch/openuserid_to_userid") {
      if (call.query["access_token"] != token_ || token_expired_) return json_answer(error(42001));
      if (call.path == "/cgi-bin/batch/openuserid_to_userid") return convert(call.body);
      const int errcode = next(send_errcodes_);
      auto body = error(errcode);
      if (errcode == 0) body["msgid"] = "MSG-" + std::to_string(++messages_sent_);
      return json_answer(body);
    }
    if (call.path == "/cgi-bin/externalcontact/groupchat/get" || call.path == "/cgi-bin/appchat/get") {
      if (call.query["access_token"] != token_ || token_expired_) return json_answer(error(42001));
      return member_list(request.method() == boost::beast::http::verb::post, call);
    }
    if (call.path == "/cgi-bin/webhook/send") return json_answer(error(next(webhook_errcodes_)));
    if (call.path == "/cgi-bin/aibot/response") {
      const bool fresh = used_response_codes_.insert(call.query["response_code"]).second;
      return json_answer(error(fresh ? 0 : kUsedResponseUrl));
    }
    Response missing{boost::beast::http::status::not_found, 11};
    missing.body() = "no such fake API";
    return missing;
  }

  // Under the mutex.
  Response member_list(bool post, const Call& call) {
    if (call.path == "/cgi-bin/appchat/get") {
      auto chat = app_chats_.find(call.query.at("chatid"));
      if (post || chat == app_chats_.end()) return json_answer(error(86003));
      return json_answer({{"errcode", 0}, {"errmsg", "ok"},
                          {"chat_info", {{"chatid", chat->first}, {"name", "群"}, {"owner", chat->second.front()},
                                         {"userlist", chat->second}, {"chat_type", 0}}}});
    }
    const auto body = nlohmann::json::parse(call.body, nullptr, false);
    if (!post || !body.is_object() || body.value("need_name", 0) != 1) return json_answer(error(40058));
    auto group = customer_groups_.find(body.value("chat_id", ""));
    if (group == customer_groups_.end()) return json_answer(error(90501));
    return json_answer({{"errcode", 0}, {"errmsg", "ok"},
                        {"group_chat", {{"chat_id", group->first}, {"name", "幸福里一网格居民群"}, {"owner", "wangfang"},
                                        {"member_list", group->second}, {"admin_list", nlohmann::json::array()}}}});
  }

  // "wo-<userid>" is an open_userid of <userid>; anything else is not one.
  static Response convert(const std::string& body) {
    nlohmann::json pairs = nlohmann::json::array(), invalid = nlohmann::json::array();
    const auto request = nlohmann::json::parse(body);
    for (const auto& id : request.at("open_userid_list")) {
      const std::string open = id;
      if (open.starts_with("wo-")) pairs.push_back({{"open_userid", open}, {"userid", open.substr(3)}});
      else invalid.push_back(open);
    }
    return json_answer({{"errcode", 0}, {"errmsg", "ok"}, {"userid_list", pairs}, {"invalid_open_userid_list", invalid}});
  }

  mutable std::mutex mutex_;
  std::vector<Call> calls_;
  std::deque<int> send_errcodes_, webhook_errcodes_;
  std::set<std::string> used_response_codes_;
  std::map<std::string, nlohmann::json> customer_groups_;
  std::map<std::string, std::vector<std::string>> app_chats_;
  std::string token_;
  bool token_expired_ = false;
  int tokens_issued_ = 0, messages_sent_ = 0;
  std::chrono::milliseconds gettoken_delay_{0};
  LoopbackHttpServer server_;  // last: stopped first, while the state above still exists
};

}  // namespace gridbot::testing
