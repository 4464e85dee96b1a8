// The process side of the calendar's end: the daily log line and the weekly check timer, which a
// restart replaces without repeating a week's DM.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include "bot/calendar_watch.hpp"
#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "bot/policy_loader.hpp"
#include "storage/database.hpp"
#include "tests/support/organization_snapshots.hpp"

using namespace gridbot;

namespace {
const Time wednesday_10am = Time(Seconds(1'794'967'200));  // 2026-11-18 10:00 Beijing
}

TEST_CASE("the calendar warning is logged once per local day while the calendar is short") {
  const OrganizationFile file = sample_organization_file();
  Organization org = parse_organization(file.text, file.source);
  const Policy policy = parse_policy(file.text, file.source, file.base_dir, org);
  DailyCalendarWarning warning(policy.calendar);
  CHECK(warning.due(wednesday_10am).find("ends on 2026-12-31") != std::string::npos);
  CHECK(warning.due(wednesday_10am + std::chrono::hours(13)).empty());  // 23:00, the same day
  CHECK_FALSE(warning.due(wednesday_10am + std::chrono::hours(14)).empty());  // 00:00, the next day

  const auto covered = WorkingCalendar::parse(R"({"holidays": ["2027-01-01"]})", "calendar.json");
  DailyCalendarWarning quiet(covered);
  CHECK(quiet.due(wednesday_10am).empty());
}

TEST_CASE("the weekly check stays one pending timer across restarts and DMs the street officer on Monday") {
  SQLite::Database db = storage::open_database(":memory:");
  storage::Store store(db);
  const OrganizationFile file = sample_organization_file();
  Organization org = parse_organization(file.text, file.source);
  const Policy policy = parse_policy(file.text, file.source, file.base_dir, org);
  ManualClock clock(wednesday_10am);
  boost::asio::io_context io;
  watch_calendar(io, db, store, clock, policy.calendar);
  watch_calendar(io, db, store, clock, policy.calendar);  // a restart
  CHECK(store.timers.count_pending() == 1);

  OrganizationSnapshots orgs{testing::shared(std::move(org))};
  Pipeline pipeline(store, orgs, policy, templates::Catalog::builtin(), clock);
  clock.advance(std::chrono::hours(5 * 24 - 1) - std::chrono::minutes(1));  // Monday 08:59
  CHECK(pipeline.fire_due_timers() == 0);
  clock.advance(std::chrono::minutes(2));  // Monday 09:01
  CHECK(pipeline.fire_due_timers() == 1);
  CHECK(store.outbox.count("pending") == 1);  // 高建, the one street officer
  CHECK(store.timers.count_pending() == 1);   // next Monday's
}
