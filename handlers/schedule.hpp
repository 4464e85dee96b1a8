// The timers of a ticket's time limits: reminders at a fraction of each deadline and the deadlines
// themselves. Each carries the ladder level it was set for, so a timer left over from before an
// escalation recognises itself as stale.
#pragma once

#include <string>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot::timer_kind {
inline constexpr const char* claim_reminder = "claim_reminder";
inline constexpr const char* claim_deadline = "claim_deadline";
inline constexpr const char* resolve_reminder = "resolve_reminder";
inline constexpr const char* resolve_deadline = "resolve_deadline";
inline constexpr const char* report_in_deadline = "report_in_deadline";
inline constexpr const char* rating_timeout = "rating_timeout";
inline constexpr const char* calendar_check = "calendar_check";  // not a ticket's: ticket 0, weekly
}  // namespace gridbot::timer_kind

namespace gridbot {

// When a claim limit starts: when the notice reaches the member, at the end of quiet hours for a
// non-urgent ticket (a report at 23:00 is not overdue by morning); urgent ones break quiet hours.
Time claim_clock_start(bool urgent, const Context& ctx);
// Claim reminder and deadline, to t.claim_due_at; the reminder counts from the claim clock's start.
void schedule_claim(Actions& out, const Ticket& t, const Context& ctx);
// Resolve reminder and deadline for t.resolve_due_at, `remaining` of a `full` limit being left
// (they differ after a resume). The reminder falls when `reminder_at` of the full limit is used.
void schedule_resolve(Actions& out, const Ticket& t, Seconds remaining, Seconds full, const Context& ctx);
// Cancels the claim and resolve timers (not whistle or rating timers).
void stop_deadlines(Actions& out, const Ticket& t);

std::string level_payload(int level);
int payload_level(const std::string& payload);
std::string payload_text(const std::string& payload, const char* key);

}  // namespace gridbot
