#include "bot/platforms/wecom/incoming.hpp"

#include <charconv>

#include "bot/platforms/wecom/flat_xml.hpp"
#include "bot/platforms/wecom/mentions.hpp"

namespace gridbot::wecom {

using nlohmann::json;

namespace {

std::optional<Time> seconds_since_epoch(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return Time(Seconds(v));
}

// A string field, or "" when absent; a present field of another type is an error.
std::expected<std::string, Error> string_at(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::unexpected(Error::missing_field);
  return it->get<std::string>();
}

// An optional string field: "" when absent or of another type (json::value would throw).
std::string text_of(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An object field, or an empty object when absent.
const json& object_at(const json& obj, const char* key) {
  static const json empty = json::object();
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? *it : empty;
}

std::string mixed_text(const json& mixed) {
  std::string out;
  auto items = mixed.find("msg_item");
  if (items == mixed.end() || !items->is_array()) return out;
  for (const auto& item : *items) {
    if (!item.is_object() || text_of(item, "msgtype") != "text") continue;
    auto content = text_of(object_at(item, "text"), "content");
    if (!out.empty() && !content.empty()) out += '\n';
    out += content;
  }
  return out;
}

std::optional<QuotedMessage> parse_quote(const json& body) {
  auto it = body.find("quote");
  if (it == body.end() || !it->is_object()) return std::nullopt;
  QuotedMessage q;
  q.msgtype = text_of(*it, "msgtype");
  if (q.msgtype == "text" || q.msgtype == "voice") q.text = text_of(object_at(*it, q.msgtype.c_str()), "content");
  else if (q.msgtype == "mixed") q.text = mixed_text(object_at(*it, "mixed"));
  else q.url = text_of(object_at(*it, q.msgtype.c_str()), "url");
  return q;
}

// The fields every AI-bot body shares; msgid and aibotid are always sent.
struct Common {
  std::string msgid, aibotid, chatid, chattype, sender, response_url;
};

std::expected<Common, Error> common_fields(const json& body) {
  Common c;
  for (auto [key, field] : {std::pair{"msgid", &c.msgid}, {"aibotid", &c.aibotid}, {"chatid", &c.chatid},
                            {"chattype", &c.chattype}, {"response_url", &c.response_url}}) {
    auto v = string_at(body, key);
    if (!v) return std::unexpected(v.error());
    *field = std::move(*v);
  }
  auto sender = string_at(object_at(body, "from"), "userid");
  if (!sender) return std::unexpected(sender.error());
  c.sender = std::move(*sender);
  if (c.msgid.empty() || c.aibotid.empty()) return std::unexpected(Error::missing_field);
  return c;
}

ChatKind chat_kind_of(const Common& c) { return c.chattype == "group" ? ChatKind::group : ChatKind::direct; }

IncomingEvent aibot_event(const json& body, Common c) {
  IncomingEvent e;
  const json& event = object_at(body, "event");
  e.account = std::move(c.aibotid);
  e.event_id = std::move(c.msgid);
  e.event_type = text_of(event, "eventtype");
  e.sender = std::move(c.sender);
  e.chat_kind = chat_kind_of(c);
  e.chat_id = std::move(c.chatid);
  if (auto t = body.find("create_time"); t != body.end() && t->is_number_integer())
    e.created_at = Time(Seconds(t->get<std::int64_t>()));
  // The doc nests the card's fields (the SDK README's body.event.event_key does not match it).
  const json& card = object_at(event, "template_card_event");
  e.event_key = text_of(card, "event_key");
  e.task_id = text_of(card, "task_id");
  e.reply.response_url = std::move(c.response_url);
  return e;
}

}  // namespace

std::expected<AibotCallback, Error> parse_aibot_callback(const json& body, std::string_view bot_name) {
  if (!body.is_object()) return std::unexpected(Error::malformed_json);
  auto common = common_fields(body);
  if (!common) return std::unexpected(common.error());
  auto msgtype = string_at(body, "msgtype");
  if (!msgtype || msgtype->empty()) return std::unexpected(Error::missing_field);
  if (*msgtype == "event") return aibot_event(body, std::move(*common));
  if (*msgtype == "stream") {
    auto id = string_at(object_at(body, "stream"), "id");
    if (!id || id->empty()) return std::unexpected(Error::missing_field);
    return StreamRefresh{std::move(common->aibotid), std::move(common->msgid), std::move(*id), std::move(common->sender),
                         std::move(common->chatid), {std::move(common->response_url), {}}};
  }
  if (common->sender.empty()) return std::unexpected(Error::missing_field);  // a message always has a sender
  IncomingMessage m;
  m.chat_kind = chat_kind_of(*common);
  m.account = std::move(common->aibotid);
  m.message_id = std::move(common->msgid);
  m.sender = std::move(common->sender);
  m.chat_id = std::move(common->chatid);
  m.msgtype = *msgtype;
  m.reply.response_url = std::move(common->response_url);
  m.quote = parse_quote(body);
  std::string content;
  if (m.msgtype == "text" || m.msgtype == "voice") content = text_of(object_at(body, m.msgtype.c_str()), "content");
  else if (m.msgtype == "mixed") content = mixed_text(object_at(body, "mixed"));
  else m.media_url = text_of(object_at(body, m.msgtype.c_str()), "url");
  auto split = split_mentions(content, bot_name, m.chat_kind == ChatKind::group);
  m.text = std::move(split.text);
  m.mentions = std::move(split.others);
  // In a group WeCom delivers a message to the bot only when it is @-mentioned (path/100719).
  m.bot_mentioned = split.bot_mentioned || m.chat_kind == ChatKind::group;
  return m;
}

std::expected<AibotCallback, Error> parse_aibot_callback(std::string_view text, std::string_view bot_name) {
  auto body = json::parse(text, nullptr, false);
  if (body.is_discarded()) return std::unexpected(Error::malformed_json);
  return parse_aibot_callback(body, bot_name);
}

std::expected<AppCallback, Error> parse_app_callback(std::string_view xml) {
  auto fields = parse_flat_xml(xml);
  if (!fields) return std::unexpected(fields.error());
  auto get = [&](std::string_view name) {
    auto it = fields->find(name);
    return it == fields->end() ? std::string() : it->second;
  };
  std::string to = get("ToUserName"), from = get("FromUserName"), type = get("MsgType");
  auto created = seconds_since_epoch(get("CreateTime"));
  if (to.empty() || from.empty() || type.empty() || !created) return std::unexpected(Error::missing_field);
  if (type == "event") {
    IncomingEvent e;
    e.account = std::move(to);
    e.event_type = get("Event");
    // App events carry no id; WeCom's advice is FromUserName + CreateTime.
    e.event_id = from + ":" + get("CreateTime");
    e.sender = std::move(from);
    e.created_at = created;
    e.event_key = get("EventKey");
    return e;
  }
  IncomingMessage m;
  m.account = std::move(to);
  m.agent_id = get("AgentID");
  m.message_id = get("MsgId");
  if (m.message_id.empty()) return std::unexpected(Error::missing_field);
  m.sender = std::move(from);
  m.chat_kind = ChatKind::direct;  // a self-built app receives only what is written to it
  m.msgtype = std::move(type);
  m.text = m.msgtype == "text" ? get("Content") : m.msgtype == "voice" ? get("Recognition") : std::string();
  if (m.msgtype == "image") m.media_url = get("PicUrl");
  m.created_at = created;
  return m;
}

}  // namespace gridbot::wecom
