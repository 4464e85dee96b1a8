// 评价反馈: after 办结 the resident rates 满意 / 基本满意 / 不满意 (or 1/2/3); 不满意 reopens the
// ticket to the grid head for a revisit (回访); silence becomes 未评价, never "satisfied".
#pragma once

#include <optional>
#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

// The rating a message gives, if it is one ("满意", "基本满意", "不满意", "1", "2", "3").
std::optional<Rating> parse_rating(std::string_view text);

// Asks the reporter to rate and starts the rating timeout (part of resolving a ticket).
void ask_for_rating(Actions& out, const Ticket& t, const Context& ctx);
Actions record_rating(Ticket t, Rating rating, const Context& ctx);
Actions rating_timed_out(const Ticket& t, const Context& ctx);

}  // namespace gridbot
