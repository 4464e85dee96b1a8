#include "tests/support/fake_dingtalk/api.hpp"

#include <algorithm>

#include "bot/http/router.hpp"
#include "bot/platforms/dingtalk/signing.hpp"

namespace gridbot::testing::fake_dingtalk {

using nlohmann::json;

namespace {

Answer ok_json(const json& body) { return {200, body.dump()}; }
Answer webhook_answer(int errcode, const std::string& errmsg) {
  return ok_json({{"errcode", errcode}, {"errmsg", errmsg}});
}
// The new API's refusals: an HTTP status and {"code","message"}.
Answer refusal(int status, const std::string& code, const std::string& message) {
  return {status, json{{"code", code}, {"message", message}, {"requestid", "fake"}}.dump()};
}

std::map<std::string, std::string> query_of(std::string_view target) {
  std::map<std::string, std::string> out;
  auto question = target.find('?');
  if (question == std::string_view::npos) return out;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    auto pair = rest.substr(0, amp);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos)
      out[std::string(pair.substr(0, eq))] = http::percent_decode(pair.substr(eq + 1), false);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  return out;
}

// What a webhook (sessionWebhook or custom robot) accepts: {"msgtype", <msgtype>: {...}}.
bool webhook_message_ok(const json& body) {
  if (!body.is_object() || !body.contains("msgtype") || !body["msgtype"].is_string()) return false;
  const std::string type = body["msgtype"];
  if (type == "text") return body.contains("text") && body["text"].contains("content");
  if (type == "markdown") return body.contains("markdown") && body["markdown"].contains("title");
  return false;
}

}  // namespace

Fault rate_limited() {
  return {200, json{{"errcode", 130101}, {"errmsg", "send too fast, exceed 20 times per minute"}}.dump()};
}

std::string Api::new_session_webhook(const std::string& base_url) {
  std::lock_guard lock(mutex_);
  std::string id = "session-" + std::to_string(next_++);
  sessions_.insert(id);
  return base_url + "/robot/sendBySession?session=" + id;
}

void Api::expire_all_tokens() {
  std::lock_guard lock(mutex_);
  tokens_.clear();
}

void Api::fail_next(const std::string& endpoint, int n, Fault fault) {
  std::lock_guard lock(mutex_);
  faults_[endpoint] = {n, std::move(fault)};
}

void Api::set_scene_group(const std::string& open_conversation_id, std::vector<SceneGroupMember> members, int page_size) {
  std::lock_guard lock(mutex_);
  scene_groups_[open_conversation_id] = {std::move(members), std::max(1, page_size)};
}

bool Api::use_ticket(const std::string& ticket) {
  std::lock_guard lock(mutex_);
  return tickets_.erase(ticket) == 1;
}

Answer Api::handle(const Request& request, const std::string& base_url) {
  std::string_view target = request.target;
  std::string endpoint(target.substr(0, target.find('?')));
  while (endpoint.starts_with('/')) endpoint.erase(0, 1);
  ApiCall call{endpoint, query_of(target), std::string(request.token), std::string(request.body),
               json::parse(request.body, nullptr, false), 200, 0};
  if (call.json.is_discarded()) call.json = json();
  Answer answer;
  {
    std::unique_lock lock(mutex_);
    auto fault = faults_.find(endpoint);
    if (fault != faults_.end() && fault->second.first > 0) {
      --fault->second.first;
      answer = {fault->second.second.http_status, fault->second.second.body};
    } else {
      answer = route(endpoint, call.query, request, call.json, base_url);
    }
  }
  call.http_status = answer.http_status;
  auto parsed = json::parse(answer.body, nullptr, false);
  if (parsed.is_object() && parsed.contains("errcode") && parsed["errcode"].is_number_integer())
    call.errcode = parsed["errcode"];
  recorder_.update([&](Records& r) {
    if (endpoint == "v1.0/gateway/connections/open" && answer.http_status == 200) ++r.tickets_issued;
    r.calls.push_back(std::move(call));
  });
  return answer;
}

