#include "bot/platforms/dingtalk/error.hpp"

namespace gridbot::dingtalk {

std::string_view describe(Error error) {
  switch (error) {
    case Error::missing_signature: return "the request has no timestamp or sign header";
    case Error::malformed_timestamp: return "the timestamp header is not a whole number of milliseconds";
    case Error::stale_timestamp: return "the timestamp is more than one hour away from this server's clock";
    case Error::bad_signature: return "sign does not match the timestamp and the robot's AppSecret";
    case Error::malformed_json: return "the JSON is not well formed or not an object";
    case Error::missing_field: return "a field DingTalk always sends is missing or has the wrong type";
    case Error::unknown_conversation: return "conversationType is neither \"1\" (single chat) nor \"2\" (group)";
    case Error::invalid_utf8: return "the text is not valid UTF-8";
    case Error::crypto_failure: return "OpenSSL failed unexpectedly";
  }
  return "unknown DingTalk codec error";
}

}  // namespace gridbot::dingtalk
