#include "tests/support/fake_wecom/callbacks.hpp"

#include <cctype>
#include <stdexcept>

#include "bot/platforms/wecom/outgoing.hpp"

namespace gridbot::testing::fake_wecom {

namespace {

using nlohmann::json;

// A test's own keys being wrong is the test's bug: thrown, so it fails loudly.
wecom::SealedReply seal(const CallbackSigner& signer, std::string_view plaintext, std::int64_t timestamp,
                        std::string_view nonce) {
  auto keys = wecom::make_callback_keys(signer.token, signer.encoding_aes_key, signer.receiveid);
  if (!keys) throw std::invalid_argument("fake_wecom: bad callback keys: " + std::string(wecom::describe(keys.error())));
  auto random = wecom::fresh_random16();
  if (!random) throw std::runtime_error("fake_wecom: no random bytes");
  auto sealed = wecom::seal_reply(*keys, plaintext, std::to_string(timestamp), std::string(nonce), *random);
  if (!sealed) throw std::runtime_error("fake_wecom: cannot seal: " + std::string(wecom::describe(sealed.error())));
  return *sealed;
}

SignedCallback signed_target(std::string_view path, const wecom::SealedReply& sealed) {
  SignedCallback out;
  out.query = {sealed.msg_signature, sealed.timestamp, sealed.nonce, ""};
  out.target = std::string(path) + "?msg_signature=" + percent_encode(sealed.msg_signature) +
               "&timestamp=" + percent_encode(sealed.timestamp) + "&nonce=" + percent_encode(sealed.nonce);
  return out;
}

// CDATA cannot hold "]]>": split it across two sections, as XML writers do.
std::string cdata(std::string_view value) {
  std::string out = "<![CDATA[";
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.substr(i, 3) == "]]>") {
      out += "]]]]><![CDATA[>";
      i += 2;
    } else {
      out += value[i];
    }
  }
  return out + "]]>";
}

}  // namespace

std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

SignedCallback aibot_callback(const CallbackSigner& signer, std::string_view path, std::string_view plaintext_json,
                              std::int64_t timestamp, std::string_view nonce) {
  const auto sealed = seal(signer, plaintext_json, timestamp, nonce);
  SignedCallback out = signed_target(path, sealed);
  out.body = json{{"encrypt", sealed.encrypt}}.dump();
  return out;
}

SignedCallback app_callback(const CallbackSigner& signer, std::string_view path, std::string_view plaintext_xml,
                            std::int64_t agent_id, std::int64_t timestamp, std::string_view nonce) {
  const auto sealed = seal(signer, plaintext_xml, timestamp, nonce);
  SignedCallback out = signed_target(path, sealed);
  out.body = "<xml><ToUserName>" + cdata(signer.receiveid) + "</ToUserName><Encrypt>" + cdata(sealed.encrypt) +
             "</Encrypt><AgentID>" + cdata(std::to_string(agent_id)) + "</AgentID></xml>";
  return out;
}

SignedCallback url_verification(const CallbackSigner& signer, std::string_view path, std::string_view echo,
                                std::int64_t timestamp, std::string_view nonce) {
  const auto sealed = seal(signer, echo, timestamp, nonce);
  SignedCallback out = signed_target(path, sealed);
  out.query.echostr = sealed.encrypt;
  out.target += "&echostr=" + percent_encode(sealed.encrypt);
  return out;
}

json aibot_text_message(const AibotText& m) {
  const std::string content = m.mention_bot ? "@" + m.bot_name + " " + m.text : m.text;
  json body{{"msgid", m.msgid},           {"aibotid", m.aibotid}, {"chattype", m.chatid.empty() ? "single" : "group"},
            {"from", {{"userid", m.from}}}, {"msgtype", "text"},    {"text", {{"content", content}}}};
  if (!m.chatid.empty()) body["chatid"] = m.chatid;
  if (!m.response_url.empty()) body["response_url"] = m.response_url;
  if (m.quote_text) body["quote"] = {{"msgtype", "text"}, {"text", {{"content", *m.quote_text}}}};
  return body;
}

json aibot_event_message(const AibotEvent& e) {
  json body{{"msgid", e.msgid},
            {"create_time", e.create_time},
            {"aibotid", e.aibotid},
            {"chattype", e.chatid.empty() ? "single" : "group"},
            {"from", {{"userid", e.from}}},
            {"msgtype", "event"},
            {"event", {{"eventtype", e.eventtype}}}};
  if (!e.chatid.empty()) body["chatid"] = e.chatid;
  if (e.eventtype == "template_card_event")
    body["event"]["template_card_event"] = {{"card_type", "button_interaction"}, {"event_key", e.event_key},
                                            {"task_id", e.task_id}};
  return body;
}

std::string aibot_text_json(const AibotText& m) { return wecom::dump_raw_utf8(aibot_text_message(m)); }

std::string app_text_xml(const AppText& m) {
  return "<xml><ToUserName>" + cdata(m.to_user) + "</ToUserName><FromUserName>" + cdata(m.from) +
         "</FromUserName><CreateTime>" + std::to_string(m.create_time) + "</CreateTime><MsgType>" + cdata("text") +
         "</MsgType><Content>" + cdata(m.content) + "</Content><MsgId>" + m.msgid + "</MsgId><AgentID>" +
         std::to_string(m.agent_id) + "</AgentID></xml>";
}

}  // namespace gridbot::testing::fake_wecom
