// The organization API on a real database and a started writer, with the organization file in a
// temp folder: what Service wires, without the HTTP server. Requests go through the router.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/console/organization_api.hpp"
#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "storage/database.hpp"
#include "storage/organization_repository.hpp"
#include "tests/support/await.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/temp_dir.hpp"

namespace gridbot::testing {

inline console::Viewer admin_viewer() { return {.user = "admin", .name = "管理员", .role = console::ConsoleRole::admin}; }
inline console::Viewer community_viewer(std::string community, std::string member = "") {
  return {.user = "c-" + community, .name = "社区", .role = console::ConsoleRole::community, .street = "heping",
          .community = std::move(community), .member = std::move(member)};
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct OrgRig {
  TempDir dir;
  std::string db_path = dir.file("org.db");
  std::string org_path = dir.file("organization.json");
  std::string text;
  SQLite::Database db = storage::open_database(db_path);
  storage::Store store{db};
  SQLite::Database reader_db = storage::open_reader(db_path);
  storage::Store reader{reader_db};
  OrganizationSnapshots orgs;
  Policy policy;
  ManualClock clock{Time(Seconds(1'794'967'200))};  // Wednesday 10:00 Beijing
  Writer writer{store};
  Pipeline pipeline{store, orgs, policy, templates::Catalog::builtin(), clock, &writer, &reader};
  std::optional<console::Viewer> viewer = admin_viewer();
  http::Router router;
  int nudges = 0;
  std::vector<std::string> published;  // the file text of each snapshot swapped in

  explicit OrgRig(std::string organization = sample_organization_file().text)
      : text(std::move(organization)), orgs(shared(parse_organization(text, "organization.json"))) {
    std::ofstream(org_path, std::ios::binary) << text;
    storage::replace_organization(db, *orgs.current());
    console::OrganizationApi{writer,
                             orgs,
                             policy,
                             templates::Catalog::builtin(),
                             clock,
                             [this](const http::Request&) { return viewer; },
                             org_path,
                             text,
                             [this] { ++nudges; },
                             [this](const std::string& document, const Organization&) { published.push_back(document); }}
        .add_routes(router);
    writer.start();
  }

  http::Response send(http::Verb verb, const std::string& target, const std::string& body = "") {
    http::Request request{verb, target, 11};
    request.body() = body;
    request.prepare_payload();
    return await(router.dispatch(request));
  }
  nlohmann::json send_json(http::Verb verb, const std::string& target, const std::string& body = "") {
    return nlohmann::json::parse(send(verb, target, body).body());
  }
  // A resident's report in a grid's group, through the pipeline as a platform would submit it.
  std::int64_t report(const std::string& group, const std::string& resident, const std::string& words,
                      const std::string& id) {
    await(pipeline.submit(Inbound{"local", id, group, resident, words, std::nullopt, {}}, id));
    return reader_db.execAndGet("SELECT MAX(number) FROM tickets").getInt64();
  }
  std::string owner_of(std::int64_t number) {
    return reader.tickets.find(number)->owner;
  }
  nlohmann::json file() { return nlohmann::json::parse(read_text(org_path)); }
};

}  // namespace gridbot::testing
