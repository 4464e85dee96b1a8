#include "bot/platforms/wecom/error.hpp"

namespace gridbot::wecom {

std::string_view describe(Error error) {
  switch (error) {
    case Error::bad_aes_key:
      return "the EncodingAESKey must be the 43 characters WeCom shows, decoding to a 32-byte AES key";
    case Error::malformed_timestamp: return "the timestamp is not a whole number of seconds";
    case Error::stale_timestamp: return "the timestamp is more than 300 seconds away from this server's clock";
    case Error::bad_signature: return "msg_signature does not match the token, timestamp, nonce and ciphertext";
    case Error::bad_base64: return "the ciphertext is not valid base64";
    case Error::bad_ciphertext_length: return "the ciphertext is not a whole number of 32-byte blocks";
    case Error::bad_padding: return "the decrypted message's padding is not intact (wrong key or damaged ciphertext)";
    case Error::bad_length_field: return "the decrypted message's length field points past its end";
    case Error::wrong_receiveid: return "the message was encrypted for another corp or bot (receiveid mismatch)";
    case Error::malformed_xml: return "the XML is not well formed, or holds a DOCTYPE, which WeCom never sends";
    case Error::malformed_json: return "the JSON is not well formed or not an object";
    case Error::missing_field: return "a field WeCom always sends is missing or has the wrong type";
    case Error::invalid_utf8: return "the text is not valid UTF-8";
    case Error::mention_in_markdown:
      return "a group robot's markdown message cannot @ anyone; send text to mention people";
    case Error::crypto_failure: return "OpenSSL failed unexpectedly";
  }
  return "unknown WeCom codec error";
}

int official_code(Error error) {
  switch (error) {
    case Error::bad_signature: return -40001;
    case Error::malformed_xml:
    case Error::malformed_json:
    case Error::missing_field: return -40002;
    case Error::bad_aes_key: return -40004;
    case Error::wrong_receiveid: return -40005;
    case Error::crypto_failure: return -40006;
    case Error::bad_ciphertext_length:
    case Error::bad_padding: return -40007;
    case Error::bad_length_field: return -40008;
    case Error::bad_base64: return -40010;
    case Error::malformed_timestamp:
    case Error::stale_timestamp:
    case Error::invalid_utf8:
    case Error::mention_in_markdown: return 0;
  }
  return 0;
}

}  // namespace gridbot::wecom
