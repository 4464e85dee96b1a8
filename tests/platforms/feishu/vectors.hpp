// PROTOCOLS.md §2's Feishu vectors in one place, and a receive_v1 event to build requests from.
#pragma once

#include <string>
#include <string_view>

#include "bot/platforms/feishu/crypto.hpp"

namespace gridbot::feishu::vectors {

inline constexpr std::string_view test_key = "test key";
inline constexpr std::string_view test_key_sha256 = "fa2bdca424f01f01ffb48df93acc35d439c7fd331a1a7fba6ac2fd83aa9ab31a";
// The official example: AESCipher("test key").decrypt(…) == "hello world".
inline constexpr std::string_view hello_encrypt = "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=";
inline constexpr std::string_view hello_iv_hex = "3f7ef0f9564898d80f10ed5106127a46";
// The custom bot's sign (§2.2).
inline constexpr std::string_view bot_secret = "demo-secret";
inline constexpr std::string_view bot_timestamp = "1700000000";
inline constexpr std::string_view bot_sign = "mYHw2R2SOm8Rw/sne3lQdmz4sOfntKR+1P/8RKKTwmA=";
// §2.3.1: frames as the official SDK encodes them.
inline constexpr std::string_view ping_hex = "0800100018f681801020002a0c0a0474797065120470696e67";
inline constexpr std::string_view data_frame_hex =
    "0807100918f681801020012a0d0a047479706512056576656e742a110a0a6d6573736167655f696412036d2d312a080a0373756d"
    "1201312a080a037365711201302a0f0a0874726163655f69641203742d3142027b7d";
inline constexpr std::int32_t service_id = 33554678;

inline constexpr std::string_view token = "v-token-123";
inline constexpr std::string_view ts = "1700000000";
inline constexpr std::string_view nonce = "0123456789";

inline Iv16 counting_iv() {
  Iv16 iv{};
  for (std::size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<unsigned char>(i);
  return iv;
}

inline std::string hex(std::string_view bytes) {
  std::string out;
  for (unsigned char b : bytes) out += "0123456789abcdef"[b >> 4], out += "0123456789abcdef"[b & 15];
  return out;
}

inline std::string unhex(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) out += static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16));
  return out;
}

// An im.message.receive_v1 in a group: the bot (@_user_1) and 王网格员 (@_user_2) mentioned.
inline std::string receive_event(std::string_view event_token = token) {
  return R"({"schema":"2.0","header":{"event_id":"ev-5e3702a84e847582be8db7fb73283c02","event_type":"im.message.receive_v1",)"
         R"("create_time":"1700000000123","token":")" + std::string(event_token) +
         R"(","app_id":"cli_a1b2c3","tenant_key":"tk-1"},"event":{"sender":{"sender_id":{"union_id":"on_li",)"
         R"("user_id":"li0001","open_id":"ou_li"},"sender_type":"user","tenant_key":"tk-1"},"message":{)"
         R"("message_id":"om_msg1","root_id":"","parent_id":"","create_time":"1700000000000","chat_id":"oc_group1",)"
         R"("chat_type":"group","message_type":"text","content":"{\"text\":\"@_user_1 3号楼电梯坏了 @_user_2 请看看\"}",)"
         R"("mentions":[{"key":"@_user_1","id":{"union_id":"on_bot","user_id":"","open_id":"ou_bot"},"name":"网格助手",)"
         R"("tenant_key":"tk-1"},{"key":"@_user_2","id":{"union_id":"on_wang","user_id":"wang01","open_id":"ou_wang"},)"
         R"("name":"王网格员","tenant_key":"tk-1"}]}}})";
}

}  // namespace gridbot::feishu::vectors
