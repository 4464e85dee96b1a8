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

OrganizationFile organization_file(const Config& c) {
  return c.organization.empty() ? sample_organization_file() : read_organization_file(c.organization);
}

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

std::string archive_path(const Config& c) {
  return c.retention.archive.empty() ? (std::filesystem::path(c.data_dir) / "tickets-archive.jsonl").string()
                                     : c.retention.archive;
}

}  // namespace

Service::Service(Config config)
    : config_(std::move(config)),
      org_file_(organization_file(config_)),
      org_(parse_organization(org_file_.text, org_file_.source)),
      text_(templates::Catalog::parse(gridbot_embedded_templates_zh_cn, "templates/zh-CN.json", config_.time_zone)),
      policy_(parse_policy(org_file_.text, org_file_.source, org_file_.base_dir, org_)),
      clock_(make_clock(config_)),
      manual_clock_(dynamic_cast<ManualClock*>(clock_.get())),
      db_path_(database_path(config_)),
      db_(storage::open_database(db_path_)),
      store_(db_),
      reader_db_(storage::open_reader(db_path_)),
      reader_(reader_db_),
      writer_(store_, WriterLimits{.wal_limit = 16 * 1024 * 1024}),
      checkpointer_(db_path_),
      pipeline_(store_, org_, policy_, text_, *clock_, &writer_, &reader_),
      sender_(io_, reader_, writer_, *clock_),
      scheduler_(io_, pipeline_),
      retention_(io_, db_, config_.retention, archive_path(config_), *clock_, &writer_),
      server_(io_, router_, server_limits(config_)),
      test_clock_guard_({config_.listen_host}) {
  log::set_time_zone(config_.time_zone);  // the catalog above has refused an unknown zone
  {
    SQLite::Transaction tx(db_);
    storage::replace_organization(db_, org_);
    tx.commit();
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
      io_, reader_, writer_, pipeline_, org_, *clock_, text_, config_,
      platforms::TextCap{config_.max_text_bytes, text_.render("inbound.truncated")}});
  for (auto& adapter : adapters_) sender_.add_adapter(*adapter);
  for (const auto& g : org_.groups)
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
  authenticate_ = [this](const http::Request& request) { return console::bearer_viewer(request, org_); };
  NoticesApi{writer_, reader_, org_, policy_, text_, *clock_, [this] { sender_.nudge(); }}.add_routes(router_);
  // Figures (分析研判) and early warnings (监测预警): reads only, on the reader connection.
  console::FiguresApi{reader_, org_, text_, *clock_, WorkingCalendar::standard(config_.time_zone), authenticate_}.add_routes(router_);
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
  sender_.stop();
  asio::co_spawn(
      io_,
      [this]() -> asio::awaitable<void> {
        asio::steady_timer wait(io_);
        for (int i = 0; i < 500 && (server_.requests_in_flight() > 0 || !sender_.idle()); ++i) {
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
  checkpointer_.start();
  sender_.start();
  scheduler_.start();
  retention_.start();
  for (auto& adapter : adapters_) adapter->start();
  log::info("serve", "gridbot listening on http://{}:{}/ (organization: {}, data: {}, clock: {}, at most {} connections)",
            config_.listen_host, server_.port(), config_.organization.empty() ? "built-in sample" : config_.organization,
            config_.data_dir, manual_clock_ ? "test" : "system", server_.max_connections());
  io_.run();
  writer_.stop();  // commits what is still queued
  checkpointer_.stop();
  log::info("serve", "stopped");
}

}  // namespace gridbot
