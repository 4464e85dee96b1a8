#include "tests/support/fake_wecom/api.hpp"

#include <algorithm>

namespace gridbot::testing::fake_wecom {

namespace {

using nlohmann::json;
using Query = std::map<std::string, std::string>;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; '+' stays '+', as WeCom's own parameters (base64) need.
std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Query parse_query(std::string_view q) {
  Query out;
  while (!q.empty()) {
    auto amp = q.find('&');
    auto pair = q.substr(0, amp);
    auto eq = pair.find('=');
    if (!pair.empty())
      out[percent_decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return out;
}

Answer errcode_answer(int errcode, std::string_view errmsg, json extra = json::object()) {
  extra["errcode"] = errcode;
  extra["errmsg"] = errmsg;
  return Answer{200, extra.dump(), errcode, {}};
}

Answer ok(json extra = json::object()) { return errcode_answer(0, "ok", std::move(extra)); }

}  // namespace

bool has_unicode_escape(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '\\') continue;
    if (text[i + 1] == 'u') return true;
    ++i;  // an escaped character ("\\" included) is skipped whole
  }
  return false;
}

Answer Api::handle(std::string_view method, std::string_view target, std::string_view body) {
  const auto question = target.find('?');
  const std::string path(target.substr(0, question));
  const Query query = question == std::string_view::npos ? Query{} : parse_query(target.substr(question + 1));
  constexpr std::string_view prefix = "/cgi-bin/";
  const std::string endpoint = path.rfind(prefix, 0) == 0 ? path.substr(prefix.size()) : path;

  ApiCall call{std::string(method), endpoint, query, std::string(body), json::parse(body, nullptr, false), 200, 0};
  if (call.json.is_discarded()) call.json = nullptr;

  Answer answer;
  if (auto fault = take_fault(endpoint)) {
    answer = fault->http_status != 200 ? Answer{fault->http_status, "<html>502 Bad Gateway</html>", 0, {}}
                                       : errcode_answer(fault->errcode, "injected by the test");
    answer.delay = fault->delay;
  } else if (endpoint == "gettoken") {
    answer = gettoken(query);
  } else if (endpoint == "message/send" || endpoint == "webhook/send" || endpoint == "aibot/response" ||
             endpoint == "batch/openuserid_to_userid") {
    // Every body WeCom takes is raw UTF-8 JSON (§0 item 9): checked before anything else.
    if (method != "POST") answer = Answer{405, R"({"errcode":-1,"errmsg":"POST only"})", -1, {}};
    else if (has_unicode_escape(body)) answer = errcode_answer(kEscapedCharacters, "invalid request characters: \\uxxxx");
    else if (!call.json.is_object()) answer = errcode_answer(kBadJson, "data format error");
    else if (endpoint == "webhook/send") answer = webhook_send(query);
    else if (endpoint == "aibot/response") answer = aibot_response(query);
    else if (auto refused = check_token(query)) answer = *refused;
    else if (endpoint == "message/send") answer = message_send(call.json);
    else answer = openuserid_to_userid(call.json);
  } else {
    answer = Answer{404, R"({"errcode":-1,"errmsg":"no such api on the fake"})", -1, {}};
  }
  {
    std::lock_guard lock(mutex_);
    if (auto d = delays_.find(endpoint); d != delays_.end()) answer.delay += d->second;
  }
  call.http_status = answer.http_status;
  call.errcode = answer.errcode;
  recorder_.update([&](Records& r) { r.calls.push_back(std::move(call)); });
  return answer;
}

Answer Api::gettoken(const Query& query) {
  auto get = [&](const char* key) { auto it = query.find(key); return it == query.end() ? std::string() : it->second; };
  if (get("corpid") != settings_.corp_id) return errcode_answer(kInvalidCorpId, "invalid corpid");
  if (get("corpsecret") != settings_.corp_secret) return errcode_answer(kInvalidSecret, "invalid credential");
  std::lock_guard lock(mutex_);
  std::string token = "fake-token-" + std::to_string(next_id_++);
  const Time now = now_locked();
  tokens_[token] = Token{now + settings_.token_lifetime};
  token_order_.push_back(token);
  return ok({{"access_token", token}, {"expires_in", settings_.token_lifetime.count()}});
}

std::optional<Answer> Api::check_token(const Query& query) const {
  auto it = query.find("access_token");
  if (it == query.end() || it->second.empty()) return errcode_answer(kMissingToken, "access_token missing");
  std::lock_guard lock(mutex_);
  auto token = tokens_.find(it->second);
  if (token == tokens_.end()) return errcode_answer(kInvalidToken, "invalid access_token");
  const Time now = now_locked();
  if (token->second.revoked || now >= token->second.expires_at)
    return errcode_answer(kTokenExpired, "access_token expired");
  return std::nullopt;
}

Answer Api::message_send(const json& body) {
  std::string touser = body.contains("touser") && body["touser"].is_string() ? body["touser"].get<std::string>() : "";
  std::string invalid;
  int valid = 0;
  std::lock_guard lock(mutex_);
  for (std::size_t start = 0; start <= touser.size();) {
    auto bar = std::min(touser.find('|', start), touser.size());
    std::string user = touser.substr(start, bar - start);
    if (!user.empty()) {
      if (refused_users_.contains(user)) invalid += (invalid.empty() ? "" : "|") + user;
      else ++valid;
    }
    start = bar + 1;
  }
  if (valid == 0 && !invalid.empty())
    return errcode_answer(kAllRecipientsInvalid, "all touser invalid", {{"invaliduser", invalid}});
  return ok({{"invaliduser", invalid}, {"msgid", "fake-msgid-" + std::to_string(next_id_++)}});
}

Answer Api::webhook_send(const Query& query) {
  auto key = query.find("key");
  if (key == query.end() || key->second.empty()) return errcode_answer(kInvalidWebhookKey, "invalid webhook url");
  std::lock_guard lock(mutex_);
  const Time now = now_locked();
  auto& sent = webhook_sent_[key->second];
  // A sliding minute: the stricter reading of "20 per minute", so a client within it is within both.
  while (!sent.empty() && sent.front() <= now - Seconds(60)) sent.pop_front();
  if (static_cast<int>(sent.size()) >= settings_.webhook_per_minute)
    return errcode_answer(kFrequencyLimit, "api freq out of limit");
  sent.push_back(now);
  return ok();
}

Answer Api::aibot_response(const Query& query) {
  auto code = query.find("response_code");
  std::lock_guard lock(mutex_);
  if (code == query.end()) return errcode_answer(kSpentResponseUrl, "no such response_code on the fake");
  auto it = response_codes_.find(code->second);
  if (it == response_codes_.end() || it->second) return errcode_answer(kSpentResponseUrl, "response_url used or unknown");
  it->second = true;
  return ok();
}

Answer Api::openuserid_to_userid(const json& body) const {
  auto list = body.find("open_userid_list");
  if (list == body.end() || !list->is_array()) return errcode_answer(kBadJson, "open_userid_list missing");
  json found = json::array(), invalid = json::array();
  std::lock_guard lock(mutex_);
  for (const auto& id : *list) {
    auto it = id.is_string() ? open_userids_.find(id.get<std::string>()) : open_userids_.end();
    if (it == open_userids_.end()) invalid.push_back(id);
    else found.push_back({{"open_userid", it->first}, {"userid", it->second}});
  }
  return ok({{"userid_list", found}, {"invalid_open_userid_list", invalid}});
}

Time Api::now_locked() const {
  return fixed_now_.value_or(std::chrono::floor<Seconds>(std::chrono::system_clock::now()));
}

void Api::set_now(Time now) {
  std::lock_guard lock(mutex_);
  fixed_now_ = now;
}

void Api::advance(Seconds by) {
  std::lock_guard lock(mutex_);
  fixed_now_ = now_locked() + by;
}

void Api::use_real_time() {
  std::lock_guard lock(mutex_);
  fixed_now_.reset();
}

Time Api::now() const {
  std::lock_guard lock(mutex_);
  return now_locked();
}

void Api::expire_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (auto it = tokens_.find(token); it != tokens_.end()) it->second.revoked = true;
}

