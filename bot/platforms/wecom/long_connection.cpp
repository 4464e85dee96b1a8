#include "bot/platforms/wecom/long_connection.hpp"

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/log.hpp"
#include "bot/platforms/wecom/api_answer.hpp"
#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::wecom {

namespace asio = boost::asio;
using platforms::SendResult;

// One frame we sent, waiting for WeCom's answer with its req_id: the reader fills `answer` and
// cancels the timer, which otherwise runs out after the answer timeout.
struct LongConnection::Pending {
  explicit Pending(asio::io_context& io) : timer(io) {}
  asio::steady_timer timer;
  std::optional<ResponseFrame> answer;
  std::string failure;  // the connection went away first
};

namespace {

// WeCom answers frames with the API's errcodes (846608: a stream updated after 6 minutes).
SendResult result_of(const ResponseFrame& answer, std::string_view what) {
  if (answer.errcode == 0) return SendResult::ok(answer.req_id);
  const ApiAnswer a = classify_api_answer(200, nlohmann::json{{"errcode", answer.errcode}, {"errmsg", answer.errmsg}}.dump());
  std::string why = std::string(what) + ": " + a.errmsg + (a.advice.empty() ? "" : " — " + a.advice);
  switch (a.kind) {
    case ApiAnswer::Kind::ok: return SendResult::ok(answer.req_id);
    case ApiAnswer::Kind::permanent: return SendResult::permanent(std::move(why), answer.errcode);
    // The long connection has no access token to refresh: a token error there is WeCom's hiccup.
    case ApiAnswer::Kind::token_expired:
    case ApiAnswer::Kind::retry: return SendResult::retry(std::move(why), a.retry_after, answer.errcode);
  }
  return SendResult::retry(std::move(why), {}, answer.errcode);
}

}  // namespace

LongConnection::LongConnection(asio::io_context& io, const AccountConfig& account, MessageIntake& intake,
                               LongConnectionTiming timing, net::WebSocketOptions socket_options)
    : io_(io),
      account_(account),
      intake_(intake),
      timing_(timing),
      socket_options_(std::move(socket_options)),
      wait_(io),
      heartbeat_(io),
      random_(std::random_device{}()) {}

LongConnection::~LongConnection() { stop(); }

void LongConnection::start() {
  if (running_) return;
  stopped_ = false;
  running_ = true;
  asio::co_spawn(io_, run(), asio::detached);
}

void LongConnection::stop() {
  stopped_ = true;
  wait_.cancel();
  heartbeat_.cancel();
  if (socket_) close(socket_);
  fail_pending("the long connection is stopping");
}

void LongConnection::close(const std::shared_ptr<net::WebSocket>& socket) {
  // The reader's pending read then fails, which ends its session.
  asio::co_spawn(io_, [socket]() -> asio::awaitable<void> { co_await socket->close(); }, asio::detached);
}

void LongConnection::fail_pending(std::string_view why) {
  for (auto& [id, pending] : pending_) {
    pending->failure = why;
    pending->timer.cancel();
  }
  pending_.clear();
}

std::string LongConnection::new_req_id(std::string_view prefix) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  return make_req_id(prefix, ms, static_cast<std::uint32_t>(random_()));
}

std::chrono::milliseconds LongConnection::next_backoff() {
  std::chrono::milliseconds base = timing_.backoff_first * (1LL << std::min(failures_, 20));
  base = std::min(base, timing_.backoff_cap);
  ++failures_;
  // Jitter over the upper half, so instances that lost WeCom together do not dial together.
  std::uniform_int_distribution<long long> jitter(base.count() / 2, base.count());
  return std::chrono::milliseconds(jitter(random_));
}

