#include "handlers/whistle.hpp"

#include <nlohmann/json.hpp>

#include "handlers/messages.hpp"
#include "handlers/routing.hpp"
#include "handlers/schedule.hpp"
#include "handlers/staff_request.hpp"
#include "handlers/text_tools.hpp"

namespace gridbot {

namespace {

// "和平派出所 物业、城管" → the names, split on spaces and Chinese list separators.
std::vector<std::string> split_names(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < s.size();) {
    bool separator = false;
    for (std::string_view sep : {" ", "、", "，", ",", "；", "\u3000"})
      if (s.substr(i).starts_with(sep)) {
        i += sep.size();
        separator = true;
        break;
      }
    if (separator) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += s[i++];
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

}  // namespace

Actions whistle_departments(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (!t.open()) return wrong_state(r, t, ctx);
  const auto names = split_names(r.command.rest);
  if (names.empty())
    return answer_only(r, ctx.text.render("whistle.no_department", {{"number", t.number}, {"departments", department_list(ctx.org, ctx.text.render("list.separator"))}}));
  std::vector<const Department*> departments;
  for (const auto& name : names) {
    const Department* d = find_department(ctx.org, name);
    if (!d) return answer_only(r, ctx.text.render("whistle.unknown_department", {{"name", name}, {"departments", department_list(ctx.org, ctx.text.render("list.separator"))}}));
    departments.push_back(d);
  }

  Actions out;
  const Time due = ctx.now + ctx.policy.report_in;
  bool has_lead = false;
  for (const auto& s : t.summons) has_lead = has_lead || s.lead;
  std::string summoned;
  for (const Department* d : departments) {
    if (t.summons_of(d->id)) continue;  // already summoned: its deadline stands
    const bool lead = !has_lead;
    has_lead = true;
    t.summons.push_back(Summons{d->id, lead, Summons::Status::summoned, due});
    summoned += (summoned.empty() ? "" : ctx.text.render("list.separator")) + d->name;
    out.push_back(ScheduleTimer{timer_kind::report_in_deadline, t.number, due, nlohmann::json{{"department", d->id}}.dump()});
    for (const Member* liaison : liaisons_of(ctx.org, d->id))
      // A whistle is urgent by nature: the liaison hears it at once, quiet hours or not.
      notify_member(out, liaison, t,
                    ctx.text.render("whistle.liaison", {{"number", t.number},
                                                        {"from", r.member.name},
                                                        {"department", d->name},
                                                        {"lead", yes_no(lead)},
                                                        {"category", category_name(t.category, ctx.text)},
                                                        {"place", describe_place(t, ctx.text)},
                                                        {"text", t.text},
                                                        {"deadline", due}}),
                    ctx, true);
  }
  t.updated_at = ctx.now;
  out.insert(out.begin(), {SaveTicket{t}, RecordEvent{t.number, "whistled", r.member.id, summoned, ctx.now}});
  out.push_back(r.answer(ctx.text.render("whistle.done_staff", {{"number", t.number}, {"departments", summoned.empty() ? names.front() : summoned}, {"deadline", due}}),
                         t.number));
  return out;
}

Actions report_in(const StaffRequest& r, Ticket t, const Context& ctx) {
  if (!r.member.has_role(Role::liaison) || r.member.department.empty()) return answer_only(r, ctx.text.render("staff.liaison_only"));
  Summons* s = t.summons_of(r.member.department);
  if (!s) return answer_only(r, ctx.text.render("report_in.not_summoned", {{"number", t.number}}));
  const std::string department = department_name(ctx.org, r.member.department);
  if (s->status != Summons::Status::reported) {
    s->status = Summons::Status::reported;
    t.updated_at = ctx.now;
  }
  Actions out{SaveTicket{t}, RecordEvent{t.number, "reported_in", r.member.id, r.member.department, ctx.now}};
  const std::string& responsible = t.responsible();
  notify_member(out, ctx.org.member(responsible), t,
                ctx.text.render("report_in.owner", {{"number", t.number}, {"department", department}, {"member", r.member.name}}), ctx);
  out.push_back(r.answer(ctx.text.render("report_in.done_liaison", {{"number", t.number}, {"department", department}}), t.number));
  return out;
}

Actions report_in_overdue(const Ticket& ticket, std::string_view department, const Context& ctx) {
  Ticket t = ticket;
  Summons* s = t.summons_of(department);
  if (!t.open() || !s || s->status != Summons::Status::summoned) return {};
  s->status = Summons::Status::escalated;
  t.updated_at = ctx.now;
  const std::string name = department_name(ctx.org, department);
  Actions out{SaveTicket{t}, RecordEvent{t.number, "report_in_overdue", "system", std::string(department), ctx.now}};
  notify_member(out, rung_member(ctx.org, t, top_rung), t,
                ctx.text.render("report_in.overdue_street", {{"number", t.number}, {"department", name}, {"text", t.text}}), ctx, true);
  const std::string& responsible = t.responsible();
  notify_member(out, ctx.org.member(responsible), t,
                ctx.text.render("report_in.overdue_owner", {{"number", t.number}, {"department", name}}), ctx);
  return out;
}

}  // namespace gridbot
