#include "storage/organization_repository.hpp"

#include <nlohmann/json.hpp>
#include <SQLiteCpp/Statement.h>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

namespace {

std::string accounts_json(const Accounts& accounts) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [platform, user] : accounts) j[platform] = user;
  return j.dump();
}

std::string roles_json(const std::vector<Role>& roles) {
  nlohmann::json j = nlohmann::json::array();
  for (Role r : roles) j.push_back(std::string(to_string(r)));
  return j.dump();
}

void bind_value(SQLite::Statement& s, int i, const std::string& v) { bind_text(s, i, v); }
void bind_value(SQLite::Statement& s, int i, const std::optional<std::string>& v) { bind_optional(s, i, v); }

// Binds each value in order and executes once.
template <class... Values>
void insert(SQLite::Statement& s, const Values&... values) {
  Reset guard(s);
  int i = 0;
  (bind_value(s, ++i, values), ...);
  s.exec();
}

}  // namespace

void replace_organization(SQLite::Database& db, const Organization& org) {
  for (const char* table : {"streets", "communities", "grids", "departments", "members", "residents", "chat_groups"})
    db.exec(std::string("DELETE FROM ") + table);

  SQLite::Statement street(db, "INSERT INTO streets(id, name) VALUES(?,?)");
  for (const auto& s : org.streets) insert(street, s.id, s.name);
  SQLite::Statement community(db, "INSERT INTO communities(id, name, street) VALUES(?,?,?)");
  for (const auto& c : org.communities) insert(community, c.id, c.name, c.street);
  SQLite::Statement grid(db, "INSERT INTO grids(id, name, community, buildings) VALUES(?,?,?,?)");
  for (const auto& g : org.grids) insert(grid, g.id, g.name, g.community, nlohmann::json(g.buildings).dump());
  SQLite::Statement department(db, "INSERT INTO departments(id, name) VALUES(?,?)");
  for (const auto& d : org.departments) insert(department, d.id, d.name);
  SQLite::Statement member(db,
                           "INSERT INTO members(id, name, roles, grid, community, street, department, buildings, accounts)"
                           " VALUES(?,?,?,?,?,?,?,?,?)");
  for (const auto& m : org.members)
    insert(member, m.id, m.name, roles_json(m.roles), m.grid, m.community, m.street, m.department,
           nlohmann::json(m.buildings).dump(), accounts_json(m.accounts));
  SQLite::Statement resident(db,
                             "INSERT INTO residents(id, name, grid, building, unit, room, accounts) VALUES(?,?,?,?,?,?,?)");
  for (const auto& r : org.residents)
    insert(resident, r.id, r.name, r.grid, r.building, r.unit, r.room, accounts_json(r.accounts));
  SQLite::Statement group(db,
                          "INSERT INTO chat_groups(id, name, grid, community, platform, account, chat_id) VALUES(?,?,?,?,?,?,?)");
  for (const auto& g : org.groups) insert(group, g.id, g.name, g.grid, g.community, g.platform, g.account, g.chat_id);
}

std::vector<StoredMember> members_on_open_tickets(SQLite::Database& db) {
  // Spelled-out states: see ticket_repository.cpp on IN lists of constants.
  SQLite::Statement s(db,
                      "SELECT o.id, COALESCE(m.name, o.id) FROM (SELECT owner AS id FROM tickets WHERE"
                      " (state = 'accepted' OR state = 'claimed' OR state = 'suspended')"
                      " UNION SELECT claimed_by FROM tickets WHERE (state = 'accepted' OR state = 'claimed' OR state = 'suspended')"
                      " UNION SELECT escalated_to FROM tickets WHERE (state = 'accepted' OR state = 'claimed' OR state = 'suspended')) o"
                      " LEFT JOIN members m ON m.id = o.id WHERE o.id <> '' ORDER BY o.id");
  std::vector<StoredMember> out;
  while (s.executeStep()) out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString()});
  return out;
}

}  // namespace gridbot::storage
