#include "bot/platforms/dingtalk/intake.hpp"

#include "bot/log.hpp"
#include "bot/platforms/dingtalk/outgoing.hpp"

namespace gridbot::dingtalk {

Intake::Intake(Pipeline& pipeline, const OrganizationSnapshots& orgs, const Clock& clock, const templates::Catalog& text,
               platforms::TextCap cap, net::HttpClient& http)
    : pipeline_(pipeline), orgs_(orgs), clock_(clock), text_(text), cap_(std::move(cap)), http_(http) {}

boost::asio::awaitable<bool> Intake::accept(const AccountConfig& account, const RobotMessage& message) {
  // DingTalk shows no openConversationId in its apps: this line is how an operator learns it.
  if (message.chat_kind == ChatKind::group && !orgs_.current()->group_by_chat(kPlatform, message.conversation_id))
    log::info("dingtalk", "account {}: a message from group {} (openConversationId {}), which the organization file "
              "has no group for", account.name, message.conversation_title, message.conversation_id);
  Inbound inbound = to_inbound(message, account.name, clock_.now());
  inbound.text = platforms::capped_text(inbound.text, cap_);
  if (inbound.text.empty()) {
    co_await answer_not_read(message);
    co_return false;
  }
  // Every argument named: a default argument inside co_await is a temporary g++ 12 destroys twice.
  const Pipeline::Record no_record;
  auto accepted = co_await pipeline_.submit(std::move(inbound), message.message_id, no_record);
  co_return accepted.duplicate;
}

boost::asio::awaitable<void> Intake::answer_not_read(const RobotMessage& message) {
  const auto& hook = message.session_webhook;
  const Millis now = std::chrono::time_point_cast<std::chrono::milliseconds>(clock_.now());
  if (hook.url.empty() || hook.expires_at <= now) co_return;
  const char* id = message.msgtype == "text" ? "dingtalk.empty_message" : "dingtalk.media_not_read";
  auto body = webhook_body(Content{Format::text, text_.render(id), {}});
  if (!body) co_return;
  net::HttpRequest request;
  request.method = "POST";
  request.url = hook.url;
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.body = std::move(*body);
  try {
    net::HttpResponse response = co_await http_.request(std::move(request));
    if (response.status != 200) log::warn("dingtalk", "a not-read answer got HTTP {}", response.status);
  } catch (const std::exception& e) {
    // Nothing was stored, so nothing is lost: the person simply hears nothing this time.
    log::warn("dingtalk", "a not-read answer could not be sent: {}", e.what());
  }
}

}  // namespace gridbot::dingtalk
