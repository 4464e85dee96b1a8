// A resident asking where their tickets stand, in the words they use: "#1003 现在怎么样了",
// "我报的电梯修好了吗", "进度", "我的工单", "查 1003". Asking is not chasing: only an explicit chase
// ("催一下", "怎么还没人来") counts as an urge.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

// "我的工单", "查询", "查 1003": the staff words as a resident types them. `number` is the ticket
// named, if any. None when the text is not such a query ("查水表的什么时候来" is not).
struct ResidentQuery {
  std::optional<std::int64_t> number;
};
std::optional<ResidentQuery> parse_resident_query(std::string_view text);

// "怎么样了", "进度", "修好了吗", without a chase word.
bool is_status_question(std::string_view text);
// "催", "怎么还没", "还没人来", "到底": the resident wants it pushed, not just to know.
bool is_explicit_chase(std::string_view text);

// The reporter, or one of its "+1" subscribers.
bool is_party_to(const Ticket& t, std::string_view person_id, const TicketReader& tickets);
// Whether a question names what the ticket is about: its category's name ("电梯") or a word of
// its report ("下水道" in "3号楼2单元下水道堵了"), not counting the words of asking and chasing.
bool mentions_subject_of(std::string_view question, const Ticket& t, const templates::Catalog& text);

// One ticket's state, owner and deadline, to the resident (in the group unless sensitive).
Actions answer_status(const MessageReceived& event, const Ticket& t, const Context& ctx);
// The resident's open tickets and those waiting for their rating, privately.
Actions list_resident_tickets(const MessageReceived& event, const std::vector<Ticket>& tickets, const Context& ctx);
// 我的工单 / 查 / 查 1003 from a resident: never a report.
Actions answer_resident_query(const MessageReceived& event, const ResidentQuery& query, const Context& ctx);

}  // namespace gridbot
