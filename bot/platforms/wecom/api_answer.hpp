// What a WeCom API answer means for the outbox (PROTOCOLS.md §1.6, path/90313): sent, try again
// later, fetch a new access token and try once more, or give up and show an admin why. WeCom
// answers HTTP 200 with an errcode in the body; branch on the errcode, never on errmsg.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "handlers/time.hpp"

namespace gridbot::wecom {

struct ApiAnswer {
  enum class Kind { ok, retry, token_expired, permanent } kind = Kind::ok;
  int errcode = 0;
  std::string errmsg;                     // WeCom's own words, kept for the dead-letter view
  std::string advice;                     // retry and permanent: a sentence an admin can act on
  Seconds retry_after{};                  // retry: how long WeCom's block lasts, when known
  std::vector<std::string> invalid_users; // message/send: recipients WeCom refused (the rest were sent)
};

// `http_status` of the response and its body. A body that is not WeCom's JSON (a proxy's error
// page, a cut connection) is retried: it says nothing about the message.
ApiAnswer classify_api_answer(int http_status, std::string_view body);

}  // namespace gridbot::wecom
