#include "bot/notices_api_json.hpp"

#include "handlers/notices/notice_templates.hpp"

namespace gridbot {

using nlohmann::json;

namespace {

double rate(std::int64_t part, std::int64_t whole) {
  return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

json time_or_null(Time t) { return t == Time{} ? json(nullptr) : json(t.time_since_epoch().count()); }

std::int64_t people_asked(const NoticeProgress& p) {
  std::int64_t people = 0;
  for (const auto& g : p.grids) people += g.people;
  return people;
}

// An unknown person is a platform member the organization file does not list: id is their
// platform user id, name the (masked) name the platform shows.
json person_json(const Person& person) {
  const char* kind = person.kind == Person::Kind::member     ? "member"
                     : person.kind == Person::Kind::resident ? "resident"
                                                             : "platform_member";
  return {{"id", person.id}, {"name", person.name}, {"kind", kind}};
}

}  // namespace

json notice_summary_json(const Notice& n, const NoticeProgress& p, const Organization& org) {
  const Member* sender = org.member(n.sender);
  return {{"id", n.id},
          {"status", to_string(n.status)},
          {"sender", n.sender},
          {"sender_name", sender ? sender->name : n.sender},
          {"text", n.text},
          {"created_at", time_or_null(n.created_at)},
          {"send_at", time_or_null(n.send_at)},
          {"sent_at", time_or_null(n.sent_at)},
          {"groups", {{"targeted", p.targeted}, {"delivered", p.delivered}, {"failed", p.failed}, {"pending", p.pending}}},
          {"reached", p.reached},
          {"require_ack", n.require_ack},
          {"deadline", n.require_ack ? json(n.deadline.time_since_epoch().count()) : json(nullptr)},
          {"acknowledged", p.acknowledged},
          {"rate", rate(p.acknowledged, people_asked(p))}};
}

json notice_report_json(const Notice& n, const NoticeProgress& p, const Organization& org) {
  json out = notice_summary_json(n, p, org);
  json grids = json::array(), failures = json::array();
  for (const auto& g : p.grids) {
    json missing = json::array();
    for (const auto& group : g.missing) {
      json people = json::array();
      for (const auto& person : group.people) people.push_back(person_json(person));
      missing.push_back({{"group", group.group}, {"group_name", group.group_name}, {"people", people}});
    }
    json groups = json::array();
    for (const auto& c : g.groups)
      groups.push_back({{"group", c.group},
                        {"group_name", c.group_name},
                        {"roster_source", std::string(to_string(c.source))},
                        {"roster_fetched_at", time_or_null(c.fetched_at)},
                        {"people", c.people},
                        {"acknowledged", c.acknowledged}});
    grids.push_back({{"grid", g.grid},
                     {"name", g.name},
                     {"people", g.people},
                     {"acknowledged", g.acknowledged},
                     {"rate", rate(g.acknowledged, g.people)},
                     {"groups", groups},
                     {"non_responders", missing}});
  }
  for (const auto& f : p.failures)
    failures.push_back({{"group", f.group}, {"group_name", f.group_name}, {"reason", f.reason}, {"errcode", f.errcode}});
  out["grids"] = grids;
  out["failures"] = failures;
  return out;
}

nlohmann::json notice_templates_json(const templates::Catalog& text) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : notice_templates()) {
    const std::string key = "notice_template." + std::string(t.id);
    nlohmann::json fields = nlohmann::json::array();
    for (auto f : t.fields) fields.push_back({{"id", f}, {"label", text.render("notice_template.field." + std::string(f))}});
    nlohmann::json languages = {"zh-CN"};
    for (const char* language : {"ug", "kk"})
      if (text.has(key + "." + language)) languages.push_back(language);
    out.push_back({{"id", t.id}, {"name", text.render(key + ".name")}, {"fields", std::move(fields)}, {"languages", std::move(languages)}});
  }
  return out;
}

}  // namespace gridbot
