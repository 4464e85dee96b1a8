// The official WeCom test vectors of PROTOCOLS.md §1.3, in one place for every test.
#pragma once

#include <string>
#include <string_view>

#include "bot/platforms/wecom/callback.hpp"
#include "bot/platforms/wecom/crypto.hpp"

namespace gridbot::wecom::vectors {

// A: sbzhu/weworkapi_python callback/Sample.py
inline constexpr std::string_view a_token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
inline constexpr std::string_view a_key = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
inline constexpr std::string_view a_corpid = "ww1436e0e65a779aee";
// B: workweixin/weworkapi_cplusplus Sample.cpp
inline constexpr std::string_view b_token = "QDG6eK";
inline constexpr std::string_view b_key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
inline constexpr std::string_view b_corpid = "wx5823bf96d3bd56c7";

inline constexpr std::string_view a2_encrypt =
    "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";
inline constexpr std::string_view a2_plain =
    "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>";
inline constexpr std::string_view b2_encrypt =
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
inline constexpr std::string_view b2_plain =
    "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>";

// Generated with @wecom/crypto 1.0.1: key/token/corpid of A, ts 1700000000, nonce 1234567890.
inline constexpr std::string_view gen_ts = "1700000000";
inline constexpr std::string_view gen_nonce = "1234567890";
inline constexpr std::string_view hello_encrypt =
    "scEag1243Fmy/fYz4Ux8D+T8RrUf3OmJ8hjt6R0cWhNJXZvXKOL3Lb4kGoRiAPlzBqx/aDbIpSPf33lwSX+xPw==";
inline constexpr std::string_view empty_encrypt =
    "scEag1243Fmy/fYz4Ux8D9kxYQq1Jy8V7j9UMTYfofNHd/X1kEixM4X/eFiZchMfgAvAiCGfSgZFSvVJkqmNzA==";
inline constexpr std::string_view echostr_encrypt =
    "nO73TgapHYuqXuswhq+wM++8U5aT6jpaKV+mAPVLADeTb+DwPQPlAmdMApmRWBhpt7xAmJKY2HQmSmFZsjQRiQ==";

inline Random16 ascii_random(std::string_view sixteen) {
  Random16 r{};
  for (std::size_t i = 0; i < r.size(); ++i) r[i] = static_cast<unsigned char>(sixteen[i]);
  return r;
}

inline Time at(std::string_view ts) { return Time(Seconds(std::stoll(std::string(ts)))); }

inline CallbackKeys keys_a(std::string receiveid = std::string(a_corpid)) {
  return make_callback_keys(std::string(a_token), a_key, std::move(receiveid)).value();
}
inline CallbackKeys keys_b() { return make_callback_keys(std::string(b_token), b_key, std::string(b_corpid)).value(); }

}  // namespace gridbot::wecom::vectors
