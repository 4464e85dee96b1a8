// Early warnings (监测预警) in SQLite: the alerts, and each grid's recent reports per category (only
// as far back as a window reaches: recording a report forgets the older ones of its place).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/early_warning_alert.hpp"

namespace gridbot::storage {

class EarlyWarningRepository : public EarlyWarningReader {
 public:
  explicit EarlyWarningRepository(SQLite::Database& db);

  std::optional<Alert> ongoing_alert(std::string_view grid, std::string_view category, Time since) const override;
  std::vector<GridReport> reports_since(std::string_view grid, std::string_view category, Time since) const override;

  void save(const Alert& alert);
  void record(const RecordReport& r);
  // Newest first; `communities` limits them to those (nothing: every community).
  std::vector<Alert> recent(const std::optional<std::vector<std::string>>& communities, int limit) const;

 private:
  mutable SQLite::Statement ongoing_, reports_, recent_;
  SQLite::Statement insert_, update_, forget_, record_;
};

}  // namespace gridbot::storage
