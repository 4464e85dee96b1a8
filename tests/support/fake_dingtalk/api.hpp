// The fake's HTTP side: DingTalk's OpenAPI, the custom webhook robot, sessionWebhooks and
// connections/open, as one function from a request to an answer. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "tests/support/fake_dingtalk/recorder.hpp"

namespace gridbot::testing::fake_dingtalk {

struct Request {
  std::string_view target;  // path and query
  std::string_view token;   // x-acs-dingtalk-access-token
  std::string_view accept;
  std::string_view body;
};

struct Answer {
  int http_status = 200;
  std::string body;
};

class Api {
 public:
  Api(Settings settings, Recorder& recorder) : settings_(std::move(settings)), recorder_(recorder) {}

  Answer handle(const Request& request, const std::string& base_url);

  const Settings& settings() const { return settings_; }
  std::string new_session_webhook(const std::string& base_url);
  void expire_all_tokens();
  void fail_next(const std::string& endpoint, int n, Fault fault);
  void set_scene_group(const std::string& open_conversation_id, std::vector<SceneGroupMember> members, int page_size);
  // True once for a ticket connections/open handed out: a ticket is good for one connection.
  bool use_ticket(const std::string& ticket);

 private:
  Answer route(const std::string& endpoint, const std::map<std::string, std::string>& query, const Request& request,
               const nlohmann::json& body, const std::string& base_url);
  Answer robot_api(const Request& request, const nlohmann::json& body, bool group);
  Answer webhook_robot(const std::map<std::string, std::string>& query, const nlohmann::json& body);
  Answer scene_group_members(const std::map<std::string, std::string>& query, const nlohmann::json& body);

  const Settings settings_;
  Recorder& recorder_;
  std::mutex mutex_;
  std::set<std::string> tokens_;    // valid access tokens
  std::set<std::string> sessions_;  // sessionWebhook ids
  std::set<std::string> tickets_;   // issued, not yet used
  std::map<std::string, std::pair<int, Fault>> faults_;
  std::map<std::string, std::pair<std::vector<SceneGroupMember>, int>> scene_groups_;
  int next_ = 1;
};

}  // namespace gridbot::testing::fake_dingtalk
