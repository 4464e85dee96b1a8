// What can go wrong reading or writing DingTalk's wire format. Every value is an expected failure
// (a forged or stale callback, a garbled frame, an answer we cannot read), returned, never thrown.
#pragma once

#include <string_view>

namespace gridbot::dingtalk {

enum class Error {
  missing_signature,    // the `timestamp` or `sign` header is absent
  malformed_timestamp,  // the timestamp header is not a whole number of milliseconds
  stale_timestamp,      // the timestamp is more than an hour away from our clock
  bad_signature,        // sign does not match base64(HMAC-SHA256(appSecret, timestamp "\n" appSecret))
  malformed_json,       // the body, a frame or its data is not well-formed JSON of the right shape
  missing_field,        // a field DingTalk always sends is absent or has the wrong type
  unknown_conversation, // conversationType is neither "1" (single chat) nor "2" (group)
  invalid_utf8,         // a text we were asked to send is not valid UTF-8
  crypto_failure,       // OpenSSL failed where it never should
};

// A sentence for the log or an admin: what was wrong, never the secret or the payload.
std::string_view describe(Error error);

}  // namespace gridbot::dingtalk
