#include "bot/console/console_users.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "bot/config.hpp"

namespace gridbot::console {

namespace {

using nlohmann::json;

struct Field {
  const std::string& source;
  std::string path;  // console_users[2]

  [[noreturn]] void fail(std::string_view key, const std::string& why) const {
    throw ConfigError(source + ": " + path + (key.empty() ? "" : "." + std::string(key)) + ": " + why);
  }
  std::string text(const json& user, const char* key, bool required) const {
    if (!user.contains(key)) {
      if (required) fail(key, "is required");
      return {};
    }
    if (!user[key].is_string() || (required && user[key].get<std::string>().empty()))
      fail(key, required ? "must be a non-empty string" : "must be a string");
    return user[key].get<std::string>();
  }
};

bool known_street(const Organization& org, std::string_view id) {
  for (const auto& s : org.streets)
    if (s.id == id) return true;
  return false;
}

void check_scope(const ConsoleUser& u, const Field& f, const Organization& org) {
  if (!u.street.empty() && !known_street(org, u.street)) f.fail("street", "unknown street '" + u.street + "'");
  if (!u.community.empty() && !org.community(u.community)) f.fail("community", "unknown community '" + u.community + "'");
  switch (u.role) {
    case ConsoleRole::admin:
      if (!u.street.empty() || !u.community.empty()) f.fail("role", "an admin sees everything: give no street or community");
      break;
    case ConsoleRole::street:
      if (u.street.empty()) f.fail("street", "a street user needs the street they see");
      if (!u.community.empty()) f.fail("community", "a street user sees their whole street: give no community");
      break;
    case ConsoleRole::community:
      if (u.community.empty()) f.fail("community", "a community user needs the community they see");
      if (!u.street.empty() && org.community(u.community)->street != u.street)
        f.fail("street", "community '" + u.community + "' is not in street '" + u.street + "'");
      break;
    case ConsoleRole::supervisor:
      if (!u.community.empty()) f.fail("community", "a supervisor sees a street or everything: give no community");
      break;
  }
}

}  // namespace

Viewer ConsoleUser::viewer() const {
  return Viewer{.user = id, .name = name, .role = role, .street = street, .community = community, .member = member};
}

std::vector<ConsoleUser> parse_console_users(const OrganizationFile& file, const Organization& org) {
  auto doc = json::parse(file.text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw ConfigError(file.source + ": (file): is not a JSON object");
  std::vector<ConsoleUser> users;
  if (!doc.contains("console_users")) return users;
  const json& list = doc["console_users"];
  if (!list.is_array()) throw ConfigError(file.source + ": console_users: must be an array");
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Field f{file.source, "console_users[" + std::to_string(i) + "]"};
    const json& j = list[i];
    if (!j.is_object()) f.fail("", "must be an object");
    for (const auto& [key, value] : j.items())
      if (key != "id" && key != "name" && key != "role" && key != "street" && key != "community" && key != "member" &&
          key != "password_hash")
        f.fail(key, "unknown key (expected id, name, role, street, community, member, password_hash)");
    ConsoleUser u;
    u.id = f.text(j, "id", true);
    if (!ids.insert(u.id).second) f.fail("id", "duplicate console user id '" + u.id + "'");
    u.name = f.text(j, "name", true);
    const std::string role = f.text(j, "role", true);
    auto parsed_role = console_role_from_string(role);
    if (!parsed_role) f.fail("role", "unknown role '" + role + "' (expected admin, street, community, supervisor)");
    u.role = *parsed_role;
    u.street = f.text(j, "street", false);
    u.community = f.text(j, "community", false);
    u.member = f.text(j, "member", false);
    if (!u.member.empty() && !org.member(u.member)) f.fail("member", "unknown member '" + u.member + "'");
    check_scope(u, f, org);
    u.password_hash = f.text(j, "password_hash", true);
    std::string why;
    auto hash = parse_password_hash(u.password_hash, &why);
    if (!hash) f.fail("password_hash", why);
    u.password = std::move(*hash);
    users.push_back(std::move(u));
  }
  return users;
}

std::vector<std::string> refuse_sample_passwords(std::vector<ConsoleUser>& users, const std::string& source,
                                                 const std::string& listen_host) {
  std::vector<std::string> refused;
  if (is_loopback_host(listen_host)) return refused;
  const auto sample = json::parse(sample_organization_file().text, nullptr, false);
  std::set<std::string, std::less<>> demo;
  if (sample.is_object() && sample.contains("console_users") && sample["console_users"].is_array())
    for (const auto& u : sample["console_users"])
      if (u.is_object() && u.contains("password_hash") && u["password_hash"].is_string())
        demo.insert(u["password_hash"].get<std::string>());
  std::vector<ConsoleUser> kept;
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (!demo.contains(users[i].password_hash)) {
      kept.push_back(std::move(users[i]));
      continue;
    }
    refused.push_back(source + ": console_users[" + std::to_string(i) + "].password_hash: user '" + users[i].id +
                      "' has the sample's demo password, printed in the README; listening on " + listen_host +
                      " (beyond loopback) it may not sign in until it has a password of its own (gridbot hash-password)");
  }
  users = std::move(kept);
  return refused;
}

}  // namespace gridbot::console
