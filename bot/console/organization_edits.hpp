// The console's edits as changes to the organization file's document: a member, group or grid
// replaced or added, a member removed. Every edit ends in the organization loader
// (parse_organization) re-reading the whole document, so the console can never make an
// organization that start-up would refuse, and every key the editor does not know (admins,
// console_users, policy, platform_preference, a member's own extra keys) is kept as it was.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "handlers/organization.hpp"

namespace gridbot::console {

// ordered_json: a rewritten file keeps its keys in the order the operator wrote them.
using Document = nlohmann::ordered_json;

// What is wrong with an edit: `field` names the field of the edited member/group/grid ("grid",
// "roles[1]") or, for a problem elsewhere, the path in the file ("admins[0].member").
struct EditProblem {
  std::string field, error;
  std::string message() const { return field.empty() ? error : field + ": " + error; }
};

// The fields the console edits; any other key of the request body is refused.
inline constexpr const char* member_fields[] = {"id",     "name",       "roles",     "grid",    "community",
                                                "street", "department", "buildings", "accounts"};
inline constexpr const char* group_fields[] = {"id",      "name",    "grid", "community", "platform",
                                               "account", "chat_id", "tags", "languages"};
inline constexpr const char* grid_fields[] = {"id", "name", "community", "buildings"};

// Each changes `doc` in place, or says why it cannot (then `doc` may be half changed: edit a copy).
std::optional<EditProblem> put_member(Document& doc, const std::string& id, const nlohmann::json& body);
// Removing a member removes the console users who act as them (`console_users[].member`).
std::optional<EditProblem> delete_member(Document& doc, const std::string& id);
std::optional<EditProblem> put_group(Document& doc, const std::string& id, const nlohmann::json& body);
std::optional<EditProblem> put_grid(Document& doc, const std::string& id, const nlohmann::json& body);

// The loader's reading of `doc` (its console_users checked against it, as at start-up). A problem inside the list entry `list`[id] ("members", "groups",
// or a grid) is named by its field; anything else by its path.
std::expected<std::shared_ptr<const Organization>, EditProblem> read_document(const Document& doc,
                                                                               const std::string& list,
                                                                               const std::string& id);

}  // namespace gridbot::console
