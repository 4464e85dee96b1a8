#include "bot/console/organization_edits.hpp"

#include <algorithm>
#include <iterator>

#include "bot/config.hpp"
#include "bot/console/console_users.hpp"
#include "bot/organization_loader.hpp"

namespace gridbot::console {

namespace {

constexpr const char* source = "console";

template <std::size_t N>
std::optional<EditProblem> check_body(const nlohmann::json& body, const std::string& id, const char* const (&fields)[N]) {
  if (!body.is_object()) return EditProblem{"", "the body must be a JSON object"};
  for (const auto& [key, value] : body.items())
    if (std::find_if(std::begin(fields), std::end(fields), [&](const char* f) { return key == f; }) == std::end(fields))
      return EditProblem{key, "is not a field the console edits"};
  if (body.contains("id") && (!body["id"].is_string() || body["id"].get<std::string>() != id))
    return EditProblem{"id", "must be the id in the path ('" + id + "')"};
  return std::nullopt;
}

// Replaces the known fields of `entry` with the body's, keeping the keys the console does not know.
template <std::size_t N>
void merge(Document& entry, const std::string& id, const nlohmann::json& body, const char* const (&fields)[N]) {
  for (const char* f : fields) entry.erase(f);
  entry["id"] = id;
  for (const char* f : fields)
    if (body.contains(f) && std::string_view(f) != "id") entry[f] = Document::parse(body[f].dump());
}

Document* find_by_id(Document& list, const std::string& id) {
  if (!list.is_array()) return nullptr;
  for (auto& entry : list)
    if (entry.is_object() && entry.contains("id") && entry["id"] == id) return &entry;
  return nullptr;
}

Document& list_of(Document& doc, const char* key) {
  if (!doc.contains(key) || !doc[key].is_array()) doc[key] = Document::array();
  return doc[key];
}

template <std::size_t N>
std::optional<EditProblem> put_entry(Document& doc, const char* list, const std::string& id, const nlohmann::json& body,
                                     const char* const (&fields)[N]) {
  if (auto problem = check_body(body, id, fields)) return problem;
  Document& entries = list_of(doc, list);
  Document* entry = find_by_id(entries, id);
  if (!entry) entry = &entries.emplace_back(Document::object());
  merge(*entry, id, body, fields);
  return std::nullopt;
}

// Visits every grid object of the hierarchy with its community object; stops when `f` says so.
template <class F>
bool each_grid(Document& doc, F f) {
  if (!doc.contains("streets") || !doc["streets"].is_array()) return false;
  for (auto& street : doc["streets"]) {
    if (!street.is_object() || !street.contains("communities") || !street["communities"].is_array()) continue;
    for (auto& community : street["communities"]) {
      if (!community.is_object() || !community.contains("grids") || !community["grids"].is_array()) continue;
      auto& grids = community["grids"];
      for (std::size_t i = 0; i < grids.size(); ++i)
        if (f(community, grids, i)) return true;
    }
  }
  return false;
}

Document* find_community(Document& doc, const std::string& id) {
  if (!doc.contains("streets") || !doc["streets"].is_array()) return nullptr;
  for (auto& street : doc["streets"]) {
    if (!street.is_object() || !street.contains("communities") || !street["communities"].is_array()) continue;
    for (auto& community : street["communities"])
      if (community.is_object() && community.contains("id") && community["id"] == id) return &community;
  }
  return nullptr;
}

// "console: organization.members[3].grid: unknown grid 'x'" → ("organization.members[3].grid", "unknown grid 'x'")
EditProblem split_loader_error(std::string what) {
  const std::string prefix = std::string(source) + ": ";
  if (what.starts_with(prefix)) what.erase(0, prefix.size());
  const auto colon = what.find(": ");
  if (colon == std::string::npos) return {"", what};
  std::string path = what.substr(0, colon);
  if (path.starts_with("organization.")) path.erase(0, std::string_view("organization.").size());
  if (path == "organization" || path == "(file)") path.clear();
  return {path, what.substr(colon + 2)};
}

// The path the loader gives the entry `id` of `list`: "members[3]", or for a grid
// "streets[0].communities[1].grids[2]".
std::string entry_path(const Document& doc, const std::string& list, const std::string& id) {
  if (list == "grids") {
    const auto items = [](const Document& node, const char* key) {
      return node.is_object() && node.contains(key) && node[key].is_array() ? node[key] : Document::array();
    };
    const Document streets = items(doc, "streets");
    for (std::size_t s = 0; s < streets.size(); ++s) {
      const Document communities = items(streets[s], "communities");
      for (std::size_t c = 0; c < communities.size(); ++c) {
        const Document grids = items(communities[c], "grids");
        for (std::size_t g = 0; g < grids.size(); ++g)
          if (grids[g].is_object() && grids[g].value("id", "") == id)
            return "streets[" + std::to_string(s) + "].communities[" + std::to_string(c) + "].grids[" + std::to_string(g) + "]";
      }
    }
    return {};
  }
  if (!doc.contains(list) || !doc[list].is_array()) return {};
  for (std::size_t i = 0; i < doc[list].size(); ++i)
    if (doc[list][i].is_object() && doc[list][i].value("id", "") == id) return list + "[" + std::to_string(i) + "]";
  return {};
}

}  // namespace

std::optional<EditProblem> put_member(Document& doc, const std::string& id, const nlohmann::json& body) {
  return put_entry(doc, "members", id, body, member_fields);
}

std::optional<EditProblem> delete_member(Document& doc, const std::string& id) {
  Document& members = list_of(doc, "members");
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i].is_object() && members[i].value("id", "") == id) {
      members.erase(i);
      // Whoever leaves the organization leaves the console with it: the console users who act as
      // them go too (their sessions end at their next request).
      if (doc.contains("console_users") && doc["console_users"].is_array()) {
        Document& users = doc["console_users"];
        for (std::size_t u = users.size(); u-- > 0;)
          if (users[u].is_object() && users[u].value("member", "") == id) users.erase(u);
      }
      return std::nullopt;
    }
  return EditProblem{"id", "no member '" + id + "'"};
}

