// The console's organization page: GET /api/v1/organization (what the viewer's scope holds), and
// edits that take effect without a restart — PUT/DELETE a member, PUT a group or grid, and CSV
// imports of members or groups (every valid row applied, every invalid one reported).
//
// An edit runs as one writer job: it edits the organization file's document, has the loader
// re-read it (so nothing start-up would refuse gets in), hands the open tickets of members who
// left to their grid heads (handlers/roster_change), replaces the organization tables and
// rewrites the file atomically — all in the transaction that commits them. Only after that commit
// is the new snapshot swapped in, so work in flight finishes on the one it took. Edits queue on
// the writer thread, so two at once cannot lose each other's change.
#pragma once

#include <functional>
#include <string>

#include "bot/clock.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/writer.hpp"
#include "handlers/policy.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

struct OrganizationApi {
  Writer& writer;
  OrganizationSnapshots& orgs;
  const Policy& policy;  // read once at start-up: edits change people and groups, not the rules
  const templates::Catalog& text;
  const Clock& clock;
  Authenticate authenticate;
  std::string path;       // the file edits are written to
  std::string document;   // its text as loaded (the current snapshot's source)
  std::function<void()> queued;  // an edit queued notifications: the outbox sender should look
  // After each swap, with the new snapshot's file text: the console's sign-in reads its users.
  std::function<void(const std::string& document, const Organization& org)> published;

  void add_routes(http::Router& router);
};

}  // namespace gridbot::console
