#pragma once

#include <chrono>

namespace gridbot {
// Wall-clock instants at second resolution: what deadlines, timers and audit events need.
using Time = std::chrono::sys_seconds;
using Seconds = std::chrono::seconds;
}  // namespace gridbot
