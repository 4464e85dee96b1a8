// The figures (分析研判) and early warnings (监测预警) for the console: GET /api/v1/figures, its
// drill-down /api/v1/figures/tickets, /api/v1/figures.csv and /api/v1/alerts (docs/openapi.yaml).
// Every read is on the reader connection and in SQL; the viewer's scope is a condition of the
// query, never a filter applied to rows already read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/clock.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "bot/organization_snapshots.hpp"
#include "handlers/calendar.hpp"
#include "handlers/organization.hpp"
#include "storage/store.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

struct FiguresApi {
  storage::Store& reader;  // the HTTP thread's read-only connection
  const OrganizationSnapshots& orgs;  // each request reads the snapshot current when it starts
  const templates::Catalog& text;
  const Clock& clock;
  WorkingCalendar zone;  // only its time zone (Config.time_zone): what a date means
  Authenticate authenticate;

  void add_routes(http::Router& router);

 private:
  http::Response figures(const http::Request& request, const http::Params& params) const;
  http::Response drill_down(const http::Request& request, const http::Params& params) const;
  http::Response csv(const http::Request& request, const http::Params& params) const;
  http::Response alerts(const http::Request& request, const http::Params& params) const;
};

// The communities a viewer's figures are limited to; nothing when it sees them all.
std::optional<std::vector<std::string>> visible_communities(const Viewer& viewer, const Organization& org);

}  // namespace gridbot::console
