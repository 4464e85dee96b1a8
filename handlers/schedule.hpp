// The timers of a ticket's time limits: a reminder at a fraction of each deadline, then the
// deadline itself. Each limit is one timer row that walks its two steps (a "reminder" step that
// re-arms itself for the deadline when it fires): a new ticket writes two timer rows, not four,
// and claiming cancels one. Each carries the ladder level it was set for, so a timer left over
// from before an escalation recognises itself as stale.
#pragma once

#include <string>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot::timer_kind {
// Payload {"level":N,"step":"reminder"} while the reminder is ahead, {"level":N} for the deadline.
// (Databases from before migration 15 had one kind per step; it converts their pending rows.)
inline constexpr const char* claim_limit = "claim_limit";
inline constexpr const char* resolve_limit = "resolve_limit";
inline constexpr const char* report_in_deadline = "report_in_deadline";
inline constexpr const char* rating_timeout = "rating_timeout";
inline constexpr const char* calendar_check = "calendar_check";  // not a ticket's: ticket 0, weekly
}  // namespace gridbot::timer_kind

namespace gridbot {

// When a claim limit starts: when the notice reaches the member, at the end of quiet hours for a
// non-urgent ticket (a report at 23:00 is not overdue by morning); urgent ones break quiet hours.
Time claim_clock_start(bool urgent, const Context& ctx);
// The claim limit to t.claim_due_at, first at its reminder; the reminder counts from the claim
// clock's start.
void schedule_claim(Actions& out, const Ticket& t, const Context& ctx);
// Cancels the claim limit (a claim or a hand-over).
void stop_claim(Actions& out, const Ticket& t);
// The resolve limit to t.resolve_due_at, first at its reminder, `remaining` of a `full` limit being left
// (they differ after a resume). The reminder falls when `reminder_at` of the full limit is used.
void schedule_resolve(Actions& out, const Ticket& t, Seconds remaining, Seconds full, const Context& ctx);
// Cancels the claim and resolve timers (not whistle or rating timers).
void stop_deadlines(Actions& out, const Ticket& t);

std::string level_payload(int level);
std::string reminder_payload(int level);
int payload_level(const std::string& payload);
bool payload_is_reminder(const std::string& payload);
std::string payload_text(const std::string& payload, const char* key);

}  // namespace gridbot
