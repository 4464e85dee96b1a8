#include "tests/support/fake_feishu/fake_feishu.hpp"

#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "bot/http/router.hpp"
#include "bot/http/server.hpp"
#include "tests/support/fake_feishu/gateway.hpp"

namespace gridbot::testing::fake_feishu {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

struct Answer {
  int http_status = 200;
  json body;
  std::map<std::string, std::string> headers;
};

Answer code_answer(int http_status, int code, const std::string& msg) {
  return {http_status, {{"code", code}, {"msg", msg}}, {}};
}

// content is a JSON string: its text (text) or its md elements (post), for tests to match.
std::string text_of_content(const json& body) {
  if (!body.is_object() || !body.contains("content") || !body["content"].is_string()) return {};
  auto content = json::parse(body["content"].get<std::string>(), nullptr, false);
  if (content.is_discarded()) return {};
  if (content.contains("text") && content["text"].is_string()) return content["text"];
  return content.dump();
}

}  // namespace

std::vector<ApiCall> Records::calls_to(const std::string& endpoint) const {
  std::vector<ApiCall> out;
  for (const auto& c : calls)
    if (c.endpoint == endpoint) out.push_back(c);
  return out;
}

int Records::acks_of(const std::string& message_id) const {
  int n = 0;
  for (const auto& f : frames)
    n += f.method == feishu::Frame::data && f.message_id == message_id && f.payload.find("\"code\":200") != std::string::npos;
  return n;
}

int Records::pings() const {
  int n = 0;
  for (const auto& f : frames) n += f.type == "ping";
  return n;
}

std::vector<ApiCall> Records::delivered() const {
  std::vector<ApiCall> out;
  for (const auto& c : calls)
    if (c.endpoint.starts_with("im/") && c.code == 0 && c.http_status == 200 && !c.duplicate)
      out.push_back(c);
  return out;
}

Fault rate_limited(int reset_seconds) {
  return {429, json{{"code", 99991400}, {"msg", "request trigger frequency limit"}}.dump(),
          {{"x-ogw-ratelimit-limit", "5"}, {"x-ogw-ratelimit-reset", std::to_string(reset_seconds)}}};
}

// Declaration order is destruction order reversed: the server and the io_context go first.
struct FakeFeishu::Impl {
  const Settings settings;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  Records records;
  std::set<std::string> tokens;                 // valid tenant tokens
  std::map<std::string, std::string> by_uuid;   // uuid → the message_id first given for it
  std::map<std::string, std::pair<int, Fault>> faults;
  std::map<std::string, std::pair<std::vector<ChatMember>, int>> chats;  // chat_id → members, page size
  int next = 1;

  asio::io_context io;
  http::Router router;
  http::Server server{io, router};
  // Pings every second and reconnects after about a second, so tests need not wait Feishu's 2 min.
  Gateway gateway{io, R"({"PingInterval":1,"ReconnectCount":-1,"ReconnectInterval":1,"ReconnectNonce":1})",
                  {[this](const feishu::Frame& f) { on_client_frame(f); },
                   [this] { update([](Records& r) { ++r.connections; }); },
                   [this] { update([](Records& r) { ++r.disconnects; }); }}};
  std::thread thread;

  explicit Impl(Settings s) : settings(std::move(s)) {
    router.add(http::Verb::post, "/open-apis/auth/v3/tenant_access_token/internal",
               [this](const http::Request& r, const http::Params& p) { return serve("auth/v3/tenant_access_token/internal", r, p); });
    router.add(http::Verb::post, "/open-apis/im/v1/messages",
               [this](const http::Request& r, const http::Params& p) { return serve("im/v1/messages", r, p); });
    router.add(http::Verb::get, "/open-apis/im/v1/chats/{id}/members",
               [this](const http::Request& r, const http::Params& p) { return serve("im/v1/chats/members", r, p); });
    router.add(http::Verb::post, "/callback/ws/endpoint",
               [this](const http::Request& r, const http::Params& p) { return serve("callback/ws/endpoint", r, p); });
    router.add(http::Verb::post, "/open-apis/im/v1/messages/{id}/reply",
               [this](const http::Request& r, const http::Params& p) { return serve("im/v1/messages/reply", r, p); });
    server.listen("127.0.0.1", 0);
    thread = std::thread([this] { io.run(); });
  }
  ~Impl() {
    io.stop();
    thread.join();
  }

