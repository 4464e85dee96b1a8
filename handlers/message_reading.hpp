// The word tests of a message's own text, read once. They depend on the text alone, not on any
// ticket, so the pipeline reads them on the HTTP thread beside understanding and the one writer
// thread only looks the answers up: a resident's message used to run each test there (some
// twice), about a fifth of the writer's instructions (README, Performance).
#pragma once

#include <optional>
#include <string_view>

#include "handlers/command_parser.hpp"
#include "handlers/rating_words.hpp"

namespace gridbot {

struct MessageReading {
  std::optional<RatingAnswer> rating;    // parse_rating_answer
  bool score = false;                    // "3分", "5分": a score on a scale nobody asked for
  bool resident_query = false;           // parse_resident_query: "我的工单", "查 1003"
  std::optional<std::int64_t> query_number;
  std::optional<StaffCommand> command;   // parse_staff_command
  bool cancel = false;                   // is_cancel_request
  bool chase = false;                    // is_explicit_chase
  bool asking = false;                   // is_status_question
  bool agrees_and_adds = false;          // "好的，我明早在家"
  bool bare_rating = false;              // is_bare_rating
  bool sensitive_matter = false;         // is_sensitive_matter: a report staff must not show in groups
};

MessageReading read_message(std::string_view text);

}  // namespace gridbot
