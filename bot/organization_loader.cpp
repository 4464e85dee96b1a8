#include "bot/organization_loader.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bot/config.hpp"

extern const std::string_view gridbot_embedded_sample_organization;

namespace gridbot {

namespace {

using nlohmann::json;

// Reads fields of one JSON object, naming the object's path in every error.
class Reader {
 public:
  Reader(const json& node, std::string path, const std::string& source) : node_(node), path_(std::move(path)), source_(source) {
    if (!node_.is_object()) fail("", "must be an object");
  }
  [[noreturn]] void fail(const std::string& field, const std::string& why) const {
    throw ConfigError(source_ + ": " + path_ + (field.empty() ? "" : "." + field) + ": " + why);
  }
  std::string text(const char* field, bool required = true) const {
    if (!node_.contains(field)) {
      if (required) fail(field, "is required");
      return {};
    }
    if (!node_[field].is_string()) fail(field, "must be a string");
    auto v = node_[field].get<std::string>();
    if (required && v.empty()) fail(field, "must not be empty");
    return v;
  }
  std::optional<std::string> optional_text(const char* field) const {
    auto v = text(field, false);
    return v.empty() ? std::nullopt : std::optional(v);
  }
  const json& array(const char* field, bool required = true) const {
    static const json empty = json::array();
    if (!node_.contains(field)) {
      if (required) fail(field, "is required");
      return empty;
    }
    if (!node_[field].is_array()) fail(field, "must be an array");
    return node_[field];
  }
  std::vector<std::string> strings(const char* field) const {
    std::vector<std::string> out;
    const json& a = array(field, false);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string()) fail(std::string(field) + "[" + std::to_string(i) + "]", "must be a string");
      out.push_back(a[i].get<std::string>());
    }
    return out;
  }
  Accounts accounts() const {
    Accounts out;
    if (!node_.contains("accounts")) return out;
    if (!node_["accounts"].is_object()) fail("accounts", "must be an object of platform: user id");
    for (auto& [platform, user] : node_["accounts"].items()) {
      if (!user.is_string() || user.get<std::string>().empty())
        fail("accounts." + platform, "must be a non-empty user id string");
      out.emplace(platform, user.get<std::string>());
    }
    return out;
  }
  Reader child(const char* field, std::size_t i) const {
    return Reader(node_[field][i], path_ + "." + field + "[" + std::to_string(i) + "]", source_);
  }
  const std::string& path() const { return path_; }

 private:
  const json& node_;
  std::string path_;
  const std::string& source_;
};

void require_unique(const Reader& r, std::set<std::string>& seen, const std::string& id, const char* what) {
  if (!seen.insert(id).second) r.fail("id", std::string("duplicate ") + what + " id '" + id + "'");
}

void read_hierarchy(const Reader& root, Organization& org) {
  std::set<std::string> ids;
  const json& streets = root.array("streets");
  if (streets.empty()) root.fail("streets", "needs at least one street");
  for (std::size_t s = 0; s < streets.size(); ++s) {
    Reader street = root.child("streets", s);
    Street st{street.text("id"), street.text("name")};
    require_unique(street, ids, st.id, "street");
    for (std::size_t c = 0; c < street.array("communities").size(); ++c) {
      Reader community = street.child("communities", c);
      Community co{community.text("id"), community.text("name"), st.id};
      require_unique(community, ids, co.id, "community");
      for (std::size_t g = 0; g < community.array("grids").size(); ++g) {
        Reader grid = community.child("grids", g);
        Grid gr{grid.text("id"), grid.text("name"), co.id, grid.strings("buildings")};
        require_unique(grid, ids, gr.id, "grid");
        org.grids.push_back(std::move(gr));
      }
      org.communities.push_back(std::move(co));
    }
    org.streets.push_back(std::move(st));
  }
}

bool has_street(const Organization& org, const std::string& id) {
  for (const auto& s : org.streets)
    if (s.id == id) return true;
  return false;
}