  http::Response serve(const std::string& endpoint, const http::Request& request, const http::Params& params) {
    ApiCall call;
    call.endpoint = endpoint;
    for (const auto& [k, v] : params.query) call.query[k] = v;
    std::string auth(request[boost::beast::http::field::authorization]);
    if (auth.starts_with("Bearer ")) call.token = auth.substr(7);
    if (auto id = params.path.find("id"); id != params.path.end()) call.replied_to = id->second;
    call.json = json::parse(request.body(), nullptr, false);
    call.text = text_of_content(call.json);
    Answer answer;
    {
      std::lock_guard lock(mutex);
      auto fault = faults.find(endpoint);
      if (fault != faults.end() && fault->second.first > 0) {
        --fault->second.first;
        const Fault& f = fault->second.second;
        answer = {f.http_status, json::parse(f.body, nullptr, false), f.headers};
      } else {
        answer = endpoint == "auth/v3/tenant_access_token/internal" ? token(call.json)
                 : endpoint == "callback/ws/endpoint"                ? ws_endpoint(call.json)
                 : endpoint == "im/v1/chats/members"                 ? members(call)
                                                                     : message(call);
      }
      call.http_status = answer.http_status;
      if (answer.body.is_object() && answer.body.contains("code")) call.code = answer.body["code"];
      records.calls.push_back(call);
    }
    changed.notify_all();
    http::Response response = http::json_response(static_cast<http::Status>(answer.http_status), answer.body);
    for (const auto& [name, value] : answer.headers) response.set(name, value);
    return response;
  }

  void update(const std::function<void(Records&)>& change) {
    {
      std::lock_guard lock(mutex);
      change(records);
    }
    changed.notify_all();
  }

  // On the fake's thread.
  void on_client_frame(const feishu::Frame& f) {
    ClientFrame c{std::string(f.type()), std::string(f.header("message_id")), f.method, f.payload};
    if (c.method == feishu::Frame::data && c.payload.find("\"code\":200") != std::string::npos) gateway.acked(c.message_id);
    update([&](Records& r) { r.frames.push_back(std::move(c)); });
  }

  // Under the mutex.
  Answer ws_endpoint(const json& body) {
    if (!body.is_object() || body.value("AppID", "") != settings.app_id || body.value("AppSecret", "") != settings.app_secret)
      return code_answer(200, 514, "auth failed");
    const std::string url = "ws://127.0.0.1:" + std::to_string(gateway.port()) +
                            "/ws?device_id=fake-device&service_id=" + std::to_string(kServiceId);
    return {200,
            {{"code", 0},
             {"msg", "ok"},
             {"data", {{"URL", url},
                       {"ClientConfig", {{"PingInterval", 1}, {"ReconnectCount", -1}, {"ReconnectInterval", 1},
                                         {"ReconnectNonce", 1}}}}}},
            {}};
  }

