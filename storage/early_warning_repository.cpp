#include "storage/early_warning_repository.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

namespace {

constexpr const char* alert_columns =
    "id, category, grid, community, building, count, window_seconds, raised_at, last_report_at, tickets";

Time time_of(const SQLite::Column& c) { return Time(Seconds(c.getInt64())); }

Alert read_alert(SQLite::Statement& s) {
  Alert a;
  a.id = s.getColumn(0).getInt64();
  a.category = s.getColumn(1).getString();
  a.grid = s.getColumn(2).getString();
  a.community = s.getColumn(3).getString();
  a.building = s.getColumn(4).getString();
  a.count = s.getColumn(5).getInt64();
  a.window = Seconds(s.getColumn(6).getInt64());
  a.raised_at = time_of(s.getColumn(7));
  a.last_report_at = time_of(s.getColumn(8));
  auto tickets = nlohmann::json::parse(s.getColumn(9).getString(), nullptr, false);
  if (tickets.is_array())
    for (const auto& n : tickets)
      if (n.is_number_integer()) a.tickets.push_back(n.get<std::int64_t>());
  return a;
}

// Parameters from `first`: category, grid, community, building, count, window, raised_at,
// last_report_at, tickets.
void bind_alert(SQLite::Statement& s, const Alert& a, int first) {
  bind_text(s, first, a.category);
  bind_text(s, first + 1, a.grid);
  bind_text(s, first + 2, a.community);
  bind_text(s, first + 3, a.building);
  s.bind(first + 4, a.count);
  s.bind(first + 5, static_cast<std::int64_t>(a.window.count()));
  bind_time(s, first + 6, a.raised_at);
  bind_time(s, first + 7, a.last_report_at);
  bind_text(s, first + 8, nlohmann::json(a.tickets).dump());
}

}  // namespace

EarlyWarningRepository::EarlyWarningRepository(SQLite::Database& db)
    : ongoing_(db, std::string("SELECT ") + alert_columns +
                       " FROM alerts WHERE grid = ? AND category = ? AND last_report_at > ? ORDER BY last_report_at DESC LIMIT 1"),
      reports_(db, "SELECT ticket, at, building FROM grid_reports WHERE grid = ? AND category = ? AND at > ? ORDER BY at"),
      recent_(db, std::string("SELECT ") + alert_columns +
                      " FROM alerts WHERE ?1 IS NULL OR community IN (SELECT value FROM json_each(?1)) ORDER BY id DESC LIMIT ?2"),
      insert_(db, "INSERT INTO alerts(category, grid, community, building, count, window_seconds, raised_at, last_report_at, tickets) "
                  "VALUES(?,?,?,?,?,?,?,?,?)"),
      update_(db, "UPDATE alerts SET category = ?, grid = ?, community = ?, building = ?, count = ?, window_seconds = ?, raised_at = ?, "
                  "last_report_at = ?, tickets = ? WHERE id = ?"),
      forget_(db, "DELETE FROM grid_reports WHERE grid = ? AND category = ? AND at <= ?"),
      record_(db, "INSERT INTO grid_reports(grid, category, at, ticket, building) VALUES(?,?,?,?,?)") {}

std::optional<Alert> EarlyWarningRepository::ongoing_alert(std::string_view grid, std::string_view category, Time since) const {
  Reset guard(ongoing_);
  bind_text(ongoing_, 1, grid);
  bind_text(ongoing_, 2, category);
  bind_time(ongoing_, 3, since);
  if (!ongoing_.executeStep()) return std::nullopt;
  return read_alert(ongoing_);
}

std::vector<GridReport> EarlyWarningRepository::reports_since(std::string_view grid, std::string_view category, Time since) const {
  Reset guard(reports_);
  bind_text(reports_, 1, grid);
  bind_text(reports_, 2, category);
  bind_time(reports_, 3, since);
  std::vector<GridReport> out;
  while (reports_.executeStep())
    out.push_back({reports_.getColumn(0).getInt64(), time_of(reports_.getColumn(1)), reports_.getColumn(2).getString()});
  return out;
}

void EarlyWarningRepository::save(const Alert& alert) {
  SQLite::Statement& s = alert.id == 0 ? insert_ : update_;
  Reset guard(s);
  bind_alert(s, alert, 1);
  if (alert.id != 0) s.bind(10, alert.id);
  s.exec();
}

void EarlyWarningRepository::record(const RecordReport& r) {
  {
    Reset guard(forget_);
    bind_text(forget_, 1, r.grid);
    bind_text(forget_, 2, r.category);
    bind_time(forget_, 3, r.forget_before);
    forget_.exec();
  }
  Reset guard(record_);
  bind_text(record_, 1, r.grid);
  bind_text(record_, 2, r.category);
  bind_time(record_, 3, r.report.at);
  record_.bind(4, r.report.ticket);
  bind_text(record_, 5, r.report.building);
  record_.exec();
}

std::vector<Alert> EarlyWarningRepository::recent(const std::optional<std::vector<std::string>>& communities, int limit) const {
  Reset guard(recent_);
  if (communities) bind_text(recent_, 1, nlohmann::json(*communities).dump());
  recent_.bind(2, limit);
  std::vector<Alert> out;
  while (recent_.executeStep()) out.push_back(read_alert(recent_));
  return out;
}

}  // namespace gridbot::storage
