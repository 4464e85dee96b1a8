// 吹哨报到: a grid summons departments (the first named leads, 主办; the others assist, 协办);
// each department's liaison must check in (报到) before its deadline, or the street is told.
#pragma once

#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

Actions report_in_overdue(const Ticket& t, std::string_view department, const Context& ctx);

}  // namespace gridbot
