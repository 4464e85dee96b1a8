// The ticket API and Open311 on a database file with a running writer, the sample organization,
// a manual clock and a fixed viewer: requests go through the router as the server sends them.
#pragma once

#include <optional>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/console/open311_api.hpp"
#include "bot/console/tickets_api.hpp"
#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "storage/database.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/await.hpp"
#include "tests/support/sample_ticket.hpp"
#include "tests/support/temp_dir.hpp"

namespace gridbot::testing {

inline constexpr const char* open311_test_key = "city-app-secret";
// sha256("city-app-secret")
inline constexpr const char* open311_test_key_sha256 = "1bea62eb027d91031bca3b777a5c05cb3bb4d43ab3ddb1b779d07f8ca79634ec";
// The one Open311 key the tests' civic app ("city-app") signs with.
inline std::vector<console::Open311Key> open311_test_keys() { return {{"city-app", open311_test_key_sha256}}; }

struct TicketsRig {
  TempDir dir;
  std::string path = dir.file("gridbot.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store{db};
  SQLite::Database reader_db = storage::open_reader(path);
  storage::Store reader{reader_db};
  Organization org = sample_organization();
  OrganizationSnapshots orgs{testing::borrowed(org)};
  Policy policy;
  const templates::Catalog& text = templates::Catalog::builtin();
  ManualClock clock{Time(Seconds(1'794'967'200))};  // Wednesday 2026-11-18 10:00 Beijing
  Writer writer{store};
  Readers readers{[this] { return storage::open_reader(path); }};
  Pipeline pipeline{store, orgs, policy, text, clock, &writer, &reader};
  std::optional<console::Viewer> viewer = console::Viewer{.user = "admin1", .name = "管理员", .role = console::ConsoleRole::admin};
  http::Router router;
  int nudges = 0;

  explicit TicketsRig(std::vector<console::Open311Key> keys = {}) {
    writer.start();
    readers.start();
    console::TicketsApi{writer,
                        reader,
                        readers,
                        orgs,
                        policy,
                        text,
                        clock,
                        [this](const http::Request&) { return viewer; },
                        WorkingCalendar::standard("Asia/Shanghai"),
                        [this] { ++nudges; },
                        [](std::string_view user) -> std::optional<console::ConsoleUserName> {
                          // admin1 acts as 高建; the desk account has no member.
                          if (user == "admin1") return console::ConsoleUserName{"gaojian", "管理员"};
                          if (user == "desk") return console::ConsoleUserName{"", "值班台"};
                          return std::nullopt;
                        }}
        .add_routes(router);
    console::Open311Api{pipeline, reader, readers, orgs, text, clock, std::move(keys)}.add_routes(router);
  }
  ~TicketsRig() { writer.stop(); }

  void as(console::ConsoleRole role, std::string street = {}, std::string community = {}) {
    viewer = console::Viewer{.user = "u-" + std::string(console::to_string(role)), .name = "值班员", .role = role,
                             .street = std::move(street), .community = std::move(community)};
  }

  // Stored as it is, with a "created" event, on the writer.
  void save(const Ticket& t) {
    await(writer.run([&](storage::Store& s) {
      s.apply({SaveTicket{t}, RecordEvent{t.number, "created", t.reporter_id, t.text, t.created_at}}, clock.now());
    }));
  }

  http::Response send(http::Verb verb, const std::string& target, std::string body = {},
                      std::string content_type = "application/json", std::string origin = {}) {
    http::Request r{verb, target, 11};
    r.set(boost::beast::http::field::host, "127.0.0.1:8080");
    if (!body.empty()) {
      r.set(boost::beast::http::field::content_type, content_type);
      r.body() = std::move(body);
      r.prepare_payload();
    }
    if (!origin.empty()) r.set(boost::beast::http::field::origin, origin);
    return await(router.dispatch(r));
  }
  http::Response get(const std::string& target) { return send(http::Verb::get, target); }
  nlohmann::json get_json(const std::string& target) {
    auto r = get(target);
    INFO(target, " → ", r.body());
    REQUIRE(r.result() == http::Status::ok);
    return nlohmann::json::parse(r.body());
  }
  http::Response act(std::int64_t number, const nlohmann::json& body) {
    return send(http::Verb::post, "/api/v1/tickets/" + std::to_string(number) + "/actions", body.dump());
  }
  // The numbers of a TicketList, in its order.
  static std::vector<std::int64_t> numbers(const nlohmann::json& list) {
    std::vector<std::int64_t> out;
    for (const auto& t : list["tickets"]) out.push_back(t["number"].get<std::int64_t>());
    return out;
  }
  // What the outbox holds for a platform user, in order.
  std::vector<std::string> messages_to(const std::string& user) {
    std::vector<std::string> out;
    SQLite::Statement s(reader_db, "SELECT text FROM outbox WHERE user_id = ? ORDER BY id");
    s.bind(1, user);
    while (s.executeStep()) out.push_back(s.getColumn(0).getString());
    return out;
  }
};

// A ticket of a grid, created `age` before the rig's clock.
inline Ticket ticket_in(std::int64_t number, const std::string& grid, const std::string& community, Seconds age,
                        const std::string& text = "3号楼下水道堵了") {
  Ticket t = sample_ticket(number);
  t.grid = grid;
  t.community = community;
  t.text = text;
  t.created_at = t.updated_at = Time(Seconds(1'794'967'200)) - age;
  t.claim_due_at = t.created_at + Seconds(7200);
  t.resolve_due_at = t.created_at + Seconds(3 * 86400);
  return t;
}

}  // namespace gridbot::testing