std::optional<EditProblem> put_group(Document& doc, const std::string& id, const nlohmann::json& body) {
  return put_entry(doc, "groups", id, body, group_fields);
}

// A grid lives inside its community in the file: a changed community moves the grid there.
std::optional<EditProblem> put_grid(Document& doc, const std::string& id, const nlohmann::json& body) {
  if (auto problem = check_body(body, id, grid_fields)) return problem;
  Document entry = Document::object();
  std::string current_community;
  each_grid(doc, [&](Document& community, Document& grids, std::size_t i) {
    if (!grids[i].is_object() || grids[i].value("id", "") != id) return false;
    entry = grids[i];
    current_community = community.value("id", "");
    grids.erase(i);
    return true;
  });
  std::string community_id = current_community;
  if (body.contains("community")) {
    if (!body["community"].is_string()) return EditProblem{"community", "must be a community id"};
    community_id = body["community"].get<std::string>();
  }
  if (community_id.empty()) return EditProblem{"community", "is required for a new grid"};
  Document* community = find_community(doc, community_id);
  if (!community) return EditProblem{"community", "unknown community '" + community_id + "'"};
  entry.erase("community");  // the hierarchy says it
  nlohmann::json fields = body;
  fields.erase("community");
  for (const char* f : {"name", "buildings"}) entry.erase(f);
  entry["id"] = id;
  for (const char* f : {"name", "buildings"})
    if (fields.contains(f)) entry[f] = Document::parse(fields[f].dump());
  if (!community->contains("grids") || !(*community)["grids"].is_array()) (*community)["grids"] = Document::array();
  (*community)["grids"].push_back(std::move(entry));
  return std::nullopt;
}

std::expected<std::shared_ptr<const Organization>, EditProblem> read_document(const Document& doc,
                                                                               const std::string& list,
                                                                               const std::string& id) {
  try {
    const std::string text = doc.dump();
    auto org = std::make_shared<const Organization>(parse_organization(text, source));
    parse_console_users({text, source, {}}, *org);  // start-up reads them against it too
    return org;
  } catch (const ConfigError& e) {
    EditProblem p = split_loader_error(e.what());
    const std::string entry = id.empty() ? std::string() : entry_path(doc, list, id);
    if (!entry.empty() && p.field == entry) p.field.clear();
    else if (!entry.empty() && p.field.starts_with(entry + ".")) p.field.erase(0, entry.size() + 1);
    return std::unexpected(p);
  }
}

}  // namespace gridbot::console
