#include "bot/policy_loader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bot/config.hpp"

extern const std::string_view gridbot_embedded_calendar;

namespace gridbot {

namespace {

using nlohmann::json;

class PolicyReader {
 public:
  PolicyReader(const std::string& source) : source_(source) {}
  [[noreturn]] void fail(const std::string& key, const std::string& why) const {
    throw ConfigError(source_ + ": policy." + key + ": " + why);
  }
  void only_keys(const json& node, const std::string& path, std::initializer_list<std::string_view> allowed) const {
    if (!node.is_object()) fail(path, "must be an object");
    for (auto& [key, value] : node.items()) {
      bool known = false;
      for (auto a : allowed) known = known || key == a;
      if (!known) fail(path.empty() ? key : path + "." + key, "unknown key");
    }
  }
  // A positive whole number of `unit`s, as Seconds.
  void duration(const json& node, const std::string& path, const char* key, Seconds unit, Seconds& out) const {
    if (!node.contains(key)) return;
    const json& v = node[key];
    if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) fail(path + "." + key, "must be a positive whole number");
    out = unit * v.get<std::int64_t>();
  }
  Deadlines deadlines(const json& node, const std::string& path, Deadlines base) const {
    only_keys(node, path, {"claim_minutes", "resolve_hours"});
    duration(node, path, "claim_minutes", std::chrono::minutes(1), base.claim);
    duration(node, path, "resolve_hours", std::chrono::hours(1), base.resolve);
    return base;
  }

