#include "handlers/message_reading.hpp"

#include <algorithm>

#include "handlers/resident_followups.hpp"
#include "handlers/resident_status.hpp"
#include "handlers/sensitive_topics.hpp"
#include "handlers/text_tools.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot {

namespace {

bool is_score(std::string_view raw) {
  // No character but 分 itself becomes 分 under normalize_text (NFKC, the script conversion and
  // the typo fixes leave it alone and make it of nothing else): without it, no score, and the
  // normalizer need not run on the stripped text (a second pass over every message).
  if (raw.find("分") == std::string_view::npos) return false;
  const std::u32string text = understand::normalize_text(strip_punctuation(raw));
  return text.size() >= 2 && text.size() <= 3 && text.back() == U'分' &&
         std::all_of(text.begin(), text.end() - 1, [](char32_t c) { return c >= U'0' && c <= U'9'; });
}

// "好的，我一三九…随时在", "行 我明早在家": an answer that opens by agreeing and then says more.
bool agrees_and_adds(std::string_view raw) {
  const std::string text = strip_punctuation(understand::encode_utf8(understand::normalize_text(raw)));
  for (std::string_view ack : {"好的", "好", "嗯嗯", "嗯", "行", "收到", "可以", "没问题", "ok", "OK"})
    if (text.starts_with(ack)) {
      std::string_view rest = std::string_view(text).substr(ack.size());
      for (std::string_view thanks : {"谢谢你们", "谢谢", "辛苦了", "麻烦了", "好的"})
        if (rest.starts_with(thanks)) rest.remove_prefix(thanks.size());
      return !rest.empty();
    }
  return false;
}

}  // namespace

MessageReading read_message(std::string_view text) {
  MessageReading r;
  r.rating = parse_rating_answer(text);
  r.score = !r.rating && is_score(text);
  if (auto query = parse_resident_query(text)) {
    r.resident_query = true;
    r.query_number = query->number;
  }
  r.command = parse_staff_command(text);
  r.cancel = is_cancel_request(text);
  r.chase = is_explicit_chase(text);
  r.asking = is_status_question(text);
  r.agrees_and_adds = agrees_and_adds(text);
  r.bare_rating = is_bare_rating(text, r.rating);
  r.sensitive_matter = is_sensitive_matter(text);
  return r;
}

}  // namespace gridbot