asio::awaitable<void> LongConnection::sleep(std::chrono::milliseconds how_long) {
  boost::system::error_code ec;
  wait_.expires_after(how_long);
  co_await wait_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> LongConnection::run() {
  while (!stopped_) {
    try {
      std::shared_ptr<net::WebSocket> socket = co_await net::WebSocket::connect(io_, account_.ws_url, socket_options_);
      if (stopped_) {
        co_await socket->close();
        break;
      }
      socket_ = socket;
      co_await session(socket);
    } catch (const std::exception& e) {
      log::warn("wecom", "account {}: long connection to {} failed: {}", account_.name, account_.ws_url, e.what());
    }
    socket_.reset();
    subscribed_ = false;
    fail_pending("the long connection closed before WeCom answered");
    if (stopped_) break;
    if (kicked_) {
      log::error("wecom",
                 "ALERT account {}: WeCom closed the AI bot's long connection because another connection subscribed "
                 "as bot {} (disconnected_event). Only one instance may hold it; dialing again in {} s",
                 account_.name, account_.aibot->bot_id,
                 std::chrono::duration_cast<std::chrono::seconds>(timing_.kicked_cooldown).count());
      co_await sleep(timing_.kicked_cooldown);
      kicked_ = false;
    } else {
      co_await sleep(next_backoff());
    }
  }
  running_ = false;
}

asio::awaitable<void> LongConnection::session(std::shared_ptr<net::WebSocket> socket) {
  const std::uint64_t generation = ++generation_;
  missed_pings_ = 0;
  asio::co_spawn(io_, subscribe(socket, generation), asio::detached);
  try {
    for (;;) {
      net::WebSocketMessage message = co_await socket->read();
      if (message.binary) continue;
      auto frame = parse_frame(message.data, account_.aibot->bot_name);
      if (!frame) {
        log::warn("wecom", "account {}: unreadable long-connection frame: {}", account_.name, describe(frame.error()));
        continue;
      }
      if (auto* answer = std::get_if<ResponseFrame>(&*frame)) {
        if (answer->req_id.starts_with("ping_")) missed_pings_ = 0;
        if (auto it = pending_.find(answer->req_id); it != pending_.end()) {
          it->second->answer = *answer;
          it->second->timer.cancel();
          pending_.erase(it);
        }
      } else if (auto* callback = std::get_if<CallbackFrame>(&*frame)) {
        // Each in its own coroutine: reading goes on while one waits for its commit.
        asio::co_spawn(io_, handle(std::move(*callback)), asio::detached);
      } else if (std::holds_alternative<DisconnectedFrame>(*frame)) {
        kicked_ = true;
        close(socket);
        co_return;
      } else {
        log::debug("wecom", "account {}: ignored long-connection frame {}", account_.name, std::get<UnknownFrame>(*frame).cmd);
      }
    }
  } catch (const net::TransportError& e) {
    if (!stopped_) log::warn("wecom", "account {}: long connection lost: {}", account_.name, e.what());
  }
}

asio::awaitable<void> LongConnection::subscribe(std::shared_ptr<net::WebSocket> socket, std::uint64_t generation) {
  const std::string id = new_req_id("aibot_subscribe");
  // The frame holds the bot's secret: it is written to the socket and nowhere else.
  SendResult r = co_await request(id, render_subscribe(id, account_.aibot->bot_id, account_.aibot->secret),
                                  "aibot_subscribe", true);
  if (generation != generation_ || stopped_) co_return;
  if (r.kind != SendResult::Kind::ok) {
    // Not the API's advice for the code: that speaks of the app's secret, this is the bot's.
    log::error("wecom", "account {}: aibot_subscribe {}: check platforms.wecom[].aibot.bot_id and aibot.secret",
               account_.name, r.errcode ? "refused with errcode " + std::to_string(r.errcode) : r.error);
    close(socket);
    co_return;
  }
  subscribed_ = true;
  failures_ = 0;
  ++subscriptions_;
  log::info("wecom", "account {}: AI bot {} subscribed on its long connection", account_.name, account_.aibot->bot_id);
  co_await heartbeat(std::move(socket), generation);
}

asio::awaitable<void> LongConnection::heartbeat(std::shared_ptr<net::WebSocket> socket, std::uint64_t generation) {
  for (;;) {
    boost::system::error_code ec;
    heartbeat_.expires_after(timing_.heartbeat);
    co_await heartbeat_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (generation != generation_ || stopped_) co_return;
    if (missed_pings_ >= timing_.missed_pings_dead) {
      log::warn("wecom", "account {}: {} pings unanswered: the long connection is dead, dialing again", account_.name,
                missed_pings_);
      close(socket);
      co_return;
    }
    ++missed_pings_;
    try {
      // Named, not a temporary inside co_await: g++ 12 destroys such temporaries twice.
      net::WebSocketMessage ping{false, render_ping(new_req_id("ping"))};
      co_await socket->write(std::move(ping));
    } catch (const net::TransportError&) {
      co_return;  // the reader sees the same failure and dials again
    }
  }
}

asio::awaitable<void> LongConnection::handle(CallbackFrame frame) {
  try {
    if (auto* message = std::get_if<IncomingMessage>(&frame.callback)) {
      IntakeOutcome outcome = co_await intake_.accept(account_, *message);
      if (!outcome.answer) co_return;  // committed: the outbox answers on frame.req_id
      auto body = aibot_stream_body("unread-" + message->message_id, true, *outcome.answer);
      if (body) co_await respond(frame.req_id, std::move(*body));
    } else if (auto* event = std::get_if<IncomingEvent>(&frame.callback)) {
      if (event->event_type != "enter_chat") co_return;  // cards, feedback: nothing to do yet
      auto body = aibot_text_body(intake_.text().render("wecom.welcome"));
      if (body)  // within 5 s of the event, as WeCom requires
        co_await request(frame.req_id, render_respond_welcome_msg(frame.req_id, *body), "aibot_respond_welcome_msg");
    }
  } catch (const std::exception& e) {
    // The database failed: nothing was stored, nothing is answered, and the resident may write again.
    log::error("wecom", "account {}: long-connection message {} not taken in: {}", account_.name, frame.req_id, e.what());
  }
}

asio::awaitable<SendResult> LongConnection::request(std::string req_id, std::string frame, std::string_view what,
                                                    bool before_subscribe) {
  std::shared_ptr<net::WebSocket> socket = socket_;
  if (!socket || (!subscribed_ && !before_subscribe))
    co_return SendResult::retry("the AI bot's long connection is down (" + std::string(what) + " not sent)");
  if (pending_.contains(req_id))  // WeCom takes the answers to one req_id one at a time
    co_return SendResult::retry("another answer on this req_id is waiting for WeCom");
  auto pending = std::make_shared<Pending>(io_);
  pending->timer.expires_after(timing_.answer_timeout);
  pending_[req_id] = pending;
  try {
    net::WebSocketMessage message{false, std::move(frame)};  // named: see heartbeat()
    co_await socket->write(std::move(message));
  } catch (const net::TransportError& e) {
    pending_.erase(req_id);
    co_return SendResult::retry(std::string(what) + " not sent: " + e.what());
  }
  boost::system::error_code ec;
  // The answer may have been read before the write's completion resumed us: then do not wait.
  if (!pending->answer && pending->failure.empty())
    co_await pending->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  if (auto it = pending_.find(req_id); it != pending_.end() && it->second == pending) pending_.erase(it);
  if (pending->answer) co_return result_of(*pending->answer, what);
  if (!pending->failure.empty()) co_return SendResult::retry(std::string(what) + ": " + pending->failure);
  co_return SendResult::retry(std::string(what) + ": WeCom did not answer within " +
                              std::to_string(timing_.answer_timeout.count()) + " ms");
}

asio::awaitable<SendResult> LongConnection::respond(std::string inbound_req_id, nlohmann::json body) {
  std::string frame = render_respond_msg(inbound_req_id, body);
  co_return co_await request(std::move(inbound_req_id), std::move(frame), "aibot_respond_msg");
}

asio::awaitable<SendResult> LongConnection::send_msg(std::string chat_id, nlohmann::json body) {
  std::string id = new_req_id("aibot_send_msg");
  std::string frame = render_send_msg(id, chat_id, body);
  co_return co_await request(std::move(id), std::move(frame), "aibot_send_msg");
}

}  // namespace gridbot::wecom
