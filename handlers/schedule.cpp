#include "handlers/schedule.hpp"

#include <nlohmann/json.hpp>

namespace gridbot {

std::string level_payload(int level) { return nlohmann::json{{"level", level}}.dump(); }

std::string reminder_payload(int level) { return nlohmann::json{{"level", level}, {"step", "reminder"}}.dump(); }

int payload_level(const std::string& payload) {
  auto j = nlohmann::json::parse(payload, nullptr, false);
  return j.is_object() ? j.value("level", 0) : 0;
}

bool payload_is_reminder(const std::string& payload) { return payload_text(payload, "step") == "reminder"; }

std::string payload_text(const std::string& payload, const char* key) {
  auto j = nlohmann::json::parse(payload, nullptr, false);
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

Time claim_clock_start(bool urgent, const Context& ctx) {
  return urgent ? ctx.now : ctx.policy.calendar.after_quiet_hours(ctx.now);
}

void schedule_claim(Actions& out, const Ticket& t, const Context& ctx) {
  const Time from = std::min(claim_clock_start(t.urgent, ctx), t.claim_due_at);
  const Seconds left = std::chrono::duration_cast<Seconds>(t.claim_due_at - from);
  const auto remind_after = Seconds(static_cast<std::int64_t>(left.count() * ctx.policy.reminder_at));
  if (remind_after.count() > 0)
    out.push_back(ScheduleTimer{timer_kind::claim_limit, t.number, from + remind_after, reminder_payload(t.escalation_level)});
  else
    out.push_back(ScheduleTimer{timer_kind::claim_limit, t.number, t.claim_due_at, level_payload(t.escalation_level)});
}

void stop_claim(Actions& out, const Ticket& t) { out.push_back(CancelTimers{t.number, timer_kind::claim_limit}); }

void schedule_resolve(Actions& out, const Ticket& t, Seconds remaining, Seconds full, const Context& ctx) {
  // Remind when the used part of the full limit reaches the fraction: what is left then is
  // (1 - fraction) × full.
  const auto left_at_reminder = Seconds(static_cast<std::int64_t>(full.count() * (1.0 - ctx.policy.reminder_at)));
  const Seconds until_reminder = remaining - left_at_reminder;
  if (until_reminder.count() > 0)
    out.push_back(ScheduleTimer{timer_kind::resolve_limit, t.number, ctx.policy.deadline_after(ctx.now, until_reminder, t.urgent),
                                reminder_payload(t.escalation_level)});
  else
    out.push_back(ScheduleTimer{timer_kind::resolve_limit, t.number, t.resolve_due_at, level_payload(t.escalation_level)});
}

void stop_deadlines(Actions& out, const Ticket& t) {
  stop_claim(out, t);
  out.push_back(CancelTimers{t.number, timer_kind::resolve_limit});
}

}  // namespace gridbot
