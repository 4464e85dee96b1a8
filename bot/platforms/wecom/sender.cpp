#include "bot/platforms/wecom/sender.hpp"

#include <algorithm>
#include <array>

#include <openssl/evp.h>

#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::wecom {

namespace asio = boost::asio;
using platforms::Quota;
using platforms::SendResult;

namespace {

constexpr Seconds kMinute{60}, kHour{3600};
constexpr std::size_t kAppMarkdownLimit = 2048;  // message/send markdown, like its text (path/90236)

bool is_url(const std::string& handle) { return handle.starts_with("https://") || handle.starts_with("http://"); }

Format wire_format(gridbot::Format format) { return format == gridbot::Format::markdown ? Format::markdown : Format::text; }

// A webhook key is a credential: a bucket name carries a short hash of it instead.
std::string key_hash(const std::string& key) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(key.data(), key.size(), digest.data(), &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 6 && i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

// WeCom's own words first (the dead-letter view shows both), then what to do about it.
std::string explain(const ApiAnswer& answer) {
  if (answer.errcode == 0 && answer.errmsg.empty()) return answer.advice;
  return "WeCom errcode " + std::to_string(answer.errcode) + (answer.errmsg.empty() ? "" : " (" + answer.errmsg + ")") +
         ": " + answer.advice;
}

}  // namespace

WecomSender::WecomSender(const AccountConfig& account, net::HttpClient& http, const Clock& clock,
                         GroupOfChat group_of_chat, LongConnectionSink* long_connection)
    : account_(account),
      clock_(clock),
      group_of_chat_(std::move(group_of_chat)),
      long_connection_(long_connection),
      api_(http, account.api_base_url) {
  if (account.app)
    tokens_ = std::make_unique<TokenCache>(http, clock, account.api_base_url, account.corp_id, account.app->secret);
}

WecomSender::Route WecomSender::first_route(const SendMessage& message) const {
  const bool direct = message.chat_id.empty();
  if (direct && account_.app && !message.user_id.empty()) return Route::app_message;
  if (is_url(message.reply_to)) return Route::response_url;
  if (!message.reply_to.empty() && long_connection_) return Route::respond;
  return direct ? Route::none : proactive_route(message);
}

WecomSender::Route WecomSender::proactive_route(const SendMessage& message) const {
  if (message.chat_id.empty()) return Route::none;
  if (long_connection_ && account_.aibot && account_.aibot->mode == AibotSettings::Mode::websocket)
    return Route::send_msg;
  return webhook_key(message) ? Route::webhook : Route::none;
}

std::optional<std::string> WecomSender::webhook_key(const SendMessage& message) const {
  if (!group_of_chat_ || message.chat_id.empty()) return std::nullopt;
  const auto group = group_of_chat_(message.chat_id);
  if (!group) return std::nullopt;
  const auto key = account_.webhook_keys.find(*group);
  if (key == account_.webhook_keys.end()) return std::nullopt;
  return key->second;
}

std::size_t WecomSender::route_limit(Route route, const SendMessage& message) const {
  switch (route) {
    case Route::app_message:
      return message.format == gridbot::Format::markdown ? kAppMarkdownLimit : kAppTextLimit;
    case Route::webhook:
      // Mentions go as text: a robot's markdown cannot @ anyone.
      return message.format == gridbot::Format::markdown && message.mentions.empty() ? kWebhookMarkdownLimit
                                                                                      : kWebhookTextLimit;
    case Route::response_url:
    case Route::respond: {
      // If the handle is refused the text goes the proactive way, whose limit may be smaller.
      const Route fallback = proactive_route(message);
      return fallback == Route::none ? kAibotContentLimit
                                     : std::min(kAibotContentLimit, route_limit(fallback, message));
    }
    case Route::send_msg:
      return kAibotContentLimit;
    case Route::none:
      return 0;
  }
  return 0;
}

std::vector<Quota> WecomSender::route_quotas(Route route, const SendMessage& message) const {
  const std::string prefix = "wecom/" + account_.name;
  switch (route) {
    case Route::app_message: {
      // PROTOCOLS §1.6: 30/min and 1000/h per member; beyond that WeCom drops messages silently.
      const std::string member = prefix + "/app/user:" + message.user_id;
      return {{member, 30, kMinute}, {member + "/hour", 1000, kHour}};
    }
    case Route::response_url:
    case Route::respond:
    case Route::send_msg: {
      // §1.4: replies and pushes together, 30/min and 1000/h per conversation.
      const std::string chat = prefix + "/aibot/" +
                               (message.chat_id.empty() ? "user:" + message.user_id : "chat:" + message.chat_id);
      return {{chat, 30, kMinute}, {chat + "/hour", 1000, kHour}};
    }
    case Route::webhook:
      return {{prefix + "/webhook/" + key_hash(*webhook_key(message)), 20, kMinute}};  // §1.6: 20/min per robot
    case Route::none:
      return {};
  }
  return {};
}

std::vector<Quota> WecomSender::quotas(const storage::OutboxRow& row) const {
  return route_quotas(first_route(row.message), row.message);
}

std::size_t WecomSender::text_limit(const storage::OutboxRow& row) const {
  return route_limit(first_route(row.message), row.message);
}

asio::awaitable<void> WecomSender::refresh_credentials() {
  if (tokens_) co_await tokens_->token();
}

SendResult WecomSender::result_of(const ApiReply& reply) const {
  const ApiAnswer& answer = reply.answer;
  switch (answer.kind) {
    case ApiAnswer::Kind::ok:
      return SendResult::ok(reply.msgid);
    case ApiAnswer::Kind::retry:
      // 45009 is a block of the whole API for a while, not this row's bad luck: hold the bucket.
      if (answer.errcode == 45009)
        return SendResult::rate_limited(explain(answer), clock_.now() + std::max(answer.retry_after, kMinute),
                                        answer.errcode);
      return SendResult::retry(explain(answer), answer.retry_after, answer.errcode);
    case ApiAnswer::Kind::token_expired:
      return SendResult::token_expired(explain(answer), answer.errcode);
    case ApiAnswer::Kind::permanent:
      return SendResult::permanent(explain(answer), answer.errcode);
  }
  return SendResult::permanent(explain(answer), answer.errcode);
}

SendResult WecomSender::no_route(const SendMessage& message) const {
  if (message.chat_id.empty())
    return SendResult::permanent("WeCom account '" + account_.name + "' cannot write to member '" + message.user_id +
                                 "': configure its self-built app (platforms.wecom[].app) to send direct messages.");
  return SendResult::permanent(
      "WeCom account '" + account_.name + "' has no way to post into chat '" + message.chat_id +
      "': give the chat's organization group a webhook robot key (platforms.wecom[].webhook_keys), or run the AI "
      "bot in websocket mode (platforms.wecom[].aibot.mode).");
}

asio::awaitable<SendResult> WecomSender::send_app_message(const SendMessage& message) {
  auto token = co_await tokens_->token();
  if (!token) co_return result_of(ApiReply{token.error(), {}});
  const auto body = render_app_message({account_.app->agent_id, {message.user_id}, wire_format(message.format), message.text});
  if (!body) co_return SendResult::permanent(std::string("WeCom message/send: ") + std::string(describe(body.error())));
  auto reply = co_await api_.send_app_message(*token, *body);
  if (reply.answer.kind == ApiAnswer::Kind::token_expired) tokens_->invalidate(*token);
  co_return result_of(reply);
}

asio::awaitable<SendResult> WecomSender::send_webhook(const SendMessage& message) {
  const Format format = message.mentions.empty() ? wire_format(message.format) : Format::text;
  const auto body = render_webhook_message(format, message.text, message.mentions);
  if (!body) co_return SendResult::permanent(std::string("WeCom webhook/send: ") + std::string(describe(body.error())));
  auto reply = co_await api_.send_webhook(*webhook_key(message), *body);
  co_return result_of(reply);
}

asio::awaitable<SendResult> WecomSender::send_by(Route route, const SendMessage& message) {
  if (route == Route::app_message) co_return co_await send_app_message(message);
  if (route == Route::webhook) co_return co_await send_webhook(message);
  if (route == Route::none) co_return no_route(message);
  auto markdown = aibot_markdown_body(message.text);
  if (!markdown) co_return SendResult::permanent(std::string("WeCom AI bot: ") + std::string(describe(markdown.error())));
  if (route == Route::response_url) {
    auto reply = co_await api_.post_response_url(message.reply_to, dump_raw_utf8(*markdown));
    co_return result_of(reply);
  }
  if (route == Route::respond) co_return co_await long_connection_->respond(message.reply_to, std::move(*markdown));
  co_return co_await long_connection_->send_msg(message.chat_id, std::move(*markdown));
}

asio::awaitable<SendResult> WecomSender::send(const storage::OutboxRow& row) {
  const SendMessage& message = row.message;
  if (!message.account.empty() && message.account != account_.name)  // the adapter picks the sender by account
    co_return SendResult::permanent("outbox row " + std::to_string(row.id) + " is for WeCom account '" +
                                    message.account + "', not '" + account_.name + "': a gridbot bug; report it.");
  const Route route = first_route(message);
  SendResult result = co_await send_by(route, message);
  // A reply handle is one use and short-lived (response_url: once, 1 h): refused, the message is
  // still worth posting, proactively. Only on a refusal, never after a cut connection: the
  // first post may have arrived.
  if ((route == Route::response_url || route == Route::respond) && result.kind == SendResult::Kind::permanent) {
    const Route fallback = proactive_route(message);
    if (fallback != Route::none) {
      SendResult proactive = co_await send_by(fallback, message);
      co_return proactive;
    }
  }
  co_return result;
}

}  // namespace gridbot::wecom
