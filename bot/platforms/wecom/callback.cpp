#include "bot/platforms/wecom/callback.hpp"

#include <charconv>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "bot/platforms/wecom/flat_xml.hpp"

namespace gridbot::wecom {

namespace {

std::expected<void, Error> check_timestamp(std::string_view timestamp, Time now) {
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
  if (timestamp.empty() || ec != std::errc() || end != timestamp.data() + timestamp.size())
    return std::unexpected(Error::malformed_timestamp);
  auto skew = now.time_since_epoch().count() - seconds;
  if (skew > kTimestampWindow.count() || skew < -kTimestampWindow.count())
    return std::unexpected(Error::stale_timestamp);
  return {};
}

// The order matters: the cheap timestamp check first, then the signature, and only a signed
// ciphertext is ever decrypted.
std::expected<std::string, Error> open_signed(const CallbackKeys& keys, const CallbackQuery& query,
                                              std::string_view encrypt, Time now) {
  if (auto fresh = check_timestamp(query.timestamp, now); !fresh) return std::unexpected(fresh.error());
  auto ours = msg_signature(keys.token, query.timestamp, query.nonce, encrypt);
  if (!signatures_equal(ours, query.msg_signature)) return std::unexpected(Error::bad_signature);
  return decrypt_message(keys.aes_key, encrypt, keys.receiveid);
}

std::expected<std::string, Error> encrypt_field_of_json(std::string_view body) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::unexpected(Error::malformed_json);
  // 企微不同场景下字段名不一致: the official plugin reads both spellings.
  for (const char* name : {"encrypt", "Encrypt"}) {
    auto it = doc.find(name);
    if (it != doc.end()) {
      if (!it->is_string()) return std::unexpected(Error::missing_field);
      return it->get<std::string>();
    }
  }
  return std::unexpected(Error::missing_field);
}

std::expected<std::string, Error> encrypt_field_of_xml(std::string_view body) {
  auto fields = parse_flat_xml(body);
  if (!fields) return std::unexpected(fields.error());
  auto it = fields->find("Encrypt");
  if (it == fields->end()) return std::unexpected(Error::missing_field);
  return it->second;
}

bool looks_like_json(std::string_view body) {
  auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body[first] == '{';
}

}  // namespace

std::expected<CallbackKeys, Error> make_callback_keys(std::string token, std::string_view encoding_aes_key,
                                                      std::string receiveid) {
  auto key = parse_encoding_aes_key(encoding_aes_key);
  if (!key) return std::unexpected(key.error());
  return CallbackKeys{std::move(token), *key, std::move(receiveid)};
}

std::expected<std::string, Error> verify_url(const CallbackKeys& keys, const CallbackQuery& query, Time now) {
  return open_signed(keys, query, query.echostr, now);
}

std::expected<std::string, Error> open_app_callback(const CallbackKeys& keys, const CallbackQuery& query,
                                                    std::string_view body, Time now) {
  auto encrypt = looks_like_json(body) ? encrypt_field_of_json(body) : encrypt_field_of_xml(body);
  if (!encrypt) return std::unexpected(encrypt.error());
  return open_signed(keys, query, *encrypt, now);
}

std::expected<std::string, Error> open_aibot_callback(const CallbackKeys& keys, const CallbackQuery& query,
                                                      std::string_view body, Time now) {
  auto encrypt = encrypt_field_of_json(body);
  if (!encrypt) return std::unexpected(encrypt.error());
  return open_signed(keys, query, *encrypt, now);
}

std::expected<SealedReply, Error> seal_reply(const CallbackKeys& keys, std::string_view plaintext,
                                             std::string timestamp, std::string nonce, const Random16& random) {
  auto encrypt = encrypt_message(keys.aes_key, plaintext, keys.receiveid, random);
  if (!encrypt) return std::unexpected(encrypt.error());
  auto signature = msg_signature(keys.token, timestamp, nonce, *encrypt);
  return SealedReply{std::move(*encrypt), std::move(signature), std::move(timestamp), std::move(nonce)};
}

std::string reply_xml(const SealedReply& reply) {
  // base64, hex and the digits we generate hold no "]]>", so CDATA needs no escaping here.
  return "<xml>\n<Encrypt><![CDATA[" + reply.encrypt + "]]></Encrypt>\n<MsgSignature><![CDATA[" +
         reply.msg_signature + "]]></MsgSignature>\n<TimeStamp>" + reply.timestamp +
         "</TimeStamp>\n<Nonce><![CDATA[" + reply.nonce + "]]></Nonce>\n</xml>";
}

std::string reply_json(const SealedReply& reply) {
  return nlohmann::json{{"encrypt", reply.encrypt},
                        {"msgsignature", reply.msg_signature},
                        {"timestamp", reply.timestamp},
                        {"nonce", reply.nonce}}
      .dump();
}

}  // namespace gridbot::wecom
