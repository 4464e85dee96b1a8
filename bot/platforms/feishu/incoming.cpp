#include "bot/platforms/feishu/incoming.hpp"

#include "bot/platforms/feishu/json_fields.hpp"

namespace gridbot::feishu {

using nlohmann::json;

namespace {

// user_id needs a scope the app may not have; open_id is always there.
std::string person_id(const json& ids) {
  auto user_id = text_of(ids, "user_id");
  return user_id.empty() ? text_of(ids, "open_id") : user_id;
}

struct Mention {
  std::string key;  // @_user_1
  std::string id;
  std::string name;
  bool is_bot = false;  // this bot, not any bot
};

std::vector<Mention> mentions_of(const json& message, const BotIdentity& bot) {
  std::vector<Mention> out;
  auto list = message.find("mentions");
  if (list == message.end() || !list->is_array()) return out;
  for (const auto& m : *list) {
    if (!m.is_object()) continue;
    const json& ids = object_at(m, "id");
    Mention mention{text_of(m, "key"), person_id(ids), text_of(m, "name"), false};
    if (!bot.open_id.empty()) mention.is_bot = text_of(ids, "open_id") == bot.open_id;
    else if (!bot.name.empty()) mention.is_bot = mention.name == bot.name;
    else mention.is_bot = text_of(m, "mentioned_type") == "bot";
    if (!mention.key.empty()) out.push_back(std::move(mention));
  }
  return out;
}

const Mention* find_mention(const std::vector<Mention>& mentions, std::string_view key) {
  for (const auto& m : mentions)
    if (m.key == key) return &m;
  return nullptr;
}

// Every @_user_N in `text` replaced: the bot's by nothing, the others' by "@name".
std::string resolve_placeholders(std::string_view text, const std::vector<Mention>& mentions) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const Mention* hit = nullptr;
    if (text[i] == '@')
      for (const auto& m : mentions)
        if (text.substr(i, m.key.size()) == m.key && (!hit || m.key.size() > hit->key.size())) hit = &m;  // _user_1 vs _user_10
    if (!hit) {
      out += text[i++];
      continue;
    }
    i += hit->key.size();
    if (!hit->is_bot) {
      out += "@" + hit->name;
    } else if (i < text.size() && text[i] == ' ') {
      ++i;  // the space Feishu puts after a mention goes with it
    } else if (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
  }
  return out;
}

std::string trimmed(std::string_view s) {
  constexpr std::string_view space = " \t\r\n";
  auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(space) - first + 1));
}

// post: {"title", "content": [[{"tag":"text","text"}, {"tag":"at","user_id":"@_user_1"}, …], …]};
// some clients wrap it in a locale ({"zh_cn": {…}}).
std::string post_text(const json& post, const std::vector<Mention>& mentions) {
  const json* body = &post;
  if (!post.contains("content"))
    for (const auto& [locale, inner] : post.items())
      if (inner.is_object() && inner.contains("content")) {
        body = &inner;
        break;
      }
  std::string out = text_of(*body, "title");
  auto paragraphs = body->find("content");
  if (paragraphs == body->end() || !paragraphs->is_array()) return out;
  for (const auto& paragraph : *paragraphs) {
    if (!paragraph.is_array()) continue;
    std::string line;
    for (const auto& element : paragraph) {
      if (!element.is_object()) continue;
      auto tag = text_of(element, "tag");
      if (tag == "text" || tag == "a" || tag == "md") {
        line += text_of(element, "text");
      } else if (tag == "at") {
        auto key = text_of(element, "user_id");
        const Mention* m = find_mention(mentions, key);
        if (m && m->is_bot) continue;
        line += "@" + (m ? m->name : text_of(element, "user_name"));
      }
    }
    if (!out.empty()) out += '\n';
    out += trimmed(line);
  }
  return out;
}

}  // namespace

std::expected<ReceivedMessage, Error> parse_message_receive(const EventEnvelope& envelope, const BotIdentity& bot) {
  const json& message = object_at(envelope.event, "message");
  ReceivedMessage r;
  r.event_id = envelope.event_id;
  r.message_id = text_of(message, "message_id");
  r.chat_id = text_of(message, "chat_id");
  auto chat_type = text_of(message, "chat_type");
  if (r.message_id.empty() || r.chat_id.empty() || chat_type.empty()) return std::unexpected(Error::missing_field);
  r.chat_kind = chat_type == "p2p" ? ChatKind::direct : ChatKind::group;
  r.root_id = text_of(message, "root_id");
  r.parent_id = text_of(message, "parent_id");
  r.message_type = text_of(message, "message_type");
  r.create_time = text_of(message, "create_time");
  const json& sender = object_at(envelope.event, "sender");
  r.sender = person_id(object_at(sender, "sender_id"));
  r.sender_open_id = text_of(object_at(sender, "sender_id"), "open_id");
  r.sender_type = text_of(sender, "sender_type");

  auto mentions = mentions_of(message, bot);
  for (const auto& m : mentions) {
    if (m.is_bot) r.bot_mentioned = true;
    else if (!m.id.empty()) r.mentions.push_back(m.id);
  }
  if (r.message_type == "text" || r.message_type == "post") {
    auto content = json::parse(text_of(message, "content"), nullptr, false);  // a JSON string inside JSON
    if (content.is_discarded() || !content.is_object()) return std::unexpected(Error::malformed_json);
    r.text = r.message_type == "text" ? trimmed(resolve_placeholders(text_of(content, "text"), mentions))
                                      : trimmed(post_text(content, mentions));
  }
  return r;
}

Inbound to_inbound(const ReceivedMessage& message, std::string account, Time received_at) {
  Inbound in;
  in.platform = "feishu";
  in.account = std::move(account);
  in.message_id = message.message_id;
  if (message.chat_kind == ChatKind::group) in.chat_id = message.chat_id;
  in.sender = message.sender;
  in.text = message.text;
  in.received_at = received_at;
  in.mentions = message.mentions;
  in.bot_mentioned = message.bot_mentioned;
  if (!message.parent_id.empty()) in.quote = message.parent_id;
  else if (!message.root_id.empty()) in.quote = message.root_id;
  in.reply_handle = message.message_id;
  return in;
}

}  // namespace gridbot::feishu
