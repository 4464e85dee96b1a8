#include "bot/platforms/feishu/error.hpp"

namespace gridbot::feishu {

std::string_view describe(Error error) {
  switch (error) {
    case Error::missing_signature:
      return "an Encrypt Key is configured but the request lacks X-Lark-Signature, -Request-Timestamp or -Nonce";
    case Error::bad_signature: return "X-Lark-Signature does not match the timestamp, nonce, Encrypt Key and body";
    case Error::bad_base64: return "the encrypt field is not valid base64";
    case Error::bad_ciphertext_length: return "the ciphertext is not an IV followed by whole 16-byte blocks";
    case Error::bad_padding: return "the decrypted event's padding is not intact (wrong Encrypt Key or damaged data)";
    case Error::no_encrypt_key: return "the body is encrypted but no Encrypt Key is configured for this app";
    case Error::not_encrypted: return "an Encrypt Key is configured but the body is not encrypted";
    case Error::wrong_token: return "the verification token is not this app's Verification Token";
    case Error::malformed_json: return "the JSON is not well formed or not an object";
    case Error::missing_field: return "a field Feishu always sends is missing or has the wrong type";
    case Error::malformed_frame: return "the long-connection frame is not a valid pbbp2.Frame";
    case Error::invalid_id: return "an id to mention is empty or holds characters no Feishu id has";
    case Error::invalid_utf8: return "the text is not valid UTF-8";
    case Error::crypto_failure: return "OpenSSL failed unexpectedly";
  }
  return "unknown Feishu codec error";
}

}  // namespace gridbot::feishu
