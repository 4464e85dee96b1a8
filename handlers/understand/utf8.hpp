// UTF-8 decoding that never fails: resident messages arrive from four platforms and copy-paste,
// so malformed bytes are replaced (U+FFFD) rather than rejected.
#pragma once

#include <string>
#include <string_view>

namespace gridbot::understand {

// Decodes UTF-8, replacing every invalid or overlong sequence and surrogate by U+FFFD.
std::u32string decode_utf8(std::string_view bytes);

void append_utf8(std::string& out, char32_t cp);
std::string encode_utf8(std::u32string_view cps);

// Shorthand for encode_utf8(decode_utf8(bytes)).
std::string repair_utf8(std::string_view bytes);

}  // namespace gridbot::understand
