#include "bot/platforms/wecom/callback_routes.hpp"

#include "bot/log.hpp"
#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::wecom {

using http::error_response;
using http::Status;

namespace {

// A forged or misaddressed request is refused as such; a stale or garbled one as a bad request.
Status status_of(Error e) {
  return e == Error::bad_signature || e == Error::wrong_receiveid ? Status::forbidden : Status::bad_request;
}

http::Response refused(std::string_view account, std::string_view endpoint, Error e) {
  // What went wrong and WeCom's own code for it; never the query, the body or a key.
  log::warn("wecom", "account {}: {} callback refused: {} ({})", account, endpoint, describe(e), official_code(e));
  return error_response(status_of(e), describe(e));
}

// An unknown account, or one without this endpoint: the same answer, naming no configuration.
http::Response not_configured(bool aibot) {
  return error_response(Status::not_found, aibot ? "no AI bot in callback mode at this address" : "no app callback at this address");
}

http::Response empty_ok() { return http::text_response(Status::ok, "", "text/plain; charset=utf-8"); }

std::string cdata(std::string_view text) {
  // "]]>" cannot stand inside a CDATA section: close it and open another around the '>'.
  std::string out = "<![CDATA[";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "]]>") {
      out += "]]]]><![CDATA[>";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out + "]]>";
}

// The self-built app's passive text reply (path/90241), before encryption.
std::string app_text_reply(std::string_view to_user, std::string_view corp_id, Time now, std::string_view content) {
  return "<xml><ToUserName>" + cdata(to_user) + "</ToUserName><FromUserName>" + cdata(corp_id) +
         "</FromUserName><CreateTime>" + std::to_string(now.time_since_epoch().count()) +
         "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>" + cdata(content) + "</Content></xml>";
}

}  // namespace

CallbackQuery callback_query(std::string_view target) {
  CallbackQuery q;
  auto question = target.find('?');
  if (question == std::string_view::npos) return q;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    auto pair = rest.substr(0, amp);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos) {
      auto key = pair.substr(0, eq);
      std::string value = http::percent_decode(pair.substr(eq + 1), false);
      if (key == "msg_signature") q.msg_signature = std::move(value);
      else if (key == "timestamp") q.timestamp = std::move(value);
      else if (key == "nonce") q.nonce = std::move(value);
      else if (key == "echostr") q.echostr = std::move(value);
    }
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  return q;
}

CallbackRoutes::CallbackRoutes(const std::vector<AccountConfig>& accounts, MessageIntake& intake) : intake_(intake) {
  for (const auto& a : accounts) {
    Endpoint e;
    e.account = &a;
    if (a.aibot && a.aibot->mode == AibotSettings::Mode::callback && !a.aibot->token.empty())
      e.aibot = make_callback_keys(a.aibot->token, a.aibot->encoding_aes_key, "").value();  // 企业内部智能机器人: ""
    if (a.app && !a.app->token.empty())
      e.app = make_callback_keys(a.app->token, a.app->encoding_aes_key, a.corp_id).value();
    endpoints_.emplace(a.name, std::move(e));
  }
}

void CallbackRoutes::add_routes(http::Router& router) {
  using http::Verb;
  router.add(Verb::get, "/wecom/{account}/aibot",
             [this](const http::Request& r, const http::Params& p) { return verify(r, p, true); });
  router.add_async(Verb::post, "/wecom/{account}/aibot",
                   [this](const http::Request& r, const http::Params& p) { return aibot_post(r, p); });
  router.add(Verb::get, "/wecom/{account}/app",
             [this](const http::Request& r, const http::Params& p) { return verify(r, p, false); });
  router.add_async(Verb::post, "/wecom/{account}/app",
                   [this](const http::Request& r, const http::Params& p) { return app_post(r, p); });
}

const CallbackRoutes::Endpoint* CallbackRoutes::endpoint(const http::Params& params) const {
  auto it = endpoints_.find(params.path.at("account"));
  return it == endpoints_.end() ? nullptr : &it->second;
}

const CallbackKeys* CallbackRoutes::keys_of(const Endpoint* e, bool aibot) {
  if (!e) return nullptr;
  const auto& keys = aibot ? e->aibot : e->app;
  return keys ? &*keys : nullptr;
}

http::Response CallbackRoutes::verify(const http::Request& request, const http::Params& params, bool aibot) const {
  const Endpoint* e = endpoint(params);
  const CallbackKeys* keys = keys_of(e, aibot);
  if (!keys) return not_configured(aibot);
  auto plain = verify_url(*keys, callback_query(request.target()), intake_.clock().now());
  if (!plain) return refused(e->account->name, aibot ? "aibot URL verification" : "app URL verification", plain.error());
  // WeCom compares the body byte for byte: no quotes, no BOM, no newline.
  return http::text_response(Status::ok, std::move(*plain), "text/plain; charset=utf-8");
}

