// WeCom's XML is flat: <xml><Name>value</Name>…</xml>, values often in CDATA. This reads it with
// pugixml into name → text. A document with a DOCTYPE is refused outright: WeCom never sends one,
// and refusing it means no entity declaration can ever be expanded (no XXE, no billion laughs).
#pragma once

#include <expected>
#include <map>
#include <string>
#include <string_view>

#include "bot/platforms/wecom/error.hpp"

namespace gridbot::wecom {

using FlatXml = std::map<std::string, std::string, std::less<>>;

// The root must be <xml>; each child element's text (CDATA or plain, the five predefined entities
// and character references decoded) under its name. Nested elements are not WeCom's and are skipped.
std::expected<FlatXml, Error> parse_flat_xml(std::string_view text);

}  // namespace gridbot::wecom
