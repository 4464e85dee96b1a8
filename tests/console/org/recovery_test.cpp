// A crash after an edit renamed the organization file and before its reassignments committed
// leaves open tickets with a member the file no longer has: the next start hands them on, once.
#include <doctest/doctest.h>

#include <fstream>

#include "bot/service.hpp"
#include "storage/database.hpp"
#include "storage/organization_repository.hpp"
#include "tests/support/sample_ticket.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {

int events_of(SQLite::Database& db, std::int64_t ticket, const std::string& kind) {
  SQLite::Statement q(db, "SELECT COUNT(*) FROM ticket_events WHERE ticket = ? AND kind = ?");
  q.bind(1, ticket);
  q.bind(2, kind);
  q.executeStep();
  return q.getColumn(0).getInt();
}

}  // namespace

TEST_CASE("at start, open tickets held by a member missing from the organization go to the grid head, exactly once") {
  testing::TempDir dir;
  Config config;
  config.data_dir = dir.path().string();
  config.organization = dir.file("organization.json");
  const std::string db_path = dir.file("gridbot.db");
  {
    // As the crashed edit left it: the tables and the ticket from before, the file without 王芳.
    SQLite::Database db = storage::open_database(db_path);
    storage::Store store(db);
    storage::replace_organization(db, parse_organization(sample_organization_file().text, "sample.json"));
    Ticket open = testing::sample_ticket(1001);
    Ticket resolved = testing::sample_ticket(1002);
    resolved.state = TicketState::resolved;
    store.apply({SaveTicket{open}, RecordEvent{1001, "created", open.reporter_id, open.text, open.created_at},
                 SaveTicket{resolved}},
                open.created_at);
    auto doc = nlohmann::json::parse(sample_organization_file().text);
    auto& members = doc["members"];
    for (auto it = members.begin(); it != members.end(); ++it)
      if ((*it)["id"] == "wangfang") {
        members.erase(it);
        break;
      }
    std::ofstream(config.organization) << doc.dump(2);
  }

  { Service service(config); }
  SQLite::Database db(db_path);
  storage::Store store(db);
  const auto ticket = store.tickets.find(1001);
  REQUIRE(ticket);
  CHECK(ticket->owner == "liqiang");  // xfl-1's grid head
  CHECK(events_of(db, 1001, "reassigned") == 1);
  for (const auto& e : store.tickets.timeline(1001))
    if (e.kind == "reassigned") {
      CHECK(e.actor == "system");
      CHECK(e.detail.find("王芳（wangfang）") != std::string::npos);  // the name the tables last had
      CHECK(e.detail.find("李强（liqiang）") != std::string::npos);
    }
  CHECK(db.execAndGet("SELECT COUNT(*) FROM outbox WHERE user_id = 'liqiang' AND ticket = 1001").getInt() == 1);
  CHECK(store.tickets.find(1002)->owner == "wangfang");  // a closed matter keeps its history
  CHECK(db.execAndGet("SELECT COUNT(*) FROM members WHERE id = 'wangfang'").getInt() == 0);

  // The next start finds nothing left to hand on.
  { Service service(config); }
  CHECK(events_of(db, 1001, "reassigned") == 1);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM outbox WHERE user_id = 'liqiang' AND ticket = 1001").getInt() == 1);
}
