#include "bot/platforms/dingtalk/sender.hpp"

#include "bot/platforms/dingtalk/api_answer.hpp"
#include "bot/platforms/dingtalk/incoming.hpp"
#include "bot/platforms/dingtalk/outgoing.hpp"
#include "bot/platforms/dingtalk/signing.hpp"

namespace gridbot::dingtalk {

using platforms::SendResult;

namespace {

// DingTalk's rule for robots (§3.2, §0 item 6): 20 messages a minute, else 10 minutes blocked.
constexpr int kRobotPerMinute = 20;
// A sessionWebhook this close to its expiry is not used: the request could arrive after it.
constexpr std::chrono::seconds kSessionMargin{30};

Millis millis(Time t) { return std::chrono::time_point_cast<std::chrono::milliseconds>(t); }

}  // namespace

Sender::Sender(boost::asio::io_context& io, const AccountConfig& account, net::HttpClient& http, const Clock& clock,
               const templates::Catalog& text, GroupOfChat group_of_chat)
    : account_(account),
      http_(http),
      clock_(clock),
      text_(text),
      group_of_chat_(std::move(group_of_chat)),
      tokens_(io, http, account, clock) {}

Sender::Route Sender::route_of(const storage::OutboxRow& row) const {
  const auto& m = row.message;
  // The app's robot is one robot per conversation as far as DingTalk's 20/min goes, whichever
  // way (sessionWebhook or API) a message to that conversation takes.
  const std::string robot = m.chat_id.empty() ? "robot/user:" + m.user_id : "robot/group:" + m.chat_id;
  if (!m.reply_to.empty())
    if (auto hook = parse_reply_handle(m.reply_to); hook && hook->expires_at > millis(clock_.now() + kSessionMargin))
      return {Way::session_webhook, hook->url, robot};
  if (!m.chat_id.empty()) {
    std::optional<std::string> group = group_of_chat_ ? group_of_chat_(m.chat_id) : std::nullopt;
    auto hook = group ? account_.webhooks.find(*group) : account_.webhooks.end();
    if (hook == account_.webhooks.end()) hook = account_.webhooks.find(m.chat_id);
    if (hook != account_.webhooks.end())
      return {Way::webhook_robot, account_.oapi_base_url + "/robot/send?access_token=" + url_encode(hook->second.access_token),
              "webhook/" + hook->first, &hook->second};
    return {Way::group_api, account_.api_base_url + "/v1.0/robot/groupMessages/send", robot};
  }
  return {Way::direct_api, account_.api_base_url + "/v1.0/robot/oToMessages/batchSend", robot};
}

std::vector<platforms::Quota> Sender::quotas(const storage::OutboxRow& row) const {
  return {{"dingtalk/" + account_.name + "/" + route_of(row).robot, kRobotPerMinute, Seconds(60)}};
}

std::size_t Sender::text_limit(const storage::OutboxRow& row) const {
  (void)row;
  return kTextLimitBytes;
}

boost::asio::awaitable<SendResult> Sender::send(const storage::OutboxRow& row) {
  const auto& m = row.message;
  Route route = route_of(row);
  Content content{m.format == gridbot::Format::markdown ? dingtalk::Format::markdown : dingtalk::Format::text, m.text, {}};
  if (content.format == dingtalk::Format::markdown) content.title = text_.render("dingtalk.markdown_title");

  std::expected<std::string, Error> body = std::unexpected(Error::missing_field);
  std::string token;
  switch (route.way) {
    case Way::session_webhook:
      body = webhook_body(content, m.mentions);
      break;
    case Way::webhook_robot: {
      body = webhook_body(content, m.mentions);
      // Signed again for every send: DingTalk refuses a signature over an hour old.
      if (!route.webhook->secret.empty()) route.url += webhook_signature_query(route.webhook->secret, millis(clock_.now()));
      break;
    }
    case Way::group_api:
    case Way::direct_api: {
      body = route.way == Way::group_api ? group_message_body(account_.robot_code, m.chat_id, content)
                                         : batch_send_body(account_.robot_code, {m.user_id}, content);
      auto fresh = co_await tokens_.token();
      if (!fresh) co_return SendResult::retry(fresh.error());
      token = std::move(*fresh);
      break;
    }
  }
  if (!body) co_return SendResult::permanent("the message cannot be written for DingTalk: " + std::string(describe(body.error())));
  const std::string_view what = route.way == Way::session_webhook ? "sessionWebhook"
                                : route.way == Way::webhook_robot ? "webhook robot"
                                : route.way == Way::group_api     ? "robot/groupMessages/send"
                                                                  : "robot/oToMessages/batchSend";
  SendResult result = co_await post(std::move(route.url), std::move(*body), token, what);
  if (result.kind == SendResult::Kind::token_expired) tokens_.invalidate(token);
  co_return result;
}

boost::asio::awaitable<SendResult> Sender::post(std::string url, std::string body, std::string token, std::string_view what) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  if (!token.empty()) request.headers["x-acs-dingtalk-access-token"] = token;
  request.body = std::move(body);
  try {
    net::HttpResponse response = co_await http_.request(std::move(request));
    SendResult result = classify_answer(response.status, response.body, clock_.now());
    if (result.kind != SendResult::Kind::ok) result.error = std::string(what) + ": " + result.error;
    co_return result;
  } catch (const net::TransportError& e) {
    co_return SendResult::retry(std::string(what) + ": no answer from DingTalk: " + e.what());
  }
}

boost::asio::awaitable<void> Sender::refresh_credentials() { (void)co_await tokens_.token(); }

}  // namespace gridbot::dingtalk