 private:
  const std::string& source_;
};

bool known_category(std::string_view c) {
  for (std::string_view id : {"drainage", "utilities", "building_repair", "elevator", "sanitation", "noise", "street_order",
                              "parking_traffic", "dispute", "safety_hazard", "public_security", "welfare", "paperwork",
                              "policy_inquiry", "property_service", "public_facility", "suggestion", "other"})
    if (id == c) return true;
  return false;
}

void read_deadlines(const PolicyReader& r, const json& node, Policy& p) {
  r.only_keys(node, "deadlines", {"normal", "urgent", "categories"});
  if (node.contains("normal")) p.normal = r.deadlines(node["normal"], "deadlines.normal", p.normal);
  if (node.contains("urgent")) p.urgent = r.deadlines(node["urgent"], "deadlines.urgent", p.urgent);
  if (!node.contains("categories")) return;
  if (!node["categories"].is_object()) r.fail("deadlines.categories", "must be an object of category: limits");
  for (auto& [category, limits] : node["categories"].items()) {
    if (!known_category(category)) r.fail("deadlines.categories." + category, "unknown category");
    p.by_category[category] = r.deadlines(limits, "deadlines.categories." + category, p.normal);
  }
}

void read_routes(const PolicyReader& r, const json& node, Policy& p, const Organization& org) {
  if (!node.is_object()) r.fail("routes", "must be an object of category: {\"role\"|\"department\": …}");
  for (auto& [category, route] : node.items()) {
    const std::string path = "routes." + category;
    if (!known_category(category)) r.fail(path, "unknown category");
    r.only_keys(route, path, {"role", "department"});
    Route out;
    if (route.contains("role")) {
      if (!route["role"].is_string() || !role_from_string(route["role"].get<std::string>())) r.fail(path + ".role", "unknown role");
      out.role = role_from_string(route["role"].get<std::string>());
    }
    if (route.contains("department")) {
      if (!route["department"].is_string()) r.fail(path + ".department", "must be a department id");
      out.department = route["department"].get<std::string>();
      if (!org.department(out.department)) r.fail(path + ".department", "unknown department '" + out.department + "'");
    }
    if (!out.role && out.department.empty()) r.fail(path, "needs a role or a department");
    p.routes[category] = out;
  }
}

// 监测预警: both keys required, so a half-written rule is an error rather than a silent default.
void read_early_warning(const PolicyReader& r, const json& node, Policy& p) {
  r.only_keys(node, "early_warning", {"count", "window_minutes"});
  for (const char* key : {"count", "window_minutes"})
    if (!node.contains(key)) r.fail(std::string("early_warning.") + key, "is required");
  const json& count = node["count"];
  if (!count.is_number_integer() || count.get<std::int64_t>() < 2 || count.get<std::int64_t>() > 1000)
    r.fail("early_warning.count", "must be a whole number from 2 to 1000");
  r.duration(node, "early_warning", "window_minutes", std::chrono::minutes(1), p.early_warning.window);
  if (p.early_warning.window > std::chrono::hours(24 * 30)) r.fail("early_warning.window_minutes", "must be at most 30 days");
  p.early_warning.count = count.get<int>();
}

std::string read_file(const std::string& path, const std::string& source) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(source + ": policy.calendar: cannot read '" + path + "'");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

WorkingCalendar builtin_calendar() { return WorkingCalendar::parse(gridbot_embedded_calendar, "config/calendar.json"); }

Policy parse_policy(std::string_view organization_json, const std::string& source, const std::string& base_dir,
                    const Organization& org) {
  Policy p;
  p.calendar = builtin_calendar();
  auto doc = json::parse(organization_json, nullptr, false);
  if (!doc.is_object() || !doc.contains("policy")) return p;
  const json& node = doc["policy"];
  PolicyReader r(source);
  r.only_keys(node, "", {"deadlines", "escalation", "report_in_minutes", "reminder_at", "urges_before_next_rung",
                         "urge_min_interval_minutes", "rating_timeout_hours", "duplicate_window_hours",
                         "sensitive_categories", "routes", "calendar", "early_warning"});
  if (node.contains("deadlines")) read_deadlines(r, node["deadlines"], p);
  if (node.contains("escalation")) {
    r.only_keys(node["escalation"], "escalation", {"rung_hours", "urgent_rung_minutes"});
    r.duration(node["escalation"], "escalation", "rung_hours", std::chrono::hours(1), p.rung_normal);
    r.duration(node["escalation"], "escalation", "urgent_rung_minutes", std::chrono::minutes(1), p.rung_urgent);
  }
  r.duration(node, "", "report_in_minutes", std::chrono::minutes(1), p.report_in);
  r.duration(node, "", "urge_min_interval_minutes", std::chrono::minutes(1), p.urge_min_interval);
  r.duration(node, "", "rating_timeout_hours", std::chrono::hours(1), p.rating_timeout);
  r.duration(node, "", "duplicate_window_hours", std::chrono::hours(1), p.duplicate_window);
  if (node.contains("reminder_at")) {
    if (!node["reminder_at"].is_number() || node["reminder_at"].get<double>() <= 0 || node["reminder_at"].get<double>() >= 1)
      r.fail("reminder_at", "must be a fraction between 0 and 1, e.g. 0.8");
    p.reminder_at = node["reminder_at"].get<double>();
  }
  if (node.contains("urges_before_next_rung")) {
    if (!node["urges_before_next_rung"].is_number_integer() || node["urges_before_next_rung"].get<int>() < 1)
      r.fail("urges_before_next_rung", "must be a whole number of at least 1");
    p.urges_before_next_rung = node["urges_before_next_rung"].get<int>();
  }
  if (node.contains("sensitive_categories")) {
    if (!node["sensitive_categories"].is_array()) r.fail("sensitive_categories", "must be an array of category ids");
    p.sensitive_categories.clear();
    for (const auto& c : node["sensitive_categories"]) {
      if (!c.is_string() || !known_category(c.get<std::string>())) r.fail("sensitive_categories", "unknown category " + c.dump());
      p.sensitive_categories.insert(c.get<std::string>());
    }
  }
  if (node.contains("routes")) read_routes(r, node["routes"], p, org);
  if (node.contains("early_warning")) read_early_warning(r, node["early_warning"], p);
  if (node.contains("calendar")) {
    if (!node["calendar"].is_string()) r.fail("calendar", "must be the path of a calendar file");
    std::filesystem::path path = node["calendar"].get<std::string>();
    if (path.is_relative()) path = std::filesystem::path(base_dir) / path;
    try {
      p.calendar = WorkingCalendar::parse(read_file(path.string(), source), path.string());
    } catch (const ConfigError&) {
      throw;
    } catch (const std::exception& e) {
      throw ConfigError(e.what());
    }
  }
  return p;
}

}  // namespace gridbot
