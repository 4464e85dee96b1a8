#include "bot/service.hpp"

#include <csignal>
#include <filesystem>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <SQLiteCpp/Transaction.h>

#include "bot/calendar_watch.hpp"
#include "bot/console/organization_api.hpp"
#include "bot/console/roster_recovery.hpp"
#include "bot/console/open311_adapter.hpp"
#include "bot/console/open311_api.hpp"
#include "bot/console/tickets_api.hpp"
#include "bot/console/figures_api.hpp"
#include "bot/health.hpp"
#include "bot/log.hpp"
#include "bot/notices_api.hpp"
#include "bot/organization_loader.hpp"
#include "bot/platforms/registry.hpp"
#include "bot/policy_loader.hpp"
#include "handlers/calendar_watch.hpp"
#include "handlers/understand/understand.hpp"
#include "storage/database.hpp"
#include "storage/organization_repository.hpp"

extern const std::string_view gridbot_embedded_templates_zh_cn;

namespace gridbot {

namespace asio = boost::asio;
using http::Status;

namespace {

std::unique_ptr<Clock> make_clock(const Config& c) {
  if (c.test_clock)
    return std::make_unique<ManualClock>(c.test_clock_start ? Time(Seconds(*c.test_clock_start)) : SystemClock().now());
  return std::make_unique<SystemClock>();
}

std::string database_path(const Config& c) {
  std::error_code ec;
  std::filesystem::create_directories(c.data_dir, ec);
  if (ec) throw ConfigError(c.source + ": data_dir: cannot create '" + c.data_dir + "': " + ec.message());
  return (std::filesystem::path(c.data_dir) / "gridbot.db").string();
}

http::ServerLimits server_limits(const Config& c) {
  http::ServerLimits limits;
  limits.max_connections = c.max_connections;
  return limits;
}

// Sessions and the sign-in throttle keep wall time even under --test-clock: a test that moves
// the clock days ahead to see a deadline pass must not sign its browser out.
const Clock& wall_clock() {
  static const SystemClock clock;
  return clock;
}

// The console users of an organization file, less the sample's demo passwords beyond loopback.
std::vector<console::ConsoleUser> console_users(const Config& c, const OrganizationFile& file, const Organization& org) {
  auto users = console::parse_console_users(file, org);
  for (const auto& refused : console::refuse_sample_passwords(users, file.source, c.listen_host))
    log::warn("console", "{}", refused);
  return users;
}

std::unique_ptr<console::ConsoleAuth> console_auth(const Config& c, const OrganizationFile& file, const OrganizationSnapshots& orgs) {
  return std::make_unique<console::ConsoleAuth>(console_users(c, file, *orgs.current()), orgs, wall_clock(),
                                                console::AuthSettings{.secure_cookie = c.console.behind_tls,
                                                                      .trusted_proxies = c.console.trusted_proxies});
}

std::string archive_path(const Config& c) {
  return c.retention.archive.empty() ? (std::filesystem::path(c.data_dir) / "tickets-archive.jsonl").string()
                                     : c.retention.archive;
}

}  // namespace

Service::Service(Config config)
    : config_(std::move(config)),
      org_source_(console::organization_source(config_.organization, config_.data_dir)),
      orgs_(std::make_shared<const Organization>(parse_organization(org_source_.file.text, org_source_.file.source))),
      text_(templates::Catalog::parse(gridbot_embedded_templates_zh_cn, "templates/zh-CN.json", config_.time_zone)),
      policy_(parse_policy(org_source_.file.text, org_source_.file.source, org_source_.file.base_dir, *orgs_.current())),
      clock_(make_clock(config_)),
      manual_clock_(dynamic_cast<ManualClock*>(clock_.get())),
      db_path_(database_path(config_)),
      db_(storage::open_database(db_path_)),
      store_(db_),
      reader_db_(storage::open_reader(db_path_)),
      reader_(reader_db_),
      writer_(store_, WriterLimits{.wal_limit = 16 * 1024 * 1024}),
      readers_([this] { return storage::open_reader(db_path_); },
               ReaderLimits{.threads = config_.console.readers, .max_queued = config_.console.read_queue}),
      checkpointer_(db_path_),
      pipeline_(store_, orgs_, policy_, text_, *clock_, &writer_, &reader_),
      sender_(io_, reader_, writer_, *clock_),
      rosters_(io_, reader_, writer_, orgs_, *clock_),
      scheduler_(io_, pipeline_),
      retention_(io_, db_, config_.retention, archive_path(config_), *clock_, &writer_),
      server_(io_, router_, server_limits(config_)),
      test_clock_guard_({config_.listen_host}) {
  log::set_time_zone(config_.time_zone);  // the catalog above has refused an unknown zone
  {
    // One transaction: tickets left with members the file no longer has (a crash between an
    // edit's rename and its commit) are handed on, and the tables take the file.
    SQLite::Transaction tx(db_);
    const auto handed_on = console::hand_over_missing_members(store_, *orgs_.current(), policy_, text_, clock_->now());
    storage::replace_organization(db_, *orgs_.current());
    tx.commit();
    if (!handed_on.empty())
      log::warn("organization", "{} open tickets were held by members no longer in {}: handed to their grid heads (ticket {} first)",
                handed_on.size(), org_source_.file.source, handed_on.front());
  }
  // Checkpoints run on the checkpointer's thread, never inside a commit; when the WAL starts over
  // it is cut back to the checkpointer's limit.
  db_.exec("PRAGMA wal_autocheckpoint=0");
  db_.exec("PRAGMA journal_size_limit=16777216");
  pipeline_.on_commit = [this] { sender_.nudge(); };
  // Every write goes through the writer's one commit point, which tells /healthz how it went;
  // the pipeline's and retention's synchronous paths (tests, benches) report too.
  writer_.write_health = &write_health_;
  pipeline_.write_health = &write_health_;
  retention_.write_health = &write_health_;
  adapters_ = platforms::make_adapters(platforms::PlatformDeps{
      io_, reader_, writer_, pipeline_, orgs_, *clock_, text_, config_,
      platforms::TextCap{config_.max_text_bytes, text_.render("inbound.truncated")}});
  console_auth_ = console_auth(config_, org_source_.file, orgs_);
  console_files_ = std::make_unique<console::StaticFiles>(config_.console.dist, text_);
  if (!console_files_->built())
    log::warn("console", "{}/index.html not found: /console/ answers a page saying to build it with ./run build",
              config_.console.dist);
  adapters_.push_back(std::make_unique<console::Open311Adapter>());  // Open311 requesters poll; nothing is sent
  for (auto& adapter : adapters_) {
    sender_.add_adapter(*adapter);
    rosters_.add_adapter(*adapter);
  }
  const auto org = orgs_.current();
  for (const auto& g : org->groups)
    if (!sender_.has_adapter(g.platform))
      log::warn("config", "group '{}' is on platform '{}', which is not enabled: its messages are not read", g.id, g.platform);
  add_routes();
}

Service::~Service() = default;

void Service::add_routes() {
  // Liveness without the database: also the bare route benchmarks measure the server's ceiling on.
  router_.add(http::Verb::get, "/ping", [](const http::Request&, const http::Params&) {
    return http::text_response(Status::ok, "", "text/plain");
  });
  // Counters kept by the schema (one row each), read from the reader connection: cheap at any size.
  router_.add(http::Verb::get, "/healthz", [this](const http::Request&, const http::Params&) {
    const Time now = clock_->now();
    // Read on the reader connection: the writer's belongs to the writer thread.
    return health_response(write_health_, reader_, now, calendar_health(policy_.calendar, now));
  });
  for (auto& adapter : adapters_) adapter->add_routes(router_);
  // Sign-in and the console page: the session cookie first, else an admin's bearer token; a
  // cookie-authenticated write from another origin is refused before any route sees it.
  authenticate_ = console_auth_->authenticator();
  router_.add_filter(console::ConsoleAuth::cross_origin_filter());
  console_auth_->add_routes(router_);
  console_files_->add_routes(router_);
  NoticesApi{writer_, readers_, orgs_, policy_, text_, *clock_, [this](const http::Request& request) { return authenticate_(request); }, [this] { sender_.nudge(); }}.add_routes(router_);
  // The organization page: edits and imports swap orgs_ without a restart (bot/console/organization_api).
  console::OrganizationApi{writer_,
                           orgs_,
                           policy_,
                           text_,
                           *clock_,
                           [this](const http::Request& request) { return authenticate_(request); },
                           org_source_.edits_path,
                           org_source_.file.text,
                           [this] { sender_.nudge(); },
                           [this](const std::string& document, const Organization& org) {
                             console_auth_->replace_users(console_users(
                                 config_, {document, org_source_.file.source, org_source_.file.base_dir}, org));
                           }}
      .add_routes(router_);
  // The console's tickets and Open311. Through authenticate_ as it is when a request comes.
  console::TicketsApi{writer_, reader_, readers_, orgs_, policy_, text_, *clock_,
                      [this](const http::Request& r) { return authenticate_(r); },
                      WorkingCalendar::standard(config_.time_zone), [this] { sender_.nudge(); },
                      [this](std::string_view id) -> std::optional<console::ConsoleUserName> {
                        const auto users = console_auth_->users();
                        const console::ConsoleUser* u = users->find(id);
                        if (!u) return std::nullopt;
                        return console::ConsoleUserName{u->member, u->name};
                      }}
      .add_routes(router_);
  console::Open311Api{pipeline_, reader_, readers_, orgs_, text_, *clock_, console::read_open311_keys(org_source_.file.text, org_source_.file.source)}
      .add_routes(router_);
  // Figures (分析研判) and early warnings (监测预警): reads only, on the reader pool.
  console::FiguresApi{readers_, orgs_, text_, *clock_, WorkingCalendar::standard(config_.time_zone),
                      [this](const http::Request& r) { return authenticate_(r); }}
      .add_routes(router_);
  if (!manual_clock_) return;
  // Only under --test-clock: tests move time forward and see deadlines fire at once.
  router_.add_async(http::Verb::post, "/local/api/clock",
                    test_clock_guard_.wrap_async([this](const http::Request& request,
                                                   const http::Params&) -> asio::awaitable<http::Response> {
    auto body = nlohmann::json::parse(request.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object())
      co_return http::error_response(Status::bad_request, "body must be a JSON object");
    if (!body.contains("advance_seconds") || !body["advance_seconds"].is_number_integer() ||
        body["advance_seconds"].get<std::int64_t>() < 0 || body["advance_seconds"].get<std::int64_t>() > 10LL * 366 * 86400)
      co_return http::error_response(Status::bad_request, "'advance_seconds' must be a whole number from 0 to 10 years");
    manual_clock_->advance(Seconds(body["advance_seconds"].get<std::int64_t>()));
    const int fired = co_await pipeline_.fire_due_timers_async();
    sender_.nudge();
    co_return http::json_response(Status::ok, {{"now", clock_->now().time_since_epoch().count()}, {"fired", fired}});
  }));
  router_.add(http::Verb::get, "/local/api/clock", [this](const http::Request&, const http::Params&) {
    return http::json_response(Status::ok, {{"now", clock_->now().time_since_epoch().count()}});
  });
}

void Service::shutdown() {
  log::info("serve", "stopping: no new connections; finishing requests and sends in flight");
  server_.stop();
  scheduler_.stop();
  retention_.stop();
  for (auto& adapter : adapters_) adapter->stop();
  rosters_.stop();
  sender_.stop();
  asio::co_spawn(
      io_,
      [this]() -> asio::awaitable<void> {
        asio::steady_timer wait(io_);
        for (int i = 0; i < 500 && (server_.requests_in_flight() > 0 || !sender_.idle() || !rosters_.idle()); ++i) {
          wait.expires_after(std::chrono::milliseconds(20));
          co_await wait.async_wait(asio::use_awaitable);
        }
        io_.stop();
      },
      asio::detached);
}

void Service::run() {
  // Train the understanding model now, so the first resident's message does not wait for it and
  // "listening" means ready.
  understand::load_model();
  server_.listen(config_.listen_host, config_.listen_port);
  asio::signal_set signals(io_, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) shutdown();
  });
  // Before the writer starts: the one write it makes runs on this thread, alone.
  watch_calendar(io_, db_, store_, *clock_, policy_.calendar);
  writer_.start();
  readers_.start();
  checkpointer_.start();
  sender_.start();
  rosters_.start();
  scheduler_.start();
  retention_.start();
  for (auto& adapter : adapters_) adapter->start();
  log::info("serve", "gridbot listening on http://{}:{}/ (organization: {}, data: {}, clock: {}, at most {} connections)",
            config_.listen_host, server_.port(), org_source_.file.source,
            config_.data_dir, manual_clock_ ? "test" : "system", server_.max_connections());
  io_.run();
  readers_.stop();  // runs what is queued; the event loop is gone, so nobody resumes from it
  writer_.stop();  // commits what is still queued
  checkpointer_.stop();
  log::info("serve", "stopped");
}

}  // namespace gridbot
