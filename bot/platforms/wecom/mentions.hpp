// @-mentions in WeCom text. An AI bot's content starts with "@BotName" (PROTOCOLS.md §0 item 8), and
// WeCom gives names, not ids, for the others. Only the bot's own mention is removed: the others
// are kept in the text, where they mean something to the reader, and listed apart.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gridbot::wecom {

struct MentionSplit {
  std::string text;                   // the bot's mention removed, surrounding space trimmed
  bool bot_mentioned = false;         // "@bot_name" was in the text
  std::vector<std::string> others;    // the other mentioned names, without '@', in order
};

// A mention is '@' at the start or after a space (ASCII, U+00A0, U+2005 which WeCom and WeChat put
// after a mention, U+3000), up to the next space; "@bot_name" followed at once by a comma or colon
// (typed, not picked) is the bot's too. `bot_name` is the bot's display name; when it is
// not configured (empty) and `leading_is_bot`, a mention that opens the text is taken to be the
// bot's, as WeCom writes it, and the fallback is wrong only when a person @s someone else first.
MentionSplit split_mentions(std::string_view content, std::string_view bot_name, bool leading_is_bot);

}  // namespace gridbot::wecom
