// The console's ticket API (docs/openapi.yaml, "tickets"): the board with its filters, the same as
// CSV, the overdue board, one ticket with its timeline, and the desk's actions on it (assign,
// transfer, supervise, note). Reads run on the reader pool (bot/console/read_route) with the
// viewer's scope in the SQL; actions run as pure handlers (handlers/console_actions) on the writer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "bot/clock.hpp"
#include "bot/console/read_route.hpp"
#include "bot/console/ticket_json.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/readers.hpp"
#include "bot/writer.hpp"
#include "handlers/calendar.hpp"
#include "handlers/organization.hpp"
#include "handlers/policy.hpp"
#include "storage/store.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

// The CSV holds every match in one string: past this many rows it is refused (400) and the desk
// narrows the filters (at ~300 bytes a row, 100k rows is ~30 MB).
inline constexpr std::int64_t max_csv_rows = 100'000;

struct TicketsApi {
  Writer& writer;
  // The HTTP thread's read-only connection: only an action's one ticket, read by its number.
  storage::Store& reader;
  Readers& readers;  // the board, CSV, overdue board and detail run there
  const OrganizationSnapshots& orgs;  // each request reads the snapshot current when it starts
  const Policy& policy;
  const templates::Catalog& text;
  const Clock& clock;
  Authenticate authenticate;
  WorkingCalendar calendar;      // the service's time zone (Config.time_zone), for dates
  std::function<void()> queued;  // an action queued messages: the outbox sender should look
  ConsoleUserNames console_users;  // who the timeline's console actions were by

  void add_routes(http::Router& router);

 private:
  // On a reader thread, for the viewer the HTTP thread found.
  http::Response board(const ReadRequest& q) const;
  http::Response csv(const ReadRequest& q) const;
  http::Response overdue(const ReadRequest& q) const;
  http::Response detail(const ReadRequest& q) const;
  boost::asio::awaitable<http::Response> act(const http::Request& request, const http::Params& params);
};

}  // namespace gridbot::console