  // Runs `work` on the fake's thread and waits for its result.
  template <class F>
  auto on_thread(F work) -> decltype(work()) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    asio::post(io, [&task] { task(); });
    return result.get();
  }

  // Under the mutex.
  Answer token(const json& body) {
    if (!body.is_object() || body.value("app_id", "") != settings.app_id ||
        body.value("app_secret", "") != settings.app_secret)
      return code_answer(400, 10014, "app secret invalid");
    std::string t = "t-fake-" + std::to_string(next++);
    tokens.insert(t);
    return {200, {{"code", 0}, {"msg", "ok"}, {"tenant_access_token", t}, {"expire", settings.expire}}, {}};
  }

  // Under the mutex. page_token is the index of the page's first member, as a string.
  Answer members(const ApiCall& call) {
    if (!tokens.contains(call.token)) return code_answer(400, 99991663, "Invalid access token for authorization.");
    auto type = call.query.find("member_id_type");
    if (type == call.query.end() || (type->second != "open_id" && type->second != "user_id"))
      return code_answer(400, 230001, "Your request contains an invalid request parameter.");
    auto chat = chats.find(call.replied_to);
    if (chat == chats.end()) return code_answer(400, 230002, "Bot is not in the chat.");
    const auto& [list, page_size] = chat->second;
    std::size_t from = 0;
    if (auto token = call.query.find("page_token"); token != call.query.end() && !token->second.empty())
      from = std::stoul(token->second);
    json items = json::array();
    const std::size_t to = std::min(list.size(), from + static_cast<std::size_t>(page_size));
    for (std::size_t i = from; i < to; ++i)
      items.push_back({{"member_id_type", type->second},
                       {"member_id", type->second == "open_id" ? list[i].open_id : list[i].user_id},
                       {"name", list[i].name},
                       {"tenant_key", "tenant1"}});
    const bool more = to < list.size();
    return {200,
            {{"code", 0},
             {"msg", "success"},
             {"data", {{"items", items}, {"page_token", more ? std::to_string(to) : ""}, {"has_more", more},
                       {"member_total", list.size()}}}},
            {}};
  }

  // Under the mutex.
  Answer message(ApiCall& call) {
    if (!tokens.contains(call.token)) return code_answer(400, 99991663, "Invalid access token for authorization.");
    const json& b = call.json;
    const bool reply = call.endpoint == "im/v1/messages/reply";
    if (!b.is_object() || !b.contains("msg_type") || !b["msg_type"].is_string() || call.text.empty() ||
        (!reply && (!b.contains("receive_id") || !b["receive_id"].is_string() || !call.query.contains("receive_id_type"))))
      return code_answer(400, 230001, "Your request contains an invalid request parameter.");
    std::string id;
    const std::string uuid = b.value("uuid", "");
    if (auto seen = by_uuid.find(uuid); !uuid.empty() && seen != by_uuid.end()) {
      call.duplicate = true;
      id = seen->second;
    } else {
      id = "om_fake" + std::to_string(next++);
      if (!uuid.empty()) by_uuid.emplace(uuid, id);
    }
    return {200, {{"code", 0}, {"msg", "success"}, {"data", {{"message_id", id}}}}, {}};
  }
};

FakeFeishu::FakeFeishu(Settings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}
FakeFeishu::~FakeFeishu() = default;

std::string FakeFeishu::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->server.port()); }
const Settings& FakeFeishu::settings() const { return impl_->settings; }

Records FakeFeishu::records() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->records;
}

bool FakeFeishu::wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [&] { return ready(impl_->records); });
}

std::vector<ApiCall> FakeFeishu::wait_for_calls(const std::string& endpoint, std::size_t n,
                                                std::chrono::milliseconds timeout) const {
  wait_until([&](const Records& r) { return r.calls_to(endpoint).size() >= n; }, timeout);
  return records().calls_to(endpoint);
}

void FakeFeishu::expire_all_tokens() {
  std::lock_guard lock(impl_->mutex);
  impl_->tokens.clear();
}

void FakeFeishu::fail_next(const std::string& endpoint, int n, Fault fault) {
  std::lock_guard lock(impl_->mutex);
  impl_->faults[endpoint] = {n, std::move(fault)};
}

void FakeFeishu::set_chat_members(const std::string& chat_id, std::vector<ChatMember> members, int page_size) {
  std::lock_guard lock(impl_->mutex);
  impl_->chats[chat_id] = {std::move(members), std::max(1, page_size)};
}

std::string FakeFeishu::push_event(const json& event, int parts) {
  return impl_->on_thread([&] { return impl_->gateway.push(event.dump(), parts); });
}

bool FakeFeishu::drop_connection() {
  return impl_->on_thread([&] { return impl_->gateway.drop_newest(); });
}

bool FakeFeishu::wait_for_connections(int n, std::chrono::milliseconds timeout) const {
  return wait_until([n](const Records& r) { return r.connections >= n; }, timeout);
}

}  // namespace gridbot::testing::fake_feishu
