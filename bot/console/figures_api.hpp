// The figures (分析研判) and early warnings (监测预警) for the console: GET /api/v1/figures, its
// drill-down /api/v1/figures/tickets, /api/v1/figures.csv and /api/v1/alerts (docs/openapi.yaml).
// Every read runs on the reader pool (bot/console/read_route) and in SQL; the viewer's scope is a
// condition of the query, never a filter applied to rows already read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/clock.hpp"
#include "bot/console/read_route.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "bot/organization_snapshots.hpp"
#include "handlers/calendar.hpp"
#include "handlers/organization.hpp"
#include "bot/readers.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

struct FiguresApi {
  Readers& readers;  // the heavy reads run there, off the HTTP thread
  const OrganizationSnapshots& orgs;  // each request reads the snapshot current when it starts
  const templates::Catalog& text;
  const Clock& clock;
  WorkingCalendar zone;  // only its time zone (Config.time_zone): what a date means
  Authenticate authenticate;

  void add_routes(http::Router& router);

 private:
  // On a reader thread, for the viewer the HTTP thread found.
  http::Response figures(const ReadRequest& q) const;
  http::Response drill_down(const ReadRequest& q) const;
  http::Response csv(const ReadRequest& q) const;
  http::Response alerts(const ReadRequest& q) const;
};

// The communities a viewer's figures are limited to; nothing when it sees them all.
std::optional<std::vector<std::string>> visible_communities(const Viewer& viewer, const Organization& org);

}  // namespace gridbot::console
