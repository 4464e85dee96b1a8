// The figures API on an in-memory database: the sample organization, a manual clock, a fixed
// viewer, and tickets built by hand as the lifecycle's Actions (SaveTicket, RecordEvent) so every
// figure has an answer known to the minute.
#pragma once

#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/console/figures_api.hpp"
#include "bot/organization_loader.hpp"
#include "storage/database.hpp"
#include "storage/store.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/await.hpp"

namespace gridbot::testing {

// Wednesday 2026-11-18 10:00 in Beijing (ISO week 47).
inline const Time T = Time(Seconds(1'794'967'200));
inline constexpr Seconds minutes_(std::int64_t n) { return Seconds(60 * n); }
inline constexpr Seconds hours_(std::int64_t n) { return Seconds(3600 * n); }
inline constexpr Seconds days_(std::int64_t n) { return Seconds(86400 * n); }

inline console::Viewer admin_viewer() { return {.user = "admin", .name = "管理员", .role = console::ConsoleRole::admin}; }
inline console::Viewer community_viewer(const std::string& community) {
  return {.user = "c", .name = "社区", .role = console::ConsoleRole::community, .community = community};
}

struct FiguresRig {
  OrganizationFile file = sample_organization_file();
  Organization org = parse_organization(file.text, file.source);
  OrganizationSnapshots orgs{testing::borrowed(org)};
  SQLite::Database db = storage::open_database(":memory:");
  storage::Store store{db};
  Readers readers{store};  // the routes read on its thread, through the same in-memory store
  ManualClock clock{T + days_(10)};
  std::optional<console::Viewer> viewer = admin_viewer();
  http::Router router;

  FiguresRig() {
    readers.start();
    console::FiguresApi{readers, orgs, templates::Catalog::builtin(), clock, WorkingCalendar::standard("Asia/Shanghai"),
                        [this](const http::Request&) { return viewer; }}
        .add_routes(router);
  }

  http::Response get(const std::string& target) {
    http::Request r{http::Verb::get, target, 11};
    return await(router.dispatch(r));
  }
  nlohmann::json get_json(const std::string& target) {
    auto r = get(target);
    REQUIRE_MESSAGE(r.result() == http::Status::ok, target << " → " << r.body());
    return nlohmann::json::parse(r.body());
  }

  // A ticket as intake files it: accepted, owned by the grid's manager, 2 h to claim, 72 h to resolve.
  Ticket file_ticket(std::int64_t number, const std::string& grid, const std::string& category, Time created) {
    Ticket t;
    t.number = number;
    t.category = category;
    t.text = "反映的问题";
    t.grid = grid;
    t.community = org.community_of_grid(grid);
    t.reporter_id = t.reporter_user = "resident" + std::to_string(number);
    t.reporter_name = "居民";
    t.source_platform = "local";
    const auto managers = org.members_with_role(grid, Role::manager);
    t.owner = managers.empty() ? std::string() : managers.front()->id;
    t.created_at = t.updated_at = created;
    t.claim_due_at = created + hours_(2);
    t.resolve_due_at = created + hours_(72);
    store.apply({SaveTicket{t}, RecordEvent{number, "created", t.reporter_id, t.text, created}}, created);
    return t;
  }
  void event(const Ticket& t, const std::string& kind, const std::string& actor, Time at, const std::string& detail = {}) {
    store.apply({RecordEvent{t.number, kind, actor, detail, at}}, at);
  }
  void save(const Ticket& t) { store.apply({SaveTicket{t}}, t.updated_at); }
};

}  // namespace gridbot::testing
