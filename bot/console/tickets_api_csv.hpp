// The ticket board as CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese as mojibake),
// RFC 4180 quoting, CRLF rows, the header in Chinese (templates: console.tickets.csv_header), and
// the same masked text the board shows.
#pragma once

#include <string>
#include <string_view>

#include "handlers/calendar.hpp"
#include "handlers/organization.hpp"
#include "handlers/ticket.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

// One field: quoted when it holds a comma, a quote or a line break (quotes doubled). A field a
// spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
std::string csv_field(std::string_view value);

class TicketsCsv {
 public:
  TicketsCsv(const Organization& org, const templates::Catalog& text, const WorkingCalendar& calendar, Time now);
  void add(const Ticket& t);
  std::string take() { return std::move(out_); }

 private:
  std::string local_time(Time t) const;  // "2026-12-01 09:30" in the service's zone; empty for none
  const Organization& org_;
  const templates::Catalog& text_;
  const WorkingCalendar& calendar_;
  Time now_;
  std::string out_;
};

}  // namespace gridbot::console
