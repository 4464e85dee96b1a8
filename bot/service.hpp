// The assembled service: configuration, organization, database, pipeline, platforms, HTTP.
// serve.cpp runs it; tests construct it too.
#pragma once

#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <SQLiteCpp/Database.h>

#include "bot/checkpointer.hpp"
#include "bot/clock.hpp"
#include "bot/config.hpp"
#include "bot/console/auth.hpp"
#include "bot/console/static_files.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/cross_site_guard.hpp"
#include "bot/http/router.hpp"
#include "bot/http/server.hpp"
#include "bot/console/organization_file.hpp"
#include "bot/organization_loader.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/outbox_sender.hpp"
#include "bot/pipeline.hpp"
#include "bot/readers.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/retention.hpp"
#include "bot/rosters/roster_refresher.hpp"
#include "bot/scheduler.hpp"
#include "bot/write_health.hpp"
#include "bot/writer.hpp"
#include "handlers/organization.hpp"
#include "handlers/policy.hpp"
#include "storage/store.hpp"
#include "templates/catalog.hpp"

namespace gridbot {

class Service {
 public:
  // Loads everything the config names; throws ConfigError for a bad file or key.
  explicit Service(Config config);
  ~Service();

  // Listens, starts the sender and scheduler, and runs until SIGINT/SIGTERM, then drains.
  void run();

  // What it answers to: tests hold the routes to docs/openapi.yaml.
  const http::Router& router() const { return router_; }

 private:
  void add_routes();
  void shutdown();

  Config config_;
  // Where the organization came from and where the console's edits are written (the same file,
  // or <data_dir>/organization.json when the service runs on the built-in sample).
  console::OrganizationSource org_source_;
  // Swapped whole by the console's edits; every unit of work takes current() once. The policy is
  // read once at start-up from the file as it was then: edits change people and groups, not rules.
  OrganizationSnapshots orgs_;
  templates::Catalog text_;
  Policy policy_;
  std::unique_ptr<Clock> clock_;
  ManualClock* manual_clock_ = nullptr;  // set under --test-clock
  // Threads: the event loop (io_: HTTP, sender, scheduler) reads through reader_ (/healthz, the
  // outbox's due rows, webhooks' lookups: index seeks); the console's heavy reads run on readers_,
  // each thread with its own connection; the writer thread owns db_/store_ and commits in groups;
  // the checkpointer has its own connection.
  std::string db_path_;
  SQLite::Database db_;
  storage::Store store_;
  SQLite::Database reader_db_;
  storage::Store reader_;
  boost::asio::io_context io_;
  Writer writer_;  // after io_: pending completions hold the event loop's coroutines
  Readers readers_;  // after io_, for the same reason
  Checkpointer checkpointer_;
  Pipeline pipeline_;
  OutboxSender sender_;
  RosterRefresher rosters_;  // the platforms' group member lists, around notices
  Scheduler scheduler_;
  Retention retention_;
  WriteHealth write_health_;
  // Who a console or /api/v1 request comes from: every console route asks it first.
  console::Authenticate authenticate_;
  std::unique_ptr<console::ConsoleAuth> console_auth_;  // sign-in, sessions; behind authenticate_
  std::unique_ptr<console::StaticFiles> console_files_;  // the built page at /console/
  http::Router router_;
  http::Server server_;
  http::CrossSiteGuard test_clock_guard_;  // the clock route has no sign-in either
  // One per enabled platforms.<name> entry, built through bot/platforms/registry.
  std::vector<std::unique_ptr<platforms::Adapter>> adapters_;
};

}  // namespace gridbot
