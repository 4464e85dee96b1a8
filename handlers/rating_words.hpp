// How residents answer the rating prompt (评价反馈): a rating word with a reason before or after it
// ("不满意，还是漏", "灯还是不亮，不满意", "3 没修好", "基本满意吧"), in either script, or an
// everyday verdict ("差评", "一般", "还是不行") while a rating is pending.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "handlers/ticket.hpp"

namespace gridbot {

struct RatingAnswer {
  Rating rating = Rating::none;
  std::string reason;  // what the resident wrote besides the verdict (normalized: simplified script); may be empty
  bool implicit = false;  // no verdict word, only "it is still broken" ("还是漏水", "又堵了"): see still_broken_fits
  bool everyday = false;  // an everyday word ("不行", "一般", "还行") that can be about anything else named
};

// The rating a message gives, if it reads as one. Only asked while one of the sender's tickets
// waits for a rating, so a verdict word is enough; a digit counts only standing alone or followed
// by a separator ("3 没修好", not "3号楼").
std::optional<RatingAnswer> parse_rating_answer(std::string_view text);

// Whether an implicit verdict can be about `t`: "又…" (again) must name a trouble of that ticket,
// since a new problem is also announced with 又 ("又停水了" after a drain was cleared).
bool still_broken_fits(std::string_view text, const Ticket& t);

// A rating and nothing else, in the words of the rating prompt ("差评", "不满意", "好评"): with no
// rating pending it is not a report of anything.
bool is_bare_rating(std::string_view text);
// The same, given what parse_rating_answer(text) answered (read_message has it already).
bool is_bare_rating(std::string_view text, const std::optional<RatingAnswer>& answer);

// The detail of a "rated" audit event: the rating's name, then the reason after a space.
std::string rating_detail(Rating rating, std::string_view reason);
RatingAnswer parse_rating_detail(std::string_view detail);

}  // namespace gridbot
