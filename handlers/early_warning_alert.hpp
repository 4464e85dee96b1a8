// An early warning (监测预警): a burst of reports of one category in one grid, and what a handler
// reads to notice one. Kept apart from handlers/early_warning.hpp so actions.hpp and context.hpp
// can name them without the handler.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/time.hpp"

namespace gridbot {

// One burst. `count` and `tickets` grow while the burst lasts (a report within `window` of the
// last one); `building` is the building every report named, else empty.
struct Alert {
  std::int64_t id = 0;  // 0: not yet stored
  std::string category, grid, community, building;
  std::int64_t count = 0;
  Seconds window{};
  Time raised_at{}, last_report_at{};
  std::vector<std::int64_t> tickets;
};

// A report counted toward a burst: a new ticket, or a neighbour's "+1" on one.
struct GridReport {
  std::int64_t ticket = 0;
  Time at{};
  std::string building;
};

class EarlyWarningReader {
 public:
  virtual ~EarlyWarningReader() = default;
  // The grid's alert for the category whose last report came after `since`: a burst still going.
  virtual std::optional<Alert> ongoing_alert(std::string_view grid, std::string_view category, Time since) const = 0;
  // The grid's reports of the category after `since`, oldest first.
  virtual std::vector<GridReport> reports_since(std::string_view grid, std::string_view category, Time since) const = 0;
};

// Insert (id 0) or update an alert.
struct SaveAlert {
  Alert alert;
};

// Remember a report for the window, and forget the place's reports at or before `forget_before`
// (past every window that could still count them).
struct RecordReport {
  std::string grid, category;
  GridReport report;
  Time forget_before{};
};

}  // namespace gridbot
