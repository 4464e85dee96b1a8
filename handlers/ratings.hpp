// 评价反馈: after 办结 the resident rates 满意 / 基本满意 / 不满意 (or 1/2/3); 不满意 reopens the
// ticket to the grid head for a revisit (回访); silence becomes 未评价, never "satisfied".
#pragma once

#include <optional>
#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/rating_words.hpp"

namespace gridbot {

// Asks the reporter to rate and starts the rating timeout (part of resolving a ticket).
void ask_for_rating(Actions& out, const Ticket& t, const Context& ctx);
// Records the rating and its reason; 不满意 reopens the ticket to the grid head, and the ticket
// then waits for a new rating after the revisit.
Actions record_rating(Ticket t, const RatingAnswer& answer, const Context& ctx);
// True while a reopened ticket waits for the grid head's claim: nobody else takes the revisit.
bool awaiting_revisit_claim(const Ticket& t, const Context& ctx);
Actions rating_timed_out(const Ticket& t, const Context& ctx);

}  // namespace gridbot
