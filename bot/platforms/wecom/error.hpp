// What can go wrong reading or writing WeCom's wire format. Every value is an expected failure
// (a forged, stale or garbled request, or an answer we cannot read), returned, never thrown.
#pragma once

#include <string_view>

namespace gridbot::wecom {

enum class Error {
  bad_aes_key,             // the EncodingAESKey is not 43 base64 characters decoding to 32 bytes
  malformed_timestamp,     // the timestamp parameter is not a number of seconds
  stale_timestamp,         // the timestamp is more than 300 s away from our clock
  bad_signature,           // msg_signature does not match sha1(sort(token, timestamp, nonce, encrypt))
  bad_base64,              // the ciphertext is not canonical base64 (or is truncated)
  bad_ciphertext_length,   // the ciphertext is not a whole number of AES blocks
  bad_padding,             // the 32-byte PKCS#7 padding is not intact
  bad_length_field,        // the message length inside the plaintext points past its end
  wrong_receiveid,         // the receiveid after the message is not the one this account expects
  malformed_xml,           // the body or the decrypted message is not the XML WeCom sends
  malformed_json,          // the body, the decrypted message or a frame is not the JSON WeCom sends
  missing_field,           // a field WeCom always sends is absent or has the wrong type
  invalid_utf8,            // a text we were asked to send is not valid UTF-8
  mention_in_markdown,     // a group robot's markdown cannot @ anyone; only text can
  crypto_failure,          // OpenSSL failed where it never should (out of memory, a broken build)
};

// A sentence for the log or an admin: what was wrong, never the secret or the payload.
std::string_view describe(Error error);

// The code WeCom's own libraries (WXBizMsgCrypt) use for the same failure, for logs that operators
// compare with WeCom's documentation; 0 where WeCom has none (our own timestamp rule).
int official_code(Error error);

}  // namespace gridbot::wecom