void read_people(const Reader& root, Organization& org) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < root.array("departments", false).size(); ++i) {
    Reader d = root.child("departments", i);
    Department dep{d.text("id"), d.text("name")};
    require_unique(d, ids, dep.id, "department");
    org.departments.push_back(std::move(dep));
  }
  org.index();  // members are checked against the departments just read
  std::set<std::string> people;
  for (std::size_t i = 0; i < root.array("members").size(); ++i) {
    Reader r = root.child("members", i);
    Member m{r.text("id"), r.text("name"), {}, r.text("grid", false), r.text("community", false), r.text("street", false),
             r.text("department", false), r.strings("buildings"), r.accounts()};
    require_unique(r, people, m.id, "person");
    for (const auto& name : r.strings("roles")) {
      auto role = role_from_string(name);
      if (!role)
        r.fail("roles", "unknown role '" + name + "' (expected manager, grid_head, assistant, informant, supervisor, "
                        "steward, community_head, street_officer or liaison)");
      m.roles.push_back(*role);
    }
    if (m.roles.empty()) r.fail("roles", "needs at least one role");
    if (!m.grid.empty() && !org.grid(m.grid)) r.fail("grid", "unknown grid '" + m.grid + "'");
    if (!m.community.empty() && !org.community(m.community)) r.fail("community", "unknown community '" + m.community + "'");
    if (!m.street.empty() && !has_street(org, m.street)) r.fail("street", "unknown street '" + m.street + "'");
    if (!m.department.empty() && !org.department(m.department))
      r.fail("department", "unknown department '" + m.department + "'");
    if (m.grid.empty() && m.community.empty() && m.street.empty() && m.department.empty())
      r.fail("grid", "a member answers for a grid, community, street or department");
    org.members.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < root.array("residents", false).size(); ++i) {
    Reader r = root.child("residents", i);
    Resident res{r.text("id"), r.text("name"), r.text("grid", false), r.optional_text("building"),
                 r.optional_text("unit"), r.optional_text("room"), r.accounts()};
    require_unique(r, people, res.id, "person");
    if (!res.grid.empty() && !org.grid(res.grid)) r.fail("grid", "unknown grid '" + res.grid + "'");
    org.residents.push_back(std::move(res));
  }
}

void read_groups(const Reader& root, Organization& org) {
  std::set<std::string> ids, chats;
  for (std::size_t i = 0; i < root.array("groups").size(); ++i) {
    Reader r = root.child("groups", i);
    Group g{r.text("id"), r.text("name"), r.text("grid", false), r.text("community", false),
            r.text("platform"), r.text("account", false), r.text("chat_id", false), r.strings("tags"),
            r.strings("languages")};
    require_unique(r, ids, g.id, "group");
    for (const auto& language : g.languages)
      if (language != "ug" && language != "kk") r.fail("languages", "unknown language '" + language + "' (ug or kk)");
    if (g.chat_id.empty()) g.chat_id = g.id;
    if (g.account.empty()) g.account = "default";
    if (!g.grid.empty()) {
      if (!org.grid(g.grid)) r.fail("grid", "unknown grid '" + g.grid + "'");
      g.community = org.community_of_grid(g.grid);
    } else if (g.community.empty()) {
      r.fail("grid", "a group belongs to a grid or a community");
    } else if (!org.community(g.community)) {
      r.fail("community", "unknown community '" + g.community + "'");
    }
    if (!chats.insert(g.platform + "/" + g.chat_id).second)
      r.fail("chat_id", "another group already uses chat '" + g.chat_id + "' on " + g.platform);
    org.groups.push_back(std::move(g));
  }
}

void read_admins(const Reader& root, Organization& org) {
  for (std::size_t i = 0; i < root.array("admins", false).size(); ++i) {
    Reader r = root.child("admins", i);
    Admin a{r.text("member"), r.text("token_sha256")};
    if (!org.member(a.member)) r.fail("member", "unknown member '" + a.member + "'");
    const bool hex = a.token_sha256.size() == 64 &&
                     a.token_sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex) r.fail("token_sha256", "must be 64 lower-case hex digits (the SHA-256 of the token)");
    org.admins.push_back(std::move(a));
  }
}

}  // namespace

Organization parse_organization(std::string_view json_text, const std::string& source) {
  auto doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) throw ConfigError(source + ": (file): is not valid JSON");
  Reader root(doc, "organization", source);
  Organization org;
  org.name = root.text("name", false);
  read_hierarchy(root, org);
  org.index();  // members and groups are checked against grids and communities
  read_people(root, org);
  read_groups(root, org);
  org.platform_preference = root.strings("platform_preference");
  for (std::size_t i = 0; i < org.platform_preference.size(); ++i)
    if (org.platform_preference[i].empty())
      root.fail("platform_preference[" + std::to_string(i) + "]", "must be a platform name");
  org.index();
  read_admins(root, org);  // against the indexed members
  return org;
}

OrganizationFile read_organization_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": (file): cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return {text.str(), path, std::filesystem::path(path).parent_path().string()};
}

OrganizationFile sample_organization_file() {
  return {std::string(gridbot_embedded_sample_organization), "organization/sample.json", "."};
}

Organization load_organization_file(const std::string& path) {
  auto file = read_organization_file(path);
  return parse_organization(file.text, file.source);
}

Organization sample_organization() {
  auto file = sample_organization_file();
  return parse_organization(file.text, file.source);
}

}  // namespace gridbot