void Api::expire_all_tokens() {
  std::lock_guard lock(mutex_);
  for (auto& [_, t] : tokens_) t.revoked = true;
}

std::vector<std::string> Api::issued_tokens() const {
  std::lock_guard lock(mutex_);
  return token_order_;
}

void Api::fail_next(const std::string& endpoint, int count, Fault fault) {
  std::lock_guard lock(mutex_);
  if (count > 0) faults_[endpoint].emplace_back(count, fault);
}

void Api::delay_all(const std::string& endpoint, std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  delays_[endpoint] = delay;
}

std::optional<Fault> Api::take_fault(const std::string& endpoint) {
  std::lock_guard lock(mutex_);
  auto it = faults_.find(endpoint);
  if (it == faults_.end() || it->second.empty()) return std::nullopt;
  auto& [left, fault] = it->second.front();
  Fault out = fault;
  if (--left == 0) it->second.pop_front();
  return out;
}

std::string Api::new_response_url(const std::string& base_url) {
  std::lock_guard lock(mutex_);
  std::string code = "fake-response-code-" + std::to_string(next_id_++);
  response_codes_[code] = false;
  return base_url + "/cgi-bin/aibot/response?response_code=" + code;
}

void Api::map_open_userid(const std::string& open_userid, const std::string& userid) {
  std::lock_guard lock(mutex_);
  open_userids_[open_userid] = userid;
}

void Api::refuse_user(const std::string& userid) {
  std::lock_guard lock(mutex_);
  refused_users_.insert(userid);
}

}  // namespace gridbot::testing::fake_wecom
