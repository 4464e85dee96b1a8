// A console read route answered on the reader pool (bot/readers.hpp): the HTTP thread
// authenticates (the session store is its own), takes the organization snapshot and the time,
// and hands them with the request to a reader thread, which runs the SQL and builds the JSON or
// CSV. A full read queue answers 503 with Retry-After at once, in Chinese.
#pragma once

#include <functional>

#include "bot/clock.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/readers.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

// What a read answers from, on the reader thread.
struct ReadRequest {
  const Viewer* viewer;  // nothing on a public route (Open311)
  const Organization& org;  // the snapshot current when the request came
  Time now;
  const http::Request& request;
  const http::Params& params;
  storage::Store& store;  // the reader thread's read-only connection
};

using ReadAnswer = std::function<http::Response(const ReadRequest&)>;

struct ReadRouteDeps {
  Readers& readers;
  const OrganizationSnapshots& orgs;
  const Clock& clock;
  const templates::Catalog& text;
};

// A signed-in route: no viewer answers 401 on the HTTP thread, without touching a reader.
http::AsyncHandler read_route(ReadRouteDeps deps, Authenticate authenticate, ReadAnswer answer);
// A public route; `busy` puts the full queue's 503 and its reason in the route's own error shape.
using BusyAnswer = std::function<http::Response(http::Status status, std::string reason)>;
http::AsyncHandler public_read_route(ReadRouteDeps deps, ReadAnswer answer, BusyAnswer busy);

// A full queue: 503 with Retry-After and a Chinese reason ({"error": ...} unless `busy` says otherwise).
http::Response readers_busy_response(const templates::Catalog& text, const BusyAnswer& busy = {});
inline constexpr int readers_busy_retry_seconds = 1;

}  // namespace gridbot::console
