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

}  // namespace gridbot::storage
