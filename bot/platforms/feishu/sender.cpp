#include "bot/platforms/feishu/sender.hpp"

#include "bot/log.hpp"
#include "bot/platforms/feishu/api_answer.hpp"
#include "bot/platforms/feishu/outgoing.hpp"

namespace gridbot::feishu {

using platforms::SendResult;

namespace {

// Feishu's per-destination limit (§2.2, §0 item 6): 5 a second per group and per user.
constexpr int kPerSecond = 5;

}  // namespace

Sender::Sender(boost::asio::io_context& io, const AccountConfig& account, net::HttpClient& http, const Clock& clock)
    : account_(account), http_(http), clock_(clock), tokens_(io, http, account, clock) {}

std::vector<platforms::Quota> Sender::quotas(const storage::OutboxRow& row) const {
  const auto& m = row.message;
  // A group's 5/s is shared by all bots in it, so every account sending there draws from one bucket.
  if (!m.chat_id.empty()) return {{"feishu/chat:" + m.chat_id, kPerSecond, Seconds(1)}};
  return {{"feishu/" + account_.name + "/user:" + m.user_id, kPerSecond, Seconds(1)}};
}

std::size_t Sender::text_limit(const storage::OutboxRow& row) const {
  (void)row;
  return kTextLimitBytes;
}

boost::asio::awaitable<SendResult> Sender::send(const storage::OutboxRow& row) {
  const auto& m = row.message;
  Content content{m.format == gridbot::Format::markdown ? feishu::Format::markdown : feishu::Format::text, m.text,
                  m.mentions, {}};
  const std::string uuid = std::to_string(row.id);
  std::string path;
  std::expected<std::string, Error> body = std::unexpected(Error::missing_field);
  if (!m.reply_to.empty()) {
    path = reply_path(m.reply_to);
    body = reply_body(content, uuid);
  } else {
    const std::string& receive_id = m.chat_id.empty() ? m.user_id : m.chat_id;
    path = send_message_path(m.chat_id.empty() ? receive_id_type_of(receive_id) : ReceiveIdType::chat_id);
    body = send_message_body(receive_id, content, uuid);
  }
  if (!body) co_return SendResult::permanent("the message cannot be written for Feishu: " + std::string(describe(body.error())));

  std::string what = m.reply_to.empty() ? "im/v1/messages" : "im/v1/messages/{id}/reply";
  co_return co_await post(std::move(path), std::move(*body), std::move(what));
}

boost::asio::awaitable<void> Sender::reply_now(std::string message_id, std::string text, std::string uuid) {
  const Content content{feishu::Format::text, std::move(text), {}, {}};
  auto body = reply_body(content, uuid);
  if (!body) co_return;
  std::string path = reply_path(message_id);
  std::string what = "a not-read answer";
  SendResult result = co_await post(std::move(path), std::move(*body), std::move(what));
  // Nothing was stored, so nothing is lost: the person simply hears nothing this time.
  if (result.kind != SendResult::Kind::ok) log::warn("feishu", "account {}: {}", account_.name, result.error);
}

boost::asio::awaitable<SendResult> Sender::post(std::string path, std::string body, std::string what) {
  auto token = co_await tokens_.token();
  if (!token) co_return SendResult::retry(token.error());
  net::HttpRequest request;
  request.method = "POST";
  request.url = account_.api_base_url + path;
  request.headers["Content-Type"] = "application/json; charset=utf-8";
  request.headers["Authorization"] = "Bearer " + *token;
  request.body = std::move(body);
  try {
    net::HttpResponse response = co_await http_.request(std::move(request));
    auto reset_header = response.headers.find("x-ogw-ratelimit-reset");
    const auto reset = reset_header == response.headers.end() ? std::nullopt : parse_ratelimit_reset(reset_header->second);
    SendResult result = classify_answer(response.status, response.body, reset, clock_.now());
    if (result.kind == SendResult::Kind::token_expired) tokens_.invalidate(*token);
    if (result.kind != SendResult::Kind::ok) result.error = what + ": " + result.error;
    co_return result;
  } catch (const net::TransportError& e) {
    co_return SendResult::retry(what + ": no answer from Feishu: " + e.what());
  }
}

boost::asio::awaitable<void> Sender::refresh_credentials() { (void)co_await tokens_.token(); }

}  // namespace gridbot::feishu