// Runs under mutex_.
Answer Api::route(const std::string& endpoint, const std::map<std::string, std::string>& query, const Request& request,
                  const json& body, const std::string& base_url) {
  if (endpoint == "v1.0/oauth2/accessToken") {
    if (body.value("appKey", "") != settings_.client_id || body.value("appSecret", "") != settings_.client_secret)
      return refusal(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
    std::string token = "fake-token-" + std::to_string(next_++);
    tokens_.insert(token);
    return ok_json({{"accessToken", token}, {"expireIn", settings_.expire_in}});
  }
  if (endpoint == "v1.0/robot/groupMessages/send" || endpoint == "v1.0/robot/oToMessages/batchSend")
    return robot_api(request, body, endpoint == "v1.0/robot/groupMessages/send");
  if (endpoint == "robot/sendBySession") {
    auto session = query.find("session");
    if (session == query.end() || !sessions_.contains(session->second)) return webhook_answer(300001, "session not found");
    return webhook_message_ok(body) ? webhook_answer(0, "ok") : webhook_answer(400105, "param error");
  }
  if (endpoint == "robot/send") return webhook_robot(query, body);
  if (endpoint == "topapi/im/chat/scenegroup/member/get") return scene_group_members(query, body);
  if (endpoint == "v1.0/gateway/connections/open") {
    if (request.accept.find("application/json") == std::string_view::npos)
      return {200, "<xml>without Accept: application/json DingTalk answers XML</xml>"};
    if (body.value("clientId", "") != settings_.client_id || body.value("clientSecret", "") != settings_.client_secret)
      return refusal(401, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
    std::string ticket = "fake-ticket-" + std::to_string(next_++);
    tickets_.insert(ticket);
    std::string ws = base_url;
    ws.replace(0, 4, "ws");  // http://… → ws://…
    return ok_json({{"endpoint", ws + "/gateway"}, {"ticket", ticket}});
  }
  return refusal(404, "NotFound", "no such API on the fake");
}

Answer Api::robot_api(const Request& request, const json& body, bool group) {
  if (!tokens_.contains(std::string(request.token)))
    return refusal(401, "InvalidAuthentication", "不合法的access_token");
  if (!body.is_object() || body.value("robotCode", "") != settings_.client_id)
    return refusal(400, "invalidParameter.robotCode.notExist", "robotCode不存在");
  const bool addressed = group ? body.contains("openConversationId") && body["openConversationId"].is_string()
                               : body.contains("userIds") && body["userIds"].is_array() && !body["userIds"].empty();
  if (!addressed || !body.contains("msgParam") || !body["msgParam"].is_string() ||
      json::parse(body["msgParam"].get<std::string>(), nullptr, false).is_discarded())
    return refusal(400, "invalidParameter", "参数错误");
  json answer = {{"processQueryKey", "pqk-" + std::to_string(next_++)}};
  if (!group) answer.update({{"invalidStaffIdList", json::array()}, {"flowControlledStaffIdList", json::array()}});
  return ok_json(answer);
}

// The old API: the token in the query, {errcode, errmsg} always; the cursor is the index of the
// page's first member.
Answer Api::scene_group_members(const std::map<std::string, std::string>& query, const json& body) {
  auto token = query.find("access_token");
  if (token == query.end() || !tokens_.contains(token->second)) return webhook_answer(40014, "不合法的access_token");
  if (!body.is_object() || !body.contains("cursor") || !body["cursor"].is_string() || !body.contains("size") ||
      !body["size"].is_number_integer())
    return webhook_answer(400002, "param error");
  auto group = scene_groups_.find(body.value("open_conversation_id", ""));
  if (group == scene_groups_.end()) return webhook_answer(4000003, "not a scene group");
  const auto& [members, page_size] = group->second;
  const std::size_t from = std::stoul(body["cursor"].get<std::string>());
  const std::size_t to = std::min(members.size(), from + static_cast<std::size_t>(page_size));
  json ids = json::array(), nicks = json::object();
  for (std::size_t i = from; i < to; ++i) {
    ids.push_back(members[i].userid);
    nicks[members[i].userid] = members[i].nick;
  }
  const bool more = to < members.size();
  return ok_json({{"errcode", 0},
                  {"errmsg", "ok"},
                  {"success", true},
                  {"result", {{"member_user_ids", ids}, {"has_more", more}, {"next_cursor", more ? std::to_string(to) : ""},
                              {"staff_id_nick_map", nicks.dump()}}}});
}

Answer Api::webhook_robot(const std::map<std::string, std::string>& query, const json& body) {
  auto value = [&](const char* key) {
    auto it = query.find(key);
    return it == query.end() ? std::string() : it->second;
  };
  if (value("access_token") != settings_.webhook_token) return webhook_answer(300001, "token is not exist");
  const std::string timestamp = value("timestamp");
  if (timestamp.empty() || value("sign") != dingtalk::sign(settings_.webhook_secret, timestamp))
    return webhook_answer(310000, "sign not match");
  return webhook_message_ok(body) ? webhook_answer(0, "ok") : webhook_answer(400105, "param error");
}

}  // namespace gridbot::testing::fake_dingtalk
