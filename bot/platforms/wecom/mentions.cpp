#include "bot/platforms/wecom/mentions.hpp"

#include <array>

namespace gridbot::wecom {

namespace {

// The spaces that end a mention, as UTF-8.
constexpr std::array<std::string_view, 7> kSpaces{" ", "\t", "\n", "\r", "\u00a0", "\u2005", "\u3000"};

std::size_t space_at(std::string_view s, std::size_t i) {
  for (auto sp : kSpaces)
    if (s.substr(i, sp.size()) == sp) return sp.size();
  return 0;
}

// What may follow a typed mention with no space: ， , ： :
constexpr std::array<std::string_view, 4> kAfterMention{"\uff0c", ",", "\uff1a", ":"};

std::size_t punctuation_at(std::string_view s) {
  for (auto p : kAfterMention)
    if (s.starts_with(p)) return p.size();
  return 0;
}

std::string_view trim_spaces(std::string_view s) {
  for (std::size_t n; !s.empty() && (n = space_at(s, 0)) > 0;) s.remove_prefix(n);
  bool trimmed = true;
  while (trimmed && !s.empty()) {
    trimmed = false;
    for (auto sp : kSpaces)
      if (s.ends_with(sp)) {
        s.remove_suffix(sp.size());
        trimmed = true;
        break;
      }
  }
  return s;
}

}  // namespace

MentionSplit split_mentions(std::string_view content, std::string_view bot_name, bool leading_is_bot) {
  MentionSplit out;
  std::string kept;
  std::size_t i = 0;
  bool at_token_start = true;
  bool first_mention = true;
  std::size_t first_text = trim_spaces(content).data() - content.data();
  while (i < content.size()) {
    if (std::size_t sp = space_at(content, i)) {
      kept.append(content.substr(i, sp));
      i += sp;
      at_token_start = true;
      continue;
    }
    if (!at_token_start || content[i] != '@') {
      kept += content[i++];
      at_token_start = false;
      continue;
    }
    std::size_t end = i + 1;
    while (end < content.size() && space_at(content, end) == 0) ++end;
    std::string_view name = content.substr(i + 1, end - i - 1);
    // A typed mention may run into the text ("@小助手，电梯坏了"): the configured name is matched as
    // a prefix when a comma or colon follows it, and that goes with it.
    if (!bot_name.empty() && name.size() > bot_name.size() && name.starts_with(bot_name)) {
      if (std::size_t punct = punctuation_at(name.substr(bot_name.size()))) {
        out.bot_mentioned = true;
        first_mention = false;
        i += 1 + bot_name.size() + punct;
        continue;
      }
    }
    bool is_bot = bot_name.empty() ? (leading_is_bot && first_mention && i == first_text) : name == bot_name;
    first_mention = false;
    if (is_bot && !name.empty()) {
      out.bot_mentioned = true;
      i = end + space_at(content, end);  // the space after the mention goes with it
      continue;
    }
    if (!name.empty()) out.others.emplace_back(name);
    kept.append(content.substr(i, end - i));
    i = end;
    at_token_start = false;
  }
  out.text = std::string(trim_spaces(kept));
  return out;
}

}  // namespace gridbot::wecom