http::Response CallbackRoutes::sealed(const CallbackKeys& keys, const CallbackQuery& query, std::string_view plaintext,
                                      bool xml) const {
  auto random = fresh_random16();
  const std::string timestamp = std::to_string(intake_.clock().now().time_since_epoch().count());
  auto reply = random ? seal_reply(keys, plaintext, timestamp, query.nonce, *random) : std::unexpected(random.error());
  if (!reply) {
    // Only OpenSSL failing gets here; the message itself has been taken in.
    log::error("wecom", "could not seal a passive reply: {}", describe(reply.error()));
    return empty_ok();
  }
  return http::text_response(Status::ok, xml ? reply_xml(*reply) : reply_json(*reply),
                             xml ? "application/xml; charset=utf-8" : "text/plain; charset=utf-8");
}

std::expected<CallbackRoutes::Opened, http::Response> CallbackRoutes::open(const http::Request& request,
                                                                          const http::Params& params, bool aibot) const {
  const Endpoint* e = endpoint(params);
  const CallbackKeys* keys = keys_of(e, aibot);
  if (!keys) return std::unexpected(not_configured(aibot));
  if (request.body().size() > kMaxCallbackBody)
    return std::unexpected(error_response(Status::payload_too_large, "body exceeds 1 MiB"));
  Opened out{*e->account, *keys, callback_query(request.target()), {}};
  auto plain = aibot ? open_aibot_callback(*keys, out.query, request.body(), intake_.clock().now())
                     : open_app_callback(*keys, out.query, request.body(), intake_.clock().now());
  if (!plain) return std::unexpected(refused(out.account.name, aibot ? "aibot" : "app", plain.error()));
  out.plaintext = std::move(*plain);
  return out;
}

boost::asio::awaitable<http::Response> CallbackRoutes::aibot_post(const http::Request& request, const http::Params& params) {
  auto opened = open(request, params, true);
  if (!opened) co_return std::move(opened.error());
  const AccountConfig& account = opened->account;
  const CallbackKeys& keys = opened->keys;
  const CallbackQuery& query = opened->query;
  auto callback = parse_aibot_callback(std::string_view(opened->plaintext), account.aibot->bot_name);
  if (!callback) co_return refused(account.name, "aibot", callback.error());

  if (auto* message = std::get_if<IncomingMessage>(&*callback)) {
    IntakeOutcome outcome = co_await intake_.accept(account, *message);
    if (!outcome.answer) co_return empty_ok();  // the receipt goes out through the outbox, on response_url
    // A finished stream, so WeCom sends no refresh callbacks for it.
    auto body = aibot_stream_body("unread-" + message->message_id, true, *outcome.answer);
    co_return body ? sealed(keys, query, dump_raw_utf8(*body), false) : empty_ok();
  }
  if (auto* event = std::get_if<IncomingEvent>(&*callback)) {
    if (event->event_type == "enter_chat") {
      auto body = aibot_text_body(intake_.text().render("wecom.welcome"));
      co_return body ? sealed(keys, query, dump_raw_utf8(*body), false) : empty_ok();
    }
    // template_card_event, feedback_event and any newer event: acknowledged, nothing to do yet.
    log::debug("wecom", "account {}: AI bot event {} acknowledged", account.name, event->event_type);
    co_return empty_ok();
  }
  // A stream refresh: gridbot never leaves a passive stream open, so whatever WeCom asks about is over.
  const auto& refresh = std::get<StreamRefresh>(*callback);
  auto body = aibot_stream_body(refresh.stream_id, true, "");
  co_return body ? sealed(keys, query, dump_raw_utf8(*body), false) : empty_ok();
}

boost::asio::awaitable<http::Response> CallbackRoutes::app_post(const http::Request& request, const http::Params& params) {
  auto opened = open(request, params, false);
  if (!opened) co_return std::move(opened.error());
  const AccountConfig& account = opened->account;
  auto callback = parse_app_callback(opened->plaintext);
  if (!callback) co_return refused(account.name, "app", callback.error());
  auto* message = std::get_if<IncomingMessage>(&*callback);
  if (!message) co_return empty_ok();  // subscribe, enter_agent, …: nothing to take in
  IntakeOutcome outcome = co_await intake_.accept(account, *message);
  if (!outcome.answer) co_return empty_ok();
  co_return sealed(opened->keys, opened->query, app_text_reply(message->sender, account.corp_id, intake_.clock().now(), *outcome.answer),
                   true);
}

}  // namespace gridbot::wecom
