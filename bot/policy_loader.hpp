// Reads an organization's rules of the process from the "policy" object of its organization file:
//   "policy": {"deadlines": {...}, "routes": {...}, "calendar": "calendar.json", ...}
// Every key is optional; a mistake stops start-up with the file, the key and why.
#pragma once

#include <string>
#include <string_view>

#include "handlers/organization.hpp"
#include "handlers/policy.hpp"

namespace gridbot {

// `base_dir` resolves a relative calendar path. Without a "calendar" key the built-in calendar
// (config/calendar.json) applies.
Policy parse_policy(std::string_view organization_json, const std::string& source, const std::string& base_dir,
                    const Organization& org);
WorkingCalendar builtin_calendar();

}  // namespace gridbot
